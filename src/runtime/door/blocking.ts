// The door's blocking calls: every primitive that can make a thread sleep
// runs that call through block() (or a Blocker, its allocation-free form),
// which shows the thread blocked on the object, in the state its kind
// blocks as, with the wait-for edge the deadlock watch reads, and undoes
// both however the call ends. Fast paths that never sleep cost nothing.

import { context } from "../worker-context";
import { ThreadState } from "../../trace/events";
import { kindInfo, kindOf } from "../../trace/object-kinds";
import type { Placed } from "./objects";

/**
 * Runs a blocking core call on object `at`. If the core calls the onBlock
 * it is given (it is about to sleep), the caller is shown blocked on the
 * object (in the state its kind blocks as, unless `state` says otherwise)
 * with its wait-for edge set; both are undone when the call returns or
 * throws. Fast paths that never sleep cost nothing here.
 */
export function block<T>(at: Placed, timed: boolean, call: (onBlock: () => void) => T, state?: ThreadState): T {
  const ctx = context();
  let shown = false;
  try {
    return call(() => {
      if (shown) return;
      shown = true;
      ctx.table.setWait(ctx.ident, kindOf(at.ref), at.ref, at.base, timed);
      ctx.enter(state ?? kindInfo(kindOf(at.ref)).blocksAs, at.ref);
    });
  } finally {
    if (shown) {
      ctx.table.setWait(ctx.ident, 0);
      ctx.enter(ThreadState.Running);
    }
  }
}

/**
 * block() without allocating, for an object's hot paths (a queue's put and
 * get): one per object and worker, its onBlock passed to the core call, and
 * end() called in a finally.
 */
export class Blocker {
  private shown = false;
  /** whether the call in progress has a timeout (set before each call) */
  timed = false;
  private readonly ctx = context();

  constructor(private readonly at: Placed) {}

  readonly onBlock = (): void => {
    if (this.shown) return;
    this.shown = true;
    const { ctx, at } = this;
    ctx.table.setWait(ctx.ident, kindOf(at.ref), at.ref, at.base, this.timed);
    ctx.enter(kindInfo(kindOf(at.ref)).blocksAs, at.ref);
  };

  end(): void {
    if (!this.shown) return;
    this.shown = false;
    this.ctx.table.setWait(this.ctx.ident, 0);
    this.ctx.enter(ThreadState.Running);
  }
}

/** Shows the caller in `state` on object `ref` while `call` runs (no wait-for edge: sleeps, timers). */
export function during<T>(state: ThreadState, ref: number, call: () => T): T {
  const ctx = context();
  ctx.enter(state, ref);
  try {
    return call();
  } finally {
    ctx.enter(ThreadState.Running);
  }
}
