// The core of the playground's `RLock` (Python's threading.RLock): a Lock
// (mutex 2 word + owner, lock.ts) plus a recursion count, as CPython's
// _thread.RLock does. The owner may acquire again without blocking; only the
// owner may release, and the lock is freed when the count drops to zero.
//
// States: free (word 0, owner 0, count 0), or held by `owner` `count` times
// (word 1 or 2, count >= 1).
//
// Slots (Int32 word offsets from `base`):
//   0  state   the mutex 2 word (mutex.ts)
//   1  owner   ident of the holder, 0 while free (lock.ts)
//   2  count   recursion depth; only the holder reads or writes it
//
// "Do I own it?" is answered by a plain read of the owner slot: a thread can
// only find its own ident there if it wrote it and has not cleared it since
// (its own clearing store is ordered before any later read of its own, and
// no other thread writes its ident), so the test needs neither the lock nor
// an atomic load, which measurably slows the re-entry path. Errors follow CPython: releasing an RLock one does not
// hold raises RuntimeError("cannot release un-acquired lock").

import { RuntimeError, ValueError } from "../base/errors";
import { checkIdent, checkTimeout, Lock } from "./lock";

const OWNER = 1;
const COUNT = 2;

export class RLock {
  static readonly WORDS = Lock.WORDS + 1;
  private readonly lock: Lock;

  constructor(
    private readonly i32: Int32Array,
    private readonly base: number,
  ) {
    this.lock = new Lock(i32, base);
  }

  tryAcquire(ident: number): boolean {
    if (this.reenter(ident)) return true;
    if (!this.lock.tryAcquire(ident)) return false;
    this.i32[this.base + COUNT] = 1;
    return true;
  }

  /** As Lock.acquire; re-entry by the owner never blocks nor calls onBlock. */
  acquire(ident: number, timeoutMs = Infinity, onBlock?: () => void): boolean {
    checkTimeout(timeoutMs);
    if (this.reenter(ident)) return true;
    if (!this.lock.acquire(ident, timeoutMs, onBlock)) return false;
    this.i32[this.base + COUNT] = 1;
    return true;
  }

  release(ident: number): void {
    if (!this.isOwnedBy(ident)) throw new RuntimeError("cannot release un-acquired lock");
    const i32 = this.i32;
    const depth = i32[this.base + COUNT] - 1;
    i32[this.base + COUNT] = depth;
    if (depth === 0) this.lock.release(ident);
  }

  /**
   * Frees the lock whatever the depth and returns the depth, for
   * Condition.wait (CPython's _release_save); restore() gives it back.
   */
  releaseAll(ident: number): number {
    if (!this.isOwnedBy(ident)) throw new RuntimeError("cannot release un-acquired lock");
    const depth = this.i32[this.base + COUNT];
    this.i32[this.base + COUNT] = 0;
    this.lock.release(ident);
    return depth;
  }

  /** Re-takes the lock at `depth` (CPython's _acquire_restore); false on timeout. */
  restore(ident: number, depth: number, timeoutMs = Infinity, onBlock?: () => void): boolean {
    if (!(depth >= 1)) throw new ValueError(`recursion depth must be at least 1, got ${depth}`);
    if (!this.lock.acquire(ident, timeoutMs, onBlock)) return false;
    this.i32[this.base + COUNT] = depth;
    return true;
  }

  isOwnedBy(ident: number): boolean {
    return ident > 0 && this.i32[this.base + OWNER] === ident;
  }

  locked(): boolean {
    return this.lock.locked();
  }

  owner(): number {
    return this.lock.owner();
  }

  /** Recursion depth as the owner sees it; other threads get a racy snapshot. */
  count(): number {
    return this.i32[this.base + COUNT];
  }

  private reenter(ident: number): boolean {
    checkIdent(ident);
    if (this.i32[this.base + OWNER] !== ident) return false;
    this.i32[this.base + COUNT]++;
    return true;
  }
}
