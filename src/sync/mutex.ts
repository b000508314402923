// The bare mutex: Ulrich Drepper, "Futexes Are Tricky" (2011), mutex 2, with
// Atomics.wait/notify as the futex, plus the short bounded spin before
// sleeping that Rust's std futex mutex does (library/std/src/sys/sync/mutex/
// futex.rs). It is the benchmark baseline for the playground's locks, so it
// carries nothing else; Lock and RLock reuse the word functions below.
//
// States of the word:
//   0  UNLOCKED
//   1  LOCKED     held, nobody asleep on it: unlock need not call notify
//   2  CONTENDED  held, and someone may be asleep on it
//
// Slots (Int32 word offsets from `index`):
//   0  state
//
// Unlock swaps in 0 (as Rust does) where Drepper decrements and then stores 0:
// same states and same wake-up rule, but the old state comes back in one
// atomic step, which lets Lock detect "release unlocked lock" without a race
// window of its own.
//
// Timeouts: Atomics.wait may return early (a notify meant for someone else, or
// an unlock whose CAS we then lose), so every sleep is given the time left
// until a deadline on performance.now(), never the original timeout again.

import { spinPause } from "./spin-pause";

export const UNLOCKED = 0;
export const LOCKED = 1;
export const CONTENDED = 2;

// About as long as a short critical section takes; Rust uses 100 too. Longer
// spins only burn a core that the holder (with 2 cores, 4 workers) may need.
const SPIN_LIMIT = 100;

export function tryLockWord(i32: Int32Array, index: number): boolean {
  return Atomics.compareExchange(i32, index, UNLOCKED, LOCKED) === UNLOCKED;
}

// Spins only while the word is LOCKED: a CONTENDED word already has sleepers
// queued, so a newcomer spinning would just be overtaking them.
function spin(i32: Int32Array, index: number): number {
  for (let n = SPIN_LIMIT; ; n--) {
    const state = Atomics.load(i32, index);
    if (state !== LOCKED || n === 0) return state;
    spinPause();
  }
}

/**
 * The contended path of mutex 2. Returns false if `timeoutMs` (>= 0, may be
 * Infinity) passes first. `onBlock` runs once, just before the first sleep,
 * so a caller can record "blocked" without paying for it when the spin wins.
 */
export function lockWordSlow(
  i32: Int32Array,
  index: number,
  timeoutMs: number,
  onBlock?: () => void,
): boolean {
  let c = spin(i32, index);
  if (c === UNLOCKED) {
    c = Atomics.compareExchange(i32, index, UNLOCKED, LOCKED);
    if (c === UNLOCKED) return true;
  }
  const deadline = performance.now() + timeoutMs;
  let blocked = false;
  for (;;) {
    // Mark the word CONTENDED before sleeping so the holder's unlock knows to
    // notify; if it turned UNLOCKED meanwhile, go straight to the CAS below.
    if (c === CONTENDED || Atomics.compareExchange(i32, index, LOCKED, CONTENDED) !== UNLOCKED) {
      const remainingMs = deadline - performance.now();
      if (remainingMs <= 0) return false;
      if (!blocked) {
        blocked = true;
        onBlock?.();
      }
      Atomics.wait(i32, index, CONTENDED, remainingMs);
    }
    // Take it as CONTENDED, not LOCKED: we cannot know whether others still
    // sleep, and a lost wake-up would be a hang while an extra notify is cheap.
    c = Atomics.compareExchange(i32, index, UNLOCKED, CONTENDED);
    if (c === UNLOCKED) return true;
  }
}

/** Releases the word; returns its previous state (UNLOCKED means it was not held). */
export function unlockWord(i32: Int32Array, index: number): number {
  const previous = Atomics.exchange(i32, index, UNLOCKED);
  if (previous === CONTENDED) Atomics.notify(i32, index, 1);
  return previous;
}

export class Mutex {
  static readonly WORDS = 1;

  constructor(
    private readonly i32: Int32Array,
    private readonly index: number,
  ) {}

  tryLock(): boolean {
    return tryLockWord(this.i32, this.index);
  }

  lock(): void {
    if (!tryLockWord(this.i32, this.index)) lockWordSlow(this.i32, this.index, Infinity);
  }

  /** False if `timeoutMs` passed without getting the lock. */
  lockTimed(timeoutMs: number): boolean {
    if (tryLockWord(this.i32, this.index)) return true;
    if (!(timeoutMs > 0)) return false;
    return lockWordSlow(this.i32, this.index, timeoutMs);
  }

  /** Unlocking a mutex that is not locked is the caller's bug and goes unchecked. */
  unlock(): void {
    unlockWord(this.i32, this.index);
  }
}
