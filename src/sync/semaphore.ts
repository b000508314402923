// The cores of the playground's `Semaphore` and `BoundedSemaphore`
// (Python's threading.Semaphore/BoundedSemaphore).
//
// Algorithm: the counting semaphore on one futex word, as in Drepper's
// "Futexes Are Tricky" and glibc's new_sem (value word + count of sleepers).
// acquire decrements the value with a CAS when it is positive; otherwise it
// counts itself among the sleepers and sleeps on the value word while it
// reads 0. release adds to the value and, if anyone sleeps, notifies as many
// sleepers as it added (Python's release(n) wakes n waiters). No wake-up is
// lost: the sleeper registers before Atomics.wait re-checks the value, and
// release changes the value before it reads the sleeper count, all
// sequentially consistent, so either release sees the sleeper or the
// sleeper sees the new value and does not sleep. A woken thread may find
// the value taken by a newcomer (no FIFO hand-off, as in CPython, whose docs
// say not to rely on wake-up order); it then sleeps again, and the newcomer
// that took the value is the one that goes on, so nothing is stranded.
//
// States: the value, 0 .. 2^31-1 (and <= bound for a BoundedSemaphore);
// acquire blocks while it is 0.
//
// Slots (Int32 word offsets from `base`):
//   0  value     what acquire takes and release gives back
//   1  sleepers  threads inside (or about to enter) Atomics.wait on value
//   2  bound     BoundedSemaphore: the initial value; -1 for a Semaphore
//
// A Semaphore has no owner: any thread may release (Python). `ident` is
// taken by acquire only so every acquirable core has Lock's call shape.

import { ValueError } from "../base/errors";
import { checkIdent, checkTimeout } from "./lock";

const VALUE = 0;
const SLEEPERS = 1;
const BOUND = 2;
const UNBOUNDED = -1;
const MAX_VALUE = 0x7fffffff;

/** Throws CPython's ValueError for a value no semaphore may start with. */
export function checkInitialValue(value: number): void {
  if (!(value >= 0)) throw new ValueError("semaphore initial value must be >= 0");
  if (!Number.isInteger(value) || value > MAX_VALUE) {
    throw new ValueError(`semaphore initial value must be an integer up to ${MAX_VALUE}, got ${value}`);
  }
}

export class Semaphore {
  static readonly WORDS = 3;

  /** Writes a new semaphore at `base` (once, before it is shared) and returns it. */
  static init(i32: Int32Array, base: number, value: number): Semaphore {
    checkInitialValue(value);
    Atomics.store(i32, base + VALUE, value);
    Atomics.store(i32, base + SLEEPERS, 0);
    Atomics.store(i32, base + BOUND, UNBOUNDED);
    return new Semaphore(i32, base);
  }

  /** Attaches to a semaphore that init wrote (in this or another thread). */
  constructor(
    protected readonly i32: Int32Array,
    protected readonly base: number,
  ) {}

  /** Takes one unit if the value is positive now; never sleeps. */
  tryAcquire(): boolean {
    const i32 = this.i32;
    const at = this.base + VALUE;
    for (let v = Atomics.load(i32, at); v > 0; ) {
      const seen = Atomics.compareExchange(i32, at, v, v - 1);
      if (seen === v) return true;
      v = seen;
    }
    return false;
  }

  /**
   * Takes one unit, sleeping while the value is 0, for up to `timeoutMs`
   * (Infinity: forever; 0: try once). `onBlock` runs once, just before the
   * caller would first sleep. Returns false on timeout.
   */
  acquire(ident: number, timeoutMs = Infinity, onBlock?: () => void): boolean {
    checkIdent(ident);
    checkTimeout(timeoutMs);
    if (this.tryAcquire()) return true;
    if (timeoutMs === 0) return false;
    const i32 = this.i32;
    const deadline = performance.now() + timeoutMs;
    let blocked = false;
    for (;;) {
      const remainingMs = deadline - performance.now();
      if (remainingMs <= 0) return false;
      if (!blocked) {
        blocked = true;
        onBlock?.();
      }
      Atomics.add(i32, this.base + SLEEPERS, 1);
      Atomics.wait(i32, this.base + VALUE, 0, remainingMs);
      Atomics.sub(i32, this.base + SLEEPERS, 1);
      // Taken before the clock is read again: a unit that arrived with the
      // timeout is still ours, never left behind for nobody.
      if (this.tryAcquire()) return true;
    }
  }

  /** Adds `n` units (Python's release(n)) and wakes up to `n` sleepers. */
  release(n = 1): void {
    if (!Number.isInteger(n) || n < 1) throw new ValueError("n must be one or more");
    const i32 = this.i32;
    const at = this.base + VALUE;
    const bound = Atomics.load(i32, this.base + BOUND);
    for (let v = Atomics.load(i32, at); ; ) {
      if (bound !== UNBOUNDED && v + n > bound) throw new ValueError("Semaphore released too many times");
      if (v + n > MAX_VALUE) throw new ValueError(`semaphore value cannot exceed ${MAX_VALUE}`);
      const seen = Atomics.compareExchange(i32, at, v, v + n);
      if (seen === v) break;
      v = seen;
    }
    if (Atomics.load(i32, this.base + SLEEPERS) > 0) Atomics.notify(i32, at, n);
  }

  /** The current value (a snapshot). */
  value(): number {
    return Atomics.load(this.i32, this.base + VALUE);
  }

  /** The BoundedSemaphore's limit, or -1 for a plain Semaphore. */
  bound(): number {
    return Atomics.load(this.i32, this.base + BOUND);
  }
}

/** A Semaphore whose release may not take the value above its initial value. */
export class BoundedSemaphore extends Semaphore {
  static override init(i32: Int32Array, base: number, value: number): BoundedSemaphore {
    checkInitialValue(value);
    Atomics.store(i32, base + VALUE, value);
    Atomics.store(i32, base + SLEEPERS, 0);
    Atomics.store(i32, base + BOUND, value);
    return new BoundedSemaphore(i32, base);
  }
}
