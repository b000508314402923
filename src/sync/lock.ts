// The core of the playground's `Lock` (Python's threading.Lock): the mutex 2
// word of mutex.ts (Drepper, "Futexes Are Tricky"; spin as Rust's std futex
// mutex) plus an owner slot. Python lets any thread release a Lock, so the
// owner is never checked here; it is recorded because deadlock detection (the
// wait-for graph), Stop and the timeline need to know who holds what.
//
// States of the word: 0 unlocked, 1 locked, 2 locked with sleepers (mutex.ts).
//
// Slots (Int32 word offsets from `base`):
//   0  state   the mutex 2 word
//   1  owner   ident of the thread holding it, 0 while free
//
// The owner slot is written with plain stores, inside the critical section:
// after the acquiring CAS and before the releasing exchange, both
// sequentially consistent, so the next holder's write is ordered after ours.
// An Atomics.store (an x86 XCHG) there would double the cost of an
// uncontended acquire+release. Readers outside the lock (the deadlock watch)
// may see a value a moment old, never a torn one; they confirm by re-reading.
//
// Idents must be positive: owner 0 means free.

import { RuntimeError, ValueError } from "../base/errors";
import { lockWordSlow, tryLockWord, unlockWord, UNLOCKED } from "./mutex";

const OWNER = 1;

export function checkTimeout(timeoutMs: number): void {
  // NaN must not slip through: Atomics.wait treats a NaN timeout as forever.
  if (!(timeoutMs >= 0)) throw new ValueError("timeout value must be a non-negative number");
}

export function checkIdent(ident: number): void {
  if (!(ident > 0)) throw new ValueError(`thread ident must be positive, got ${ident}`);
}

export class Lock {
  static readonly WORDS = 2;

  constructor(
    private readonly i32: Int32Array,
    private readonly base: number,
  ) {}

  /** Takes the lock if it is free right now; never spins or sleeps. */
  tryAcquire(ident: number): boolean {
    checkIdent(ident);
    if (!tryLockWord(this.i32, this.base)) return false;
    this.i32[this.base + OWNER] = ident;
    return true;
  }

  /**
   * Blocks up to `timeoutMs` (Infinity: forever; 0: try once). `onBlock` is
   * called once, just before the caller would sleep, never on the fast path.
   * Returns false on timeout.
   */
  acquire(ident: number, timeoutMs = Infinity, onBlock?: () => void): boolean {
    checkIdent(ident);
    checkTimeout(timeoutMs);
    const i32 = this.i32;
    const base = this.base;
    if (!tryLockWord(i32, base) && (timeoutMs === 0 || !lockWordSlow(i32, base, timeoutMs, onBlock))) {
      return false;
    }
    i32[base + OWNER] = ident;
    return true;
  }

  /**
   * Any thread may release (Python semantics); `ident` is the releasing
   * thread, taken so Lock and RLock share one call shape for the runtime.
   */
  release(_ident?: number): void {
    const i32 = this.i32;
    // Cleared before the word is, or it could erase the next holder's ident.
    i32[this.base + OWNER] = 0;
    if (unlockWord(i32, this.base) === UNLOCKED) throw new RuntimeError("release unlocked lock");
  }

  locked(): boolean {
    return Atomics.load(this.i32, this.base) !== UNLOCKED;
  }

  /** Ident of the holder, 0 when free (or for an instant around a hand-over). */
  owner(): number {
    return Atomics.load(this.i32, this.base + OWNER);
  }
}
