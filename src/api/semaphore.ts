// Semaphore and BoundedSemaphore (Python's threading) over the sync core,
// with the caller shown as blocked, and its wait-for edge set, while it sleeps.

import { BoundedSemaphore as BoundedSemaphoreCore, checkInitialValue, Semaphore as SemaphoreCore } from "../sync/semaphore";
import { context, type WorkerContext, block, place, track, type Placed, SEND, type Sendable, happensBefore, step, touched, StepKind } from "../runtime/door";
import { ObjKind } from "../trace/object-kinds";
import { timeoutOf, type LockLike } from "./locks";

export class Semaphore implements Sendable, LockLike {
  protected readonly ctx: WorkerContext;
  protected readonly core: SemaphoreCore;
  protected readonly at: Placed;

  constructor(value = 1, shared?: Placed, bounded?: boolean) {
    const ctx = (this.ctx = context());
    // Checked before allocating, so a bad value costs no heap words.
    if (!shared) checkInitialValue(value);
    this.at = place(bounded ? ObjKind.BoundedSemaphore : ObjKind.Semaphore, SemaphoreCore.WORDS, shared);
    track(this, this.at.ref);
    this.core = shared
      ? new SemaphoreCore(ctx.i32, this.at.base)
      : (bounded ? BoundedSemaphoreCore : SemaphoreCore).init(ctx.i32, this.at.base, value);
  }

  /** Takes one unit, waiting while there is none; false on timeout or when not `blocking`. */
  acquire(blocking = true, timeoutMs?: number): boolean {
    const waitMs = timeoutOf(blocking, timeoutMs);
    step(StepKind.Acquire, this.at.ref);
    const got = this.core.tryAcquire()
      || (waitMs !== 0 && block(this.at, waitMs !== Infinity, (onBlock) => this.core.acquire(this.ctx.ident, waitMs, onBlock), undefined, waitMs));
    if (got) happensBefore()?.acquire(this.at.ref);
    return got;
  }

  /** Gives back `n` units, waking up to `n` waiting threads. Any thread may release. */
  release(n = 1): void {
    step(StepKind.Release, this.at.ref);
    happensBefore()?.release(this.at.ref);
    this.core.release(n);
    touched(this.at.ref);
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
    return { kind: "Semaphore", data: this.at };
  }

  toString(): string {
    return `<Semaphore value=${this.core.value()}>`;
  }
}

export class BoundedSemaphore extends Semaphore {
  constructor(value = 1, shared?: Placed) {
    super(value, shared, true);
  }

  override [SEND]() {
    return { kind: "BoundedSemaphore", data: this.at };
  }

  override toString(): string {
    return `<BoundedSemaphore value=${this.core.value()}/${this.core.bound()}>`;
  }
}
