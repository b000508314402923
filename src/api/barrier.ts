// Barrier (Python's threading.Barrier) over the sync core. Its action is a
// function, and functions cannot be shared: it travels with the Barrier
// through SEND (a top-level function by name, an inline one as source plus
// copies of what it captures), and whichever thread trips the barrier runs
// its own copy. In a controlled run wait, abort and reset are steps, and a
// waiter sleeps through the scheduler (parkingFor), touched by every call
// that can wake one.

import { Barrier as BarrierCore, BROKEN, checkParties, RESET } from "../sync/barrier";
import { RuntimeError, TypeError_ } from "../base/errors";
import {
  Blocker, context, place, track, type Placed, SEND, type Sendable, happensBefore, parkingFor, step, touched, StepKind,
} from "../runtime/door";
import { ObjKind } from "../trace/object-kinds";
import { timeoutOf } from "./locks";

/** Python's threading.BrokenBarrierError, a RuntimeError. */
export class BrokenBarrierError extends RuntimeError {
  constructor(message = "") {
    super(message);
    this.name = "BrokenBarrierError";
  }
}

export class Barrier implements Sendable {
  private readonly core: BarrierCore;
  private readonly at: Placed;
  private readonly action: (() => unknown) | undefined;
  private readonly timeoutMs: number | undefined;
  private readonly blocker: Blocker;

  /**
   * `action` runs in the thread that arrives last, before the others go on;
   * `timeoutMs` is the default for wait().
   */
  constructor(parties: number, action?: () => unknown, timeoutMs?: number, shared?: Placed) {
    const ctx = context();
    if (action !== undefined && action !== null && typeof action !== "function") {
      throw new TypeError_("Barrier(parties, action): action must be a function");
    }
    if (timeoutMs !== undefined) timeoutOf(true, timeoutMs);
    // Checked before allocating, so bad parties cost no heap words.
    if (!shared) checkParties(parties);
    this.action = action ?? undefined;
    this.timeoutMs = timeoutMs;
    this.at = place(ObjKind.Barrier, BarrierCore.WORDS, shared);
    track(this, this.at.ref);
    this.blocker = new Blocker(this.at);
    this.core = shared ? new BarrierCore(ctx.i32, this.at.base) : BarrierCore.init(ctx.i32, this.at.base, parties);
  }

  /**
   * Waits until `parties` threads are waiting; returns this thread's index
   * (0 .. parties-1, in arrival order). Throws BrokenBarrierError if the
   * barrier is or becomes broken, is reset, or `timeoutMs` (default: the
   * constructor's) passes; the action's own error in the thread that ran it.
   */
  wait(timeoutMs?: number): number {
    const waitMs = timeoutOf(true, timeoutMs ?? this.timeoutMs);
    const { blocker, action } = this;
    blocker.timed = waitMs !== Infinity;
    // The thread that trips the barrier may have waited for the previous
    // round to drain; it runs the action as a running thread.
    const hb = happensBefore();
    const run = action && (() => {
      blocker.end();
      // Every party has arrived, each released at the barrier first: the action sees all their writes (Python runs it
      // before any is let go), and what it writes reaches each waiter's acquire as it goes on. Without these, the
      // race detector reported the action's write against the next round's action in another thread.
      hb?.acquire(this.at.ref);
      action();
      hb?.release(this.at.ref);
    });
    let result: number;
    step(StepKind.Wait, this.at.ref);
    hb?.release(this.at.ref);
    try {
      result = this.core.wait(waitMs, run, blocker.onBlock, parkingFor(this.at.ref));
    } finally {
      blocker.end();
      // It may have tripped, broken or drained the barrier: waiters go on.
      touched(this.at.ref);
    }
    if (result >= 0) {
      hb?.acquire(this.at.ref);
      return result;
    }
    if (result === BROKEN) throw new BrokenBarrierError("the barrier is broken (aborted, timed out, or its action failed); reset() repairs it");
    if (result === RESET) throw new BrokenBarrierError("the barrier was reset while this thread waited");
    throw new BrokenBarrierError(`Barrier.wait timed out after ${waitMs} ms, which broke the barrier`);
  }

  /** Breaks the barrier: threads waiting now and later get BrokenBarrierError until reset(). */
  abort(): void {
    step(StepKind.Abort, this.at.ref);
    this.core.abort(parkingFor(this.at.ref));
    touched(this.at.ref);
  }

  /** Back to the initial state; threads waiting now get BrokenBarrierError. */
  reset(): void {
    step(StepKind.Reset, this.at.ref);
    this.core.reset(parkingFor(this.at.ref));
    touched(this.at.ref);
  }

  get parties(): number {
    return this.core.parties();
  }

  /** How many threads are waiting for the barrier to fill now. */
  get nWaiting(): number {
    return this.core.nWaiting();
  }

  get broken(): boolean {
    return this.core.broken();
  }

  [SEND]() {
    return {
      kind: "Barrier",
      data: { ...this.at, parties: this.parties, action: this.action, timeoutMs: this.timeoutMs },
    };
  }

  toString(): string {
    return this.broken ? "<Barrier: broken>" : `<Barrier: waiters=${this.nWaiting}/${this.parties}>`;
  }
}
