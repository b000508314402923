// What every blocking wrapper of the API (condition.ts, semaphore.ts,
// event.ts, barrier.ts) shares: where its heap words and timeline id come
// from, and how a core call that is about to sleep shows the caller as
// waiting, with the wait-for edge the deadlock watch reads, only then.

import type { WorkerContext } from "../runtime/worker-context";
import { Ctl } from "../runtime/thread-table";
import { WaitKind } from "../runtime/wait-kinds";
import { ThreadState } from "../trace/events";

export interface Shared {
  base: number;
  id: number;
}

/** Heap words and timeline id: those of `shared` when reviving, else new ones. */
export function place(ctx: WorkerContext, words: number, shared: Shared | undefined): Shared {
  return shared ? { base: shared.base, id: shared.id } : { base: ctx.heap.alloc(words), id: ctx.table.counter(Ctl.ObjectIds) };
}

/**
 * Runs a blocking core call. If the core calls the onBlock it is given (it is
 * about to sleep), the caller is shown in `state` on object `id` with its
 * wait-for edge set; both are undone when the call returns or throws.
 */
export function traced<T>(ctx: WorkerContext, state: ThreadState, kind: WaitKind, at: Shared, timed: boolean, call: (onBlock: () => void) => T): T {
  let shown = false;
  try {
    return call(() => {
      shown = true;
      ctx.table.setWait(ctx.ident, kind, at.id, at.base, timed);
      ctx.enter(state, at.id);
    });
  } finally {
    if (shown) {
      ctx.table.setWait(ctx.ident, WaitKind.None);
      ctx.enter(ThreadState.Running);
    }
  }
}
