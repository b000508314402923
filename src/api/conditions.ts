// Condition, Semaphore, BoundedSemaphore, Event and Barrier as snippets use
// them (Python's threading), over the sync cores. What this layer adds, as
// locks.ts does for Lock: the caller's ident; a "waiting" (or, for a
// semaphore, "blocked") state on the timeline only when the caller really
// sleeps (the cores' onBlock); and the wait-for edge the deadlock watch
// reads. Objects travel to other threads by reference: [SEND] gives their
// heap words and timeline id, and revive.ts rebuilds them over the same
// memory.
//
// Two things live per thread rather than in the object:
// - a Condition waiter's node (sync/condition.ts): two heap words per thread
//   that ever waits, allocated on its first wait;
// - a Barrier's action: functions cannot be shared, so the action travels
//   with the Barrier through SEND (the serializer sends a top-level function
//   by name and an inline one as source plus copies of what it captures),
//   and whichever thread trips the barrier runs its own copy.

import { Barrier as BarrierCore, BROKEN, checkParties, RESET } from "../sync/barrier";
import { Condition as ConditionCore, waitForPredicate } from "../sync/condition";
import { Event as EventCore } from "../sync/event";
import { Lock as LockCore } from "../sync/lock";
import { RLock as RLockCore } from "../sync/rlock";
import { BoundedSemaphore as BoundedSemaphoreCore, checkInitialValue, Semaphore as SemaphoreCore } from "../sync/semaphore";
import { RuntimeError, TypeError_ } from "../base/errors";
import { context, type WorkerContext } from "../runtime/worker-context";
import { Ctl } from "../runtime/thread-table";
import { WaitKind } from "../runtime/wait-kinds";
import { SEND, type Sendable } from "../runtime/serialize";
import { EventKind, ThreadState } from "../trace/events";
import { Lock, RLock, timeoutOf, type LockLike } from "./locks";

/** Python's threading.BrokenBarrierError, a RuntimeError. */
export class BrokenBarrierError extends RuntimeError {
  constructor(message = "") {
    super(message);
    this.name = "BrokenBarrierError";
  }
}

interface Shared {
  base: number;
  id: number;
}

/** Heap words and timeline id: those of `shared` when reviving, else new ones. */
function place(ctx: WorkerContext, words: number, shared: Shared | undefined): Shared {
  return shared ? { base: shared.base, id: shared.id } : { base: ctx.heap.alloc(words), id: ctx.table.counter(Ctl.ObjectIds) };
}

/**
 * Runs a blocking core call. If the core calls the onBlock it is given (it is
 * about to sleep), the caller is shown in `state` on object `id` with its
 * wait-for edge set; both are undone when the call returns or throws.
 */
function traced<T>(ctx: WorkerContext, state: ThreadState, kind: WaitKind, at: Shared, timed: boolean, call: (onBlock: () => void) => T): T {
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

const waiterNodes = new WeakMap<WorkerContext, number>();

/** This thread's Condition waiter node (it waits on one condition at a time). */
function waiterNode(ctx: WorkerContext): number {
  let node = waiterNodes.get(ctx);
  if (node === undefined) waiterNodes.set(ctx, (node = ctx.heap.alloc(ConditionCore.NODE_WORDS)));
  return node;
}

// ---- Condition ---------------------------------------------------------------

export class Condition implements Sendable, LockLike {
  private readonly ctx: WorkerContext;
  private readonly core: ConditionCore;
  private readonly at: Shared;
  private readonly lock: Lock | RLock;
  private readonly lockAt: Shared;
  private readonly lockKind: WaitKind;
  /** the id the timeline shows for this condition */
  readonly id: number;

  /** `lock` defaults to a new RLock, as in Python. */
  constructor(lock?: Lock | RLock, shared?: Shared) {
    const ctx = (this.ctx = context());
    const theLock = lock ?? new RLock();
    if (!(theLock instanceof Lock || theLock instanceof RLock)) {
      throw new TypeError_("Condition(lock): the lock must be a Lock or an RLock from \"playground\"");
    }
    this.lock = theLock;
    this.lockAt = { base: theLock[SEND]().data.base, id: theLock.id };
    const reentrant = theLock instanceof RLock;
    this.lockKind = reentrant ? WaitKind.RLock : WaitKind.Lock;
    const lockCore = reentrant ? new RLockCore(ctx.i32, this.lockAt.base) : new LockCore(ctx.i32, this.lockAt.base);
    this.at = place(ctx, ConditionCore.WORDS, shared);
    this.id = this.at.id;
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
    if (!this.core.owns(ident)) throw new RuntimeError("cannot wait on un-acquired lock");
    ctx.traceFast(EventKind.LockReleased, 0, this.lockAt.id);
    let shown = false;
    const onBlock = () => {
      shown = true;
      ctx.table.setWait(ident, WaitKind.Condition, this.id, this.at.base, waitMs !== Infinity);
      ctx.enter(ThreadState.Waiting, this.id);
    };
    const onRelock = () => {
      shown = true;
      ctx.table.setWait(ident, this.lockKind, this.lockAt.id, this.lockAt.base, false);
      ctx.enter(ThreadState.Blocked, this.lockAt.id);
    };
    try {
      return this.core.wait(ident, waiterNode(ctx), waitMs, onBlock, onRelock);
    } finally {
      if (shown) {
        ctx.table.setWait(ident, WaitKind.None);
        ctx.enter(ThreadState.Running);
      }
      ctx.traceFast(EventKind.LockAcquired, 0, this.lockAt.id);
    }
  }

  /** Waits until `predicate()` is truthy (Python's wait_for); returns its last value. */
  waitFor<T>(predicate: () => T, timeoutMs?: number): T {
    if (typeof predicate !== "function") throw new TypeError_("Condition.waitFor(predicate): predicate must be a function");
    return waitForPredicate(predicate, timeoutOf(true, timeoutMs), (leftMs) => this.wait(leftMs));
  }

  /** Wakes up to `n` of the threads waiting now. */
  notify(n = 1): void {
    this.core.notify(this.ctx.ident, n);
  }

  notifyAll(): void {
    this.core.notifyAll(this.ctx.ident);
  }

  [SEND]() {
    return { kind: "Condition", data: { base: this.at.base, id: this.id, lock: this.lock } };
  }

  toString(): string {
    return `<Condition(${String(this.lock)}, ${this.core.waiting()})>`;
  }
}

// ---- Semaphore, BoundedSemaphore ---------------------------------------------

export class Semaphore implements Sendable, LockLike {
  protected readonly ctx: WorkerContext;
  protected readonly core: SemaphoreCore;
  protected readonly at: Shared;
  /** the id the timeline shows for this semaphore */
  readonly id: number;

  constructor(value = 1, shared?: Shared, bounded?: boolean) {
    const ctx = (this.ctx = context());
    // Checked before allocating, so a bad value costs no heap words.
    if (!shared) checkInitialValue(value);
    this.at = place(ctx, SemaphoreCore.WORDS, shared);
    this.id = this.at.id;
    this.core = shared
      ? new SemaphoreCore(ctx.i32, this.at.base)
      : (bounded ? BoundedSemaphoreCore : SemaphoreCore).init(ctx.i32, this.at.base, value);
  }

  /** Takes one unit, waiting while there is none; false on timeout or when not `blocking`. */
  acquire(blocking = true, timeoutMs?: number): boolean {
    const waitMs = timeoutOf(blocking, timeoutMs);
    if (this.core.tryAcquire()) return true;
    if (waitMs === 0) return false;
    const ctx = this.ctx;
    return traced(ctx, ThreadState.Blocked, WaitKind.Semaphore, this.at, waitMs !== Infinity, (onBlock) =>
      this.core.acquire(ctx.ident, waitMs, onBlock));
  }

  /** Gives back `n` units, waking up to `n` waiting threads. Any thread may release. */
  release(n = 1): void {
    this.core.release(n);
  }

  with<T>(fn: () => T): T {
    this.acquire();
    try {
      return fn();
    } finally {
      this.release();
    }
  }

  [SEND]() {
    return { kind: "Semaphore", data: { base: this.at.base, id: this.id } };
  }

  toString(): string {
    return `<Semaphore value=${this.core.value()}>`;
  }
}

export class BoundedSemaphore extends Semaphore {
  constructor(value = 1, shared?: Shared) {
    super(value, shared, true);
  }

  override [SEND]() {
    return { kind: "BoundedSemaphore", data: { base: this.at.base, id: this.id } };
  }

  override toString(): string {
    return `<BoundedSemaphore value=${this.core.value()}/${this.core.bound()}>`;
  }
}

// ---- Event -------------------------------------------------------------------

export class Event implements Sendable {
  private readonly ctx: WorkerContext;
  private readonly core: EventCore;
  private readonly at: Shared;
  /** the id the timeline shows for this event */
  readonly id: number;

  constructor(shared?: Shared) {
    const ctx = (this.ctx = context());
    this.at = place(ctx, EventCore.WORDS, shared);
    this.id = this.at.id;
    this.core = new EventCore(ctx.i32, this.at.base);
  }

  isSet(): boolean {
    return this.core.isSet();
  }

  set(): void {
    this.core.set();
  }

  clear(): void {
    this.core.clear();
  }

  /** Blocks until the flag is set; false when `timeoutMs` passed first. */
  wait(timeoutMs?: number): boolean {
    const waitMs = timeoutOf(true, timeoutMs);
    if (this.core.isSet()) return true;
    const ctx = this.ctx;
    return traced(ctx, ThreadState.Waiting, WaitKind.Event, this.at, waitMs !== Infinity, (onBlock) => this.core.wait(waitMs, onBlock));
  }

  [SEND]() {
    return { kind: "Event", data: { base: this.at.base, id: this.id } };
  }

  toString(): string {
    return `<Event: ${this.isSet() ? "set" : "unset"}>`;
  }
}

// ---- Barrier -----------------------------------------------------------------

export class Barrier implements Sendable {
  private readonly ctx: WorkerContext;
  private readonly core: BarrierCore;
  private readonly at: Shared;
  private readonly action: (() => unknown) | undefined;
  private readonly timeoutMs: number | undefined;
  /** the id the timeline shows for this barrier */
  readonly id: number;

  /**
   * `action` runs in the thread that arrives last, before the others go on;
   * `timeoutMs` is the default for wait().
   */
  constructor(parties: number, action?: () => unknown, timeoutMs?: number, shared?: Shared) {
    const ctx = (this.ctx = context());
    if (action !== undefined && action !== null && typeof action !== "function") {
      throw new TypeError_("Barrier(parties, action): action must be a function");
    }
    if (timeoutMs !== undefined) timeoutOf(true, timeoutMs);
    // Checked before allocating, so bad parties cost no heap words.
    if (!shared) checkParties(parties);
    this.action = action ?? undefined;
    this.timeoutMs = timeoutMs;
    this.at = place(ctx, BarrierCore.WORDS, shared);
    this.id = this.at.id;
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
    const ctx = this.ctx;
    const ident = ctx.ident;
    let shown = false;
    const unshow = () => {
      if (!shown) return;
      shown = false;
      ctx.table.setWait(ident, WaitKind.None);
      ctx.enter(ThreadState.Running);
    };
    const onBlock = () => {
      shown = true;
      ctx.table.setWait(ident, WaitKind.Barrier, this.id, this.at.base, waitMs !== Infinity);
      ctx.enter(ThreadState.Waiting, this.id);
    };
    const action = this.action;
    // The thread that trips the barrier may have waited for the previous
    // round to drain; it runs the action as a running thread.
    const run = action && (() => {
      unshow();
      action();
    });
    let result: number;
    try {
      result = this.core.wait(waitMs, run, onBlock);
    } finally {
      unshow();
    }
    if (result >= 0) return result;
    if (result === BROKEN) throw new BrokenBarrierError("the barrier is broken (aborted, timed out, or its action failed); reset() repairs it");
    if (result === RESET) throw new BrokenBarrierError("the barrier was reset while this thread waited");
    throw new BrokenBarrierError(`Barrier.wait timed out after ${waitMs} ms, which broke the barrier`);
  }

  /** Breaks the barrier: threads waiting now and later get BrokenBarrierError until reset(). */
  abort(): void {
    this.core.abort();
  }

  /** Back to the initial state; threads waiting now get BrokenBarrierError. */
  reset(): void {
    this.core.reset();
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
      data: { base: this.at.base, id: this.id, parties: this.parties, action: this.action, timeoutMs: this.timeoutMs },
    };
  }

  toString(): string {
    return this.broken ? "<Barrier: broken>" : `<Barrier: waiters=${this.nWaiting}/${this.parties}>`;
  }
}
