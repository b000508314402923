// How a blocked call of a monitor (queue-core.ts: a mutex and conditions,
// as CPython's Lib/queue.py builds one) waits for its condition: the
// futex-based condition variable of Drepper's "Futexes Are Tricky" and
// Rust's std. Each condition is a futex word used as a sequence number.
//
// Algorithm (one round, entered and left with the lock held): read the
// condition's word while holding the lock, count this thread in the
// monitor's waiter slots (so a thread that changes the state knows to
// notify), release the lock, spin a little on the word, then Atomics.wait
// while it still holds what was read, for no longer than the call's
// deadline allows; take the lock again and take this thread off the
// counts. A thread that changes the state bumps the word before notifying,
// so a waiter that has not reached Atomics.wait yet does not sleep through
// the change. Every round gets only the time left, however often the
// thread wakes early.
//
// Slots: `which` (the condition's sequence word) and `counters` (waiter
// counts), as Int32 offsets from the monitor's `base`.

import type { Lock } from "./lock";
import { spinPause } from "./spin-pause";

// A waiter spins this many loads of its futex word before sleeping, about
// the time a busy peer takes to decode an item and come back (a few us): a
// hand-over between two busy threads then rarely costs an Atomics.wait and
// notify round trip (tens of us). Measured in queue-bench.ts: 200 spins left
// twice as many sleeps as 2000; the lock's own spin (mutex.ts) is shorter
// because a lock is held for nanoseconds, an empty queue for longer.
const SPIN_LIMIT = 1000;

/**
 * A blocking call's wait across the rounds of its loop: the deadline (set at
 * the first wait), onBlock called once. Made only when the call must wait,
 * so the calls that do not (nearly all) allocate nothing.
 */
export class WaitRounds {
  deadline = Number.NaN;
  blocked = false;
  /** the deadline passed during the last round */
  expired = false;
  constructor(readonly timeoutMs: number, readonly onBlock?: () => void) {}
}

/** The monitor a round waits in: its memory, lock, and the waiting thread. */
export interface Monitor {
  readonly i32: Int32Array;
  readonly base: number;
  readonly lock: Lock;
  readonly ident: number;
}

/**
 * One round of a blocking call's loop, entered and left with the lock held:
 * counts this thread in the `counters` slots while it waits for the futex
 * word `which` to move (or the call's deadline to pass).
 */
export function waitRound(m: Monitor, rounds: WaitRounds, which: number, counters: readonly number[]): void {
  const { i32, base } = m;
  if (Number.isNaN(rounds.deadline)) rounds.deadline = performance.now() + rounds.timeoutMs;
  for (const slot of counters) i32[base + slot]++;
  const woke = waitUnlocked(m, which, rounds.deadline, rounds.blocked ? undefined : rounds.onBlock);
  rounds.blocked ||= woke !== 0;
  m.lock.acquire(m.ident);
  for (const slot of counters) i32[base + slot]--;
  rounds.expired = woke < 0;
}

/**
 * Called with the lock held and this thread counted as a waiter: releases
 * the lock and waits for the futex word `which` to move. Returns 0 if it
 * moved before we slept, 1 after a sleep, -1 if the deadline passed first.
 */
function waitUnlocked(m: Monitor, which: number, deadline: number, onBlock?: () => void): number {
  const i32 = m.i32;
  const index = m.base + which;
  // (Read under the lock, but bumped outside it by whoever changes the state: queue-core.ts.)
  const seq = Atomics.load(i32, index);
  m.lock.release();
  for (let n = 0; n < SPIN_LIMIT; n++) {
    if (Atomics.load(i32, index) !== seq) return 0;
    spinPause();
  }
  const remainingMs = deadline - performance.now();
  if (!(remainingMs > 0)) return -1;
  onBlock?.();
  Atomics.wait(i32, index, seq, remainingMs);
  return 1;
}
