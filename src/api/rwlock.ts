// RWLock: the readers–writers lock of the classic lesson (API.md §3; not in
// Python's stdlib): many readers at once, or one writer, and a waiting
// writer keeps new readers out (sync/rwlock.ts). A thread may release only
// what it holds: the reads each thread holds are counted here, per thread.
// Holds are lock events on the timeline (arg 1: a read, shared with other
// readers), so the lock's lane shows readers side by side and a writer alone.
// In a controlled run each acquire and release is a step, and a waiter
// sleeps through the scheduler (parkingFor), touched by every release.

import { RWLock as RWLockCore } from "../sync/rwlock";
import { RuntimeError } from "../base/errors";
import {
  context, type WorkerContext, blockParked, parkingFor, place, track, type Placed, SEND, type Sendable, step, touched, StepKind,
} from "../runtime/door";
import { EventKind } from "../trace/events";
import { ObjKind } from "../trace/object-kinds";
import { timeoutOf } from "./locks";

/** Read holds per thread (a worker runs one thread at a time: its context is the thread). */
const readsOf = new WeakMap<WorkerContext, Map<number, number>>();

function reads(ctx: WorkerContext): Map<number, number> {
  let map = readsOf.get(ctx);
  if (!map) readsOf.set(ctx, (map = new Map()));
  return map;
}

export class RWLock implements Sendable {
  private readonly core: RWLockCore;
  private readonly at: Placed;

  constructor(shared?: Placed) {
    this.at = place(ObjKind.RWLock, RWLockCore.WORDS, shared);
    this.core = new RWLockCore(context().i32, this.at.base);
    track(this, this.at.ref);
  }

  private acquire(write: boolean, blocking: boolean, timeoutMs: number | undefined): boolean {
    const waitMs = timeoutOf(blocking, timeoutMs);
    const ctx = context();
    const ident = ctx.ident;
    step(StepKind.Acquire, this.at.ref);
    const parking = parkingFor(this.at.ref);
    const got = blockParked(this.at, waitMs !== Infinity, (onBlock) =>
      write ? this.core.acquireWrite(ident, waitMs, onBlock, parking) : this.core.acquireRead(ident, waitMs, onBlock, parking));
    if (!got) {
      // A writer that gave up lets the readers it held back in.
      touched(this.at.ref);
      return false;
    }
    ctx.race?.acquire(this.at.ref);
    ctx.traceFast(EventKind.LockAcquired, write ? 0 : 1, this.at.ref);
    if (!write) reads(ctx).set(this.at.ref, (reads(ctx).get(this.at.ref) ?? 0) + 1);
    return true;
  }

  /** A read hold: waits while a writer holds it or waits for it; false on timeout or when not `blocking`. */
  acquireRead(blocking = true, timeoutMs?: number): boolean {
    return this.acquire(false, blocking, timeoutMs);
  }

  /** The write hold: waits while anyone holds it; false on timeout or when not `blocking`. */
  acquireWrite(blocking = true, timeoutMs?: number): boolean {
    return this.acquire(true, blocking, timeoutMs);
  }

  releaseRead(): void {
    const ctx = context();
    const held = reads(ctx).get(this.at.ref) ?? 0;
    if (held === 0) throw new RuntimeError("cannot release a read lock this thread does not hold");
    step(StepKind.Release, this.at.ref);
    ctx.race?.release(this.at.ref);
    // Stamped before the core frees it (as Lock's release: api/locks.ts); the checks above leave nothing to fail.
    ctx.traceFast(EventKind.LockReleased, 0, this.at.ref);
    this.core.releaseRead(ctx.ident);
    reads(ctx).set(this.at.ref, held - 1);
    touched(this.at.ref);
  }

  releaseWrite(): void {
    const ctx = context();
    if (this.core.writer() !== ctx.ident) throw new RuntimeError("cannot release a write lock this thread does not hold");
    step(StepKind.Release, this.at.ref);
    ctx.race?.release(this.at.ref);
    ctx.traceFast(EventKind.LockReleased, 0, this.at.ref);
    this.core.releaseWrite(ctx.ident);
    touched(this.at.ref);
  }

  /** Runs `fn` holding a read; releases even when `fn` throws; returns `fn`'s result. */
  reading<T>(fn: () => T): T {
    this.acquireRead();
    try {
      return fn();
    } finally {
      this.releaseRead();
    }
  }

  /** Runs `fn` holding the write lock; releases even when `fn` throws; returns `fn`'s result. */
  writing<T>(fn: () => T): T {
    this.acquireWrite();
    try {
      return fn();
    } finally {
      this.releaseWrite();
    }
  }

  [SEND]() {
    return { kind: "RWLock", data: this.at };
  }

  toString(): string {
    const writer = this.core.writer();
    return writer ? "<RWLock write-held>" : `<RWLock readers=${this.core.readers()}>`;
  }
}
