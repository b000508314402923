// Condition (Python's threading.Condition) over the sync core, with the
// caller's ident, the "waiting" state and wait-for edge while it sleeps, and
// the lock events of the release and re-acquire a wait implies. Each thread
// that ever waits brings a waiter node of its own (two heap words, allocated
// on its first wait): it waits on one condition at a time.
//
// In a controlled run (API.md §10) wait and notify are steps, and a wait is
// the core's wait in pieces: queue and free the lock, give the turn up
// until notified (the scheduler wakes waiters when the condition is
// touched), then take the lock back, giving the turn up while it is held.

import { Condition as ConditionCore, waitForPredicate } from "../sync/condition";
import { Lock as LockCore } from "../sync/lock";
import { RLock as RLockCore } from "../sync/rlock";
import { RuntimeError, TypeError_ } from "../base/errors";
import { context, type WorkerContext, block, place, track, trackPart, type Placed, SEND, type Sendable, happensBefore, step, touched, StepKind } from "../runtime/door";
import { ObjKind } from "../trace/object-kinds";
import { ThreadState } from "../trace/events";
import { Lock, RLock, timeoutOf, type LockLike } from "./locks";

const waiterNodes = new WeakMap<WorkerContext, number>();

/** This thread's Condition waiter node (it waits on one condition at a time). */
function waiterNode(ctx: WorkerContext): number {
  let node = waiterNodes.get(ctx);
  if (node === undefined) waiterNodes.set(ctx, (node = ctx.heap.alloc(ConditionCore.NODE_WORDS)));
  return node;
}

export class Condition implements Sendable, LockLike {
  private readonly ctx: WorkerContext;
  private readonly core: ConditionCore;
  private readonly at: Placed;
  private readonly lock: Lock | RLock;
  private readonly lockAt: Placed;

  /** `lock` defaults to a new RLock, as in Python. */
  constructor(lock?: Lock | RLock, shared?: Placed) {
    const ctx = (this.ctx = context());
    const theLock = lock ?? new RLock();
    if (!(theLock instanceof Lock || theLock instanceof RLock)) {
      throw new TypeError_("Condition(lock): the lock must be a Lock or an RLock from \"playground\"");
    }
    this.lock = theLock;
    this.lockAt = theLock.placed;
    const reentrant = theLock instanceof RLock;
    const lockCore = reentrant ? new RLockCore(ctx.i32, this.lockAt.base) : new LockCore(ctx.i32, this.lockAt.base);
    this.at = place(ObjKind.Condition, ConditionCore.WORDS, shared);
    track(this, this.at.ref);
    if (!lock) trackPart(this, theLock, "lock");
    this.core = new ConditionCore(ctx.i32, this.at.base, lockCore);
  }

  /** Acquires the underlying lock (see Lock.acquire). */
  acquire(blocking = true, timeoutMs?: number): boolean {
    return this.lock.acquire(blocking, timeoutMs);
  }

  release(): void {
    this.lock.release();
  }

  with<T>(fn: () => T): T {
    return this.lock.with(fn);
  }

  /**
   * Releases the lock, waits for a notify (or `timeoutMs`), re-acquires the
   * lock. False on timeout. Shown as waiting on the condition, then, if the
   * lock is taken when it wakes, as blocked on the lock.
   */
  wait(timeoutMs?: number): boolean {
    const waitMs = timeoutOf(true, timeoutMs);
    const ctx = this.ctx;
    const ident = ctx.ident;
    if (ctx.state === ThreadState.EventLoopIdle) ctx.resume();
    if (!this.core.owns(ident)) throw new RuntimeError("cannot wait on un-acquired lock");
    step(StepKind.Wait, this.at.ref);
    // (stamped before the wait frees the lock: api/locks.ts)
    ctx.ring.lockReleased(this.lockAt.ref, ctx.ring.releaseTime(this.lock.releasedAt));
    const hb = happensBefore();
    hb?.release(this.lockAt.ref);
    // Shown waiting on the condition; if the lock is taken when it wakes, blocked on the lock.
    try {
      if (ctx.control) return this.waitControlled(waitMs);
      return block(this.at, waitMs !== Infinity, (onBlock) =>
        block(this.lockAt, false, (onRelock) => this.core.wait(ident, waiterNode(ctx), waitMs, onBlock, onRelock)));
    } finally {
      ctx.ring.lockAcquired(this.lockAt.ref, this.lock.releasedAt);
      hb?.acquire(this.lockAt.ref);
      hb?.acquire(this.at.ref);
    }
  }

  /** wait() in a controlled run: the scheduler's turn stands in for each sleep (see the header); deadlines are virtual. */
  private waitControlled(waitMs: number): boolean {
    const ident = this.ctx.ident;
    const node = waiterNode(this.ctx);
    const saved = this.core.beginWait(ident, node);
    touched(this.lockAt.ref);
    const notified = block(this.at, waitMs !== Infinity, (wouldBlock) => this.core.isNotified(node) || (waitMs > 0 && wouldBlock()), undefined, waitMs);
    return block(this.lockAt, false, (wouldBlock) => this.core.endWait(ident, node, saved, notified === true, wouldBlock));
  }

  /** Waits until `predicate()` is truthy (Python's wait_for); returns its last value. */
  waitFor<T>(predicate: () => T, timeoutMs?: number): T {
    if (typeof predicate !== "function") throw new TypeError_("Condition.waitFor(predicate): predicate must be a function");
    // The context's clock: virtual in a controlled run, so a replay times out where the run did.
    return waitForPredicate(predicate, timeoutOf(true, timeoutMs), (leftMs) => this.wait(leftMs), () => this.ctx.now());
  }

  /** Wakes up to `n` of the threads waiting now. */
  notify(n = 1): void {
    step(StepKind.Notify, this.at.ref);
    happensBefore()?.release(this.at.ref);
    this.core.notify(this.ctx.ident, n);
    touched(this.at.ref);
  }

  notifyAll(): void {
    step(StepKind.Notify, this.at.ref);
    happensBefore()?.release(this.at.ref);
    this.core.notifyAll(this.ctx.ident);
    touched(this.at.ref);
  }

  [SEND]() {
    return { kind: "Condition", data: { ...this.at, lock: this.lock } };
  }

  toString(): string {
    return `<Condition(${String(this.lock)}, ${this.core.waiting()})>`;
  }
}
