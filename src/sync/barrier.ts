// The core of the playground's `Barrier` (Python's threading.Barrier):
// `parties` threads call wait(); the last to arrive runs the action, then
// all of them go on, each with its own index 0..parties-1 (arrival order).
//
// Algorithm: CPython's (Lib/threading.py, Barrier, after pthread_barrier and
// Java's CyclicBarrier): a count and a four-state machine under a mutex,
// with a broadcast to wake waiters. The mutex is mutex 2 of "Futexes Are
// Tricky" (mutex.ts); the broadcast is a sequence word that waiters sleep on
// after reading it under the mutex and that every broadcast bumps (the
// futex condvar of glibc and Rust, whose spurious wake-ups do no harm here
// because every waiter re-checks the state under the mutex).
//
// Reuse: a bare generation counter is not enough once reset() exists (a
// slow waiter could not tell a trip of its generation from a reset that
// followed it). CPython's drain phase is: when the barrier trips it enters
// DRAINING, and newcomers for the next round wait until the last thread of
// this round has left; only then is it FILLING again. So each waiter sees
// the outcome of its own round, however many rounds and resets follow.
//
// States (CPython's numbers):
//    0  FILLING    threads arrive and wait; zeroed memory starts here
//    1  DRAINING   tripped: this round's threads leave, newcomers wait
//   -1  RESETTING  reset() while threads waited: they leave broken
//   -2  BROKEN     abort(), a timeout or a failed action: every wait fails until reset()
//
// Slots (Int32 word offsets from `base`):
//   0  mutex     mutex 2 word guarding state and count
//   1  seq       broadcast sequence: waiters sleep on it, broadcasts bump it
//   2  state     FILLING / DRAINING / RESETTING / BROKEN
//   3  count     threads inside wait() for this round
//   4  parties   fixed at init
//
// Sleeping goes through a Parking (parking.ts): the futex and real time,
// or a controlled run's scheduler and virtual time. There a thread can give
// its turn up inside the action, with the mutex held, so waiting for the
// mutex goes through the Parking too.
//
// The action runs with the mutex held, as in CPython (where calling the
// same barrier's abort() from the action also deadlocks). wait() reports a
// broken barrier with a negative result, not an exception: the error class
// belongs to the API layer.

import { ValueError } from "../base/errors";
import { checkTimeout } from "./lock";
import { lockWordSlow, tryLockWord, unlockWord } from "./mutex";
import { FUTEX_PARKING, type Parking } from "./parking";

const MUTEX = 0;
const SEQ = 1;
const STATE = 2;
const COUNT = 3;
const PARTIES = 4;

const FILLING = 0;
const DRAINING = 1;
const RESETTING = -1;
const BROKEN_STATE = -2;

/** wait() results below 0: why the caller must raise BrokenBarrierError. */
export const BROKEN = -1;
/** reset() was called while the caller waited */
export const RESET = -2;
/** the caller's own timeout passed; it broke the barrier for everyone */
export const TIMED_OUT = -3;

/** Throws ValueError unless `parties` is a whole number >= 1. */
export function checkParties(parties: number): void {
  if (!(parties >= 1)) throw new ValueError("parties must be >= 1");
  if (!Number.isInteger(parties) || parties > 0x7fffffff) throw new ValueError(`parties must be a whole number, got ${parties}`);
}

export class Barrier {
  static readonly WORDS = 5;

  /** Writes a new barrier at `base` (once, before it is shared) and returns it. */
  static init(i32: Int32Array, base: number, parties: number): Barrier {
    checkParties(parties);
    for (let w = 0; w < Barrier.WORDS; w++) Atomics.store(i32, base + w, 0);
    Atomics.store(i32, base + PARTIES, parties);
    return new Barrier(i32, base);
  }

  /** Attaches to a barrier that init wrote (in this or another thread). */
  constructor(
    private readonly i32: Int32Array,
    private readonly base: number,
  ) {}

  /**
   * Waits until `parties` threads have called wait(). Returns the caller's
   * arrival index, or BROKEN, RESET or TIMED_OUT (all < 0). The thread that
   * arrives last runs `action` before the others are released; if it throws,
   * the barrier breaks and the error propagates to that thread only.
   * `timeoutMs` (Infinity: forever) counts from the caller's arrival, as in
   * CPython; when it passes, the barrier breaks. `onBlock` runs once, just
   * before the caller first sleeps; `parking` is how it sleeps.
   */
  wait(timeoutMs = Infinity, action?: () => void, onBlock?: () => void, parking: Parking = FUTEX_PARKING): number {
    checkTimeout(timeoutMs);
    const i32 = this.i32;
    const base = this.base;
    let blocked = false;
    const block = () => {
      if (blocked) return;
      blocked = true;
      onBlock?.();
    };
    this.lock(parking);
    try {
      // CPython's _enter: the previous round is still leaving, or resetting.
      for (let s = this.state(); s === DRAINING || s === RESETTING; s = this.state()) this.sleep(Infinity, block, parking);
      if (this.state() === BROKEN_STATE) return BROKEN;
      const index = Atomics.add(i32, base + COUNT, 1);
      try {
        if (index + 1 === Atomics.load(i32, base + PARTIES)) {
          this.trip(action);
          return index;
        }
        const deadline = parking.now() + timeoutMs;
        while (this.state() === FILLING) {
          if (!this.sleep(deadline, block, parking)) {
            if (this.state() !== FILLING) break;
            this.breakLocked();
            return TIMED_OUT;
          }
        }
        const s = this.state();
        return s === DRAINING ? index : s === RESETTING ? RESET : BROKEN;
      } finally {
        // CPython's _exit: the last one out opens the barrier for the next round.
        if (Atomics.sub(i32, base + COUNT, 1) === 1) {
          const s = this.state();
          if (s === DRAINING || s === RESETTING) {
            Atomics.store(i32, base + STATE, FILLING);
            this.broadcast();
          }
        }
      }
    } finally {
      this.unlock();
    }
  }

  /** Breaks the barrier: current and future waiters fail until reset(). */
  abort(parking: Parking = FUTEX_PARKING): void {
    this.lock(parking);
    try {
      this.breakLocked();
    } finally {
      this.unlock();
    }
  }

  /**
   * Back to the initial state. Threads waiting now fail (RESET); a broken
   * barrier becomes usable again once they have left.
   */
  reset(parking: Parking = FUTEX_PARKING): void {
    const i32 = this.i32;
    this.lock(parking);
    try {
      if (Atomics.load(i32, this.base + COUNT) > 0) {
        const s = this.state();
        if (s === FILLING || s === BROKEN_STATE) Atomics.store(i32, this.base + STATE, RESETTING);
      } else {
        Atomics.store(i32, this.base + STATE, FILLING);
      }
      this.broadcast();
    } finally {
      this.unlock();
    }
  }

  broken(): boolean {
    return this.state() === BROKEN_STATE;
  }

  /** Threads waiting for this round to fill (0 while draining or resetting, as CPython). */
  nWaiting(): number {
    return this.state() === FILLING ? Atomics.load(this.i32, this.base + COUNT) : 0;
  }

  parties(): number {
    return Atomics.load(this.i32, this.base + PARTIES);
  }

  private state(): number {
    return Atomics.load(this.i32, this.base + STATE);
  }

  /** CPython's _release: the action, then DRAINING and everyone woken. */
  private trip(action?: () => void): void {
    try {
      action?.();
    } catch (error) {
      this.breakLocked();
      throw error;
    }
    Atomics.store(this.i32, this.base + STATE, DRAINING);
    this.broadcast();
  }

  private breakLocked(): void {
    Atomics.store(this.i32, this.base + STATE, BROKEN_STATE);
    this.broadcast();
  }

  private broadcast(): void {
    Atomics.add(this.i32, this.base + SEQ, 1);
    Atomics.notify(this.i32, this.base + SEQ);
  }

  /**
   * Called with the mutex held: releases it, sleeps until a broadcast or
   * `deadline` (on parking's clock), takes it again. False if the deadline
   * had passed (then it did not sleep). May return early: callers re-check
   * the state.
   */
  private sleep(deadline: number, block: () => void, parking: Parking): boolean {
    const i32 = this.i32;
    const seq = Atomics.load(i32, this.base + SEQ);
    if (deadline - parking.now() <= 0) return false;
    this.unlock();
    try {
      block();
      parking.park(i32, this.base + SEQ, seq, deadline);
    } finally {
      this.lock(parking);
    }
    return true;
  }

  private lock(parking: Parking): void {
    const i32 = this.i32, at = this.base + MUTEX;
    if (tryLockWord(i32, at)) return;
    if (parking === FUTEX_PARKING) {
      lockWordSlow(i32, at, Infinity);
      return;
    }
    // A controlled run: the holder gave its turn up inside the action; it is woken when the holder's call ends.
    do parking.park(i32, at, 2, Infinity);
    while (!tryLockWord(i32, at));
  }

  private unlock(): void {
    unlockWord(this.i32, this.base + MUTEX);
  }
}
