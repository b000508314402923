// setTracing(): whether the calling thread records its per-operation events
// (lock, queue and pool traffic) on the timeline. State changes are always
// recorded, since RunResult's times come from them. Turning it off shows
// what tracing costs, and keeps a hot loop's events from filling the ring.
// Each change is itself recorded (EventKind.Tracing), always: the timeline
// marks where the thread stopped and started recording, and does not take
// a release it did not record for a lock still held (trace/contradictions.ts).

import { context } from "../runtime/door";
import { EventKind } from "../trace/events";

export function setTracing(enabled: boolean): void {
  const ctx = context();
  const on = Boolean(enabled);
  if (ctx.ring.fastEvents === on) return;
  ctx.trace(EventKind.Tracing, on ? 1 : 0, 0);
  ctx.ring.fastEvents = on;
}
