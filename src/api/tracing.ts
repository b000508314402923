// setTracing(): whether the calling thread records its per-operation events
// (lock, queue and pool traffic) on the timeline. State changes are always
// recorded, since RunResult's times come from them. Turning it off shows
// what tracing costs, and keeps a hot loop's events from filling the ring.

import { context } from "../runtime/door";

export function setTracing(enabled: boolean): void {
  context().ring.fastEvents = Boolean(enabled);
}
