// The door's blocking calls: every primitive that can make a thread sleep
// runs that call through block() (or a Blocker, its allocation-free form),
// which shows the thread blocked on the object, in the state its kind
// blocks as, with the wait-for edge the deadlock watch reads, and undoes
// both however the call ends. Fast paths that never sleep cost nothing.

import { context } from "../worker-context";
import { ThreadState } from "../../trace/events";
import { kindInfo, kindOf } from "../../trace/object-kinds";
import type { Placed } from "./objects";
import { WouldBlock, type Scheduler } from "../control/scheduler";

/**
 * Runs a blocking core call on object `at`. If the core calls the onBlock
 * it is given (it is about to sleep), the caller is shown blocked on the
 * object (in the state its kind blocks as, unless `state` says otherwise)
 * with its wait-for edge set; both are undone when the call returns or
 * throws. Fast paths that never sleep cost nothing here.
 */
export function block<T>(at: Placed, timed: boolean, call: (onBlock: () => void) => T, state?: ThreadState, timeoutMs = Infinity): T {
  const control = context().control;
  return shownBlocked(at, timed, state, (show) => (control ? controlledBlock(control, at.ref, timeoutMs, call, show) : call(show)));
}

/**
 * block() for a core that sleeps through the Parking it is given
 * (parkingFor, door/controlled.ts): in a controlled run it gives its turn
 * up by itself, so the call runs as it is, in any run.
 */
export function blockParked<T>(at: Placed, timed: boolean, call: (onBlock: () => void) => T): T {
  return shownBlocked(at, timed, undefined, call);
}

function shownBlocked<T>(at: Placed, timed: boolean, state: ThreadState | undefined, body: (show: () => void) => T): T {
  const ctx = context();
  let shown = false;
  const show = () => {
    if (shown) return;
    shown = true;
    ctx.table.setWait(ctx.ident, kindOf(at.ref), at.ref, at.base, timed);
    ctx.enter(state ?? kindInfo(kindOf(at.ref)).blocksAs, at.ref);
  };
  try {
    return body(show);
  } finally {
    if (shown) {
      ctx.table.setWait(ctx.ident, 0);
      ctx.enter(ThreadState.Running);
    }
  }
}

/**
 * block() in a controlled run: the core is stopped where it would sleep
 * (WouldBlock), the thread gives the baton up blocked on the object, and
 * tries again when the scheduler says the object changed. A wait whose
 * virtual deadline passes returns false, the timeout answer of every kind a
 * controlled run allows (door/controlled.ts: locks, semaphores, events, joins).
 */
function controlledBlock<T>(control: Scheduler, ref: number, timeoutMs: number, call: (onBlock: () => void) => T, show: () => void): T {
  const deadline = timeoutMs === Infinity ? Infinity : control.now() + timeoutMs;
  const wouldBlock = () => {
    show();
    throw new WouldBlock();
  };
  for (;;) {
    try {
      return call(wouldBlock);
    } catch (error) {
      if (!(error instanceof WouldBlock)) throw error;
    }
    if (!control.blockOn(ref, deadline)) return false as T;
  }
}

/**
 * A blocking call of a controlled run made of attempts that never sleep
 * (a queue's put with no wait): while `attempt()` answers `fail`, the
 * thread gives its turn up blocked on `at` until the object is touched or
 * the virtual `timeoutMs` passes (then the answer is `fail`).
 */
export function attemptUntil<T>(at: Placed, timeoutMs: number, fail: T, attempt: () => T): T {
  const answer = block(at, timeoutMs !== Infinity, (wouldBlock) => {
    const result = attempt();
    if (result === fail && timeoutMs > 0) wouldBlock();
    return result;
  }, undefined, timeoutMs);
  // A deadline that passed answers false (controlledBlock).
  return answer === (false as unknown as T) ? fail : answer;
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
