// Lock and RLock as snippets use them (Python's threading.Lock/RLock): the
// sync cores plus what the playground adds around them — the caller's ident,
// the "blocked on a lock" state and lock events on the timeline, and the
// wait-for edge the deadlock watch reads. The fast path stays a CAS and two
// ring writes, so a traced pair costs about twice a bare one.
//
// Each lock keeps, in a Float64 after its core's words, the time its last
// release was recorded at: written before the core frees it, read by the
// next holder once it has it, so that no hold is drawn starting before the
// previous one ended (trace/ring.ts lockAcquired).

import { Lock as LockCore } from "../sync/lock";
import { RLock as RLockCore } from "../sync/rlock";
import { ValueError } from "../base/errors";
import { context, type WorkerContext, block, Blocker, place, track, type Placed, SEND, type Sendable, happensBefore, StepKind } from "../runtime/door";
import { ObjKind } from "../trace/object-kinds";
import { ThreadState } from "../trace/events";
import type { RingWriter } from "../trace/ring";

export interface LockLike {
  acquire(blocking?: boolean, timeoutMs?: number): boolean;
  release(): void;
}

/** Python's (blocking, timeout) pair, in ms; Infinity means forever. */
export function timeoutOf(blocking: boolean, timeoutMs: number | undefined): number {
  if (!blocking) {
    if (timeoutMs !== undefined && timeoutMs !== -1) throw new ValueError("can't specify a timeout for a non-blocking call");
    return 0;
  }
  if (timeoutMs === undefined || timeoutMs === -1 || timeoutMs === Infinity) return Infinity;
  if (!(timeoutMs >= 0)) throw new ValueError("timeout value must be a non-negative number (ms)");
  return timeoutMs;
}

/** The heap words a lock takes: its core's, then (8-byte aligned) the Float64 of its last release's time. */
function lockWords(coreWords: number): number {
  return coreWords + (coreWords & 1) + 2;
}

/** The Float64 index of a lock's last release time (lockWords), from where the lock lies. */
export function releasedAtOf(at: Placed, coreWords: number): number {
  return (at.base + coreWords + (coreWords & 1)) >> 1;
}

/**
 * Block on `core` through the door: the thread shown as blocked, and its
 * wait-for edge set. Outside a controlled run through the lock's own
 * Blocker: a contended lock comes here on many of its acquires, most of
 * which the spin wins, and block()'s closures were garbage each time.
 */
function acquireSlow(ctx: WorkerContext, core: LockCore | RLockCore, at: Placed, timeoutMs: number, releasedAt: number, blocker: Blocker): boolean {
  if (timeoutMs === 0) return false;
  let got: boolean;
  if (ctx.control) {
    got = block(at, timeoutMs !== Infinity, (onBlock) => core.acquire(ctx.ident, timeoutMs, onBlock), undefined, timeoutMs);
  } else {
    blocker.timed = timeoutMs !== Infinity;
    try {
      got = core.acquire(ctx.ident, timeoutMs, blocker.onBlock);
    } finally {
      blocker.end();
    }
  }
  if (got) {
    ctx.ring.lockAcquired(at.ref, releasedAt);
    ctx.race?.acquire(at.ref);
  }
  return got;
}

abstract class BaseLock<Core extends LockCore | RLockCore> implements Sendable, LockLike {
  protected readonly core: Core;
  /** this worker's context: a lock object lives in one worker (others get their own) */
  protected readonly ctx: WorkerContext;
  private readonly ring: RingWriter;
  private readonly ident: number;
  protected readonly at: Placed;
  private readonly ref: number;
  /** the Float64 index of the time of this lock's last release (see the header) */
  readonly releasedAt: number;
  /** the race detector's hooks, null when it is off */
  protected readonly hb = happensBefore();
  /** shows this thread blocked on the lock while it sleeps for it (made at the first contended acquire) */
  private blocker: Blocker | null = null;

  constructor(kind: ObjKind, make: (i32: Int32Array, base: number) => Core, WORDS: number, shared?: Placed) {
    const ctx = (this.ctx = context());
    this.ring = ctx.ring;
    this.ident = ctx.ident;
    this.at = place(kind, lockWords(WORDS), shared, { align: 2 });
    this.ref = this.at.ref;
    this.releasedAt = releasedAtOf(this.at, WORDS);
    this.core = make(ctx.i32, this.at.base);
    track(this, this.ref);
  }

  /** the lock's heap words and ref, for a Condition made over it */
  get placed(): Placed {
    return this.at;
  }

  /** Take the lock; with `blocking` false, only if free now. False on timeout. */
  acquire(blocking = true, timeoutMs?: number): boolean {
    // Arguments are checked first: acquire(false, 5) is an error even when free.
    const waitMs = blocking === true && timeoutMs === undefined ? Infinity : timeoutOf(blocking, timeoutMs);
    // (Its ring is written directly, not through the context: code a host source woke unseen is found running here.)
    if (this.ctx.state === ThreadState.EventLoopIdle) this.ctx.resume();
    this.ctx.control?.step(StepKind.Acquire, this.ref);
    if (this.core.tryAcquire(this.ident)) {
      this.ring.lockAcquired(this.ref, this.releasedAt);
      this.hb?.acquire(this.ref);
      return true;
    }
    return acquireSlow(this.ctx, this.core, this.at, waitMs, this.releasedAt, (this.blocker ??= new Blocker(this.at)));
  }

  release(): void {
    if (this.ctx.state === ThreadState.EventLoopIdle) this.ctx.resume();
    const control = this.ctx.control;
    control?.step(StepKind.Release, this.ref);
    this.hb?.release(this.ref);
    // Stamped before the core frees it (a release that throws leaves only a time in the past there), recorded once it did.
    const tMs = this.ring.releaseTime(this.releasedAt);
    this.core.release(this.ident);
    this.ring.lockReleased(this.ref, tMs);
    control?.touched(this.ref);
  }

  /** Acquire, run `fn`, release even when `fn` throws; returns `fn`'s result. */
  with<T>(fn: () => T): T {
    this.acquire();
    try {
      return fn();
    } finally {
      this.release();
    }
  }

  abstract [SEND](): { kind: string; data: unknown };
}

export class Lock extends BaseLock<LockCore> {
  constructor(shared?: Placed) {
    super(ObjKind.Lock, (i32, base) => new LockCore(i32, base), LockCore.WORDS, shared);
  }

  locked(): boolean {
    return this.core.locked();
  }

  [SEND]() {
    return { kind: "Lock", data: this.at };
  }

  toString(): string {
    return `<Lock ${this.locked() ? "locked" : "unlocked"}>`;
  }
}

export class RLock extends BaseLock<RLockCore> {
  constructor(shared?: Placed) {
    super(ObjKind.RLock, (i32, base) => new RLockCore(i32, base), RLockCore.WORDS, shared);
  }

  override release(): void {
    if (this.ctx.state === ThreadState.EventLoopIdle) this.ctx.resume();
    const ident = this.ctx.ident;
    const control = this.ctx.control;
    control?.step(StepKind.Release, this.at.ref);
    this.hb?.release(this.at.ref);
    const tMs = this.ctx.ring.releaseTime(this.releasedAt);
    this.core.release(ident);
    if (this.core.owner() !== ident) {
      this.ctx.ring.lockReleased(this.at.ref, tMs);
      // Free now: a thread of a controlled run blocked on it may try again (it waited forever before this).
      control?.touched(this.at.ref);
    }
  }

  [SEND]() {
    return { kind: "RLock", data: this.at };
  }

  toString(): string {
    return `<RLock owner=${this.core.owner()} count=${this.core.count()}>`;
  }
}
