// setTracing(): whether the calling thread records its per-operation events
// (lock, queue and pool traffic) on the timeline. State changes are always
// recorded, since RunResult's times come from them. Turning it off shows
// what tracing costs, and keeps a hot loop's events from filling the ring.
// Each change is itself recorded (EventKind.Tracing): the timeline marks
// where the thread stopped and started recording, and hatches what it may
// have left out (trace/model-untraced.ts). A thread records its first
// MAX_RECORDED_CHANGES changes; past them, one more that turns it off, and
// then none: toggling in a loop does not fill the ring either, and the
// page, told last that it went off, takes it as off to the end (which
// hatches more than was missed, never less).

import { context } from "../runtime/door";
import { EventKind } from "../trace/events";
import type { RingWriter } from "../trace/ring";

const MAX_RECORDED_CHANGES = 1000;

/** changes recorded per thread (by its ring) */
const recorded = new WeakMap<RingWriter, number>();

export function setTracing(enabled: boolean): void {
  const ctx = context();
  const on = Boolean(enabled);
  const ring = ctx.ring;
  if (ring.fastEvents === on) return;
  const changes = recorded.get(ring) ?? 0;
  if (changes < MAX_RECORDED_CHANGES || (changes === MAX_RECORDED_CHANGES && !on)) {
    ctx.trace(EventKind.Tracing, on ? 1 : 0, 0);
    recorded.set(ring, changes + 1);
  }
  ring.fastEvents = on;
}
