// How a sync core's waiter sleeps and what clock its deadlines are on. The
// cores that wait as monitors (a short mutex, then a sleep on a sequence
// word they read under it: barrier.ts, rwlock.ts) take one, so the same
// algorithm serves both kinds of run:
//   - FUTEX_PARKING, every ordinary run: Atomics.wait on the word and
//     performance.now();
//   - a controlled run (API.md §10) passes the scheduler's: virtual time,
//     and the thread's turn given up until its object is touched (the API
//     layer touches it after every call that can wake a waiter). Only one
//     thread runs at a time there, so nothing can move the word between the
//     read and the park, and the word itself need not be watched.

export interface Parking {
  /** the clock deadlines are on, in ms */
  now(): number;
  /**
   * Sleeps while `i32[index] === seen`, at most until `deadlineMs` (on
   * now(); Infinity: no limit). False when the deadline had passed or came
   * first. May return early: callers re-check what they wait for.
   */
  park(i32: Int32Array, index: number, seen: number, deadlineMs: number): boolean;
}

export const FUTEX_PARKING: Parking = {
  now: () => performance.now(),
  park(i32, index, seen, deadlineMs) {
    const leftMs = deadlineMs - performance.now();
    if (leftMs <= 0) return false;
    return Atomics.wait(i32, index, seen, leftMs) !== "timed-out";
  },
};
