// The dock: where a run's idle workers wait for a thread to run, so that
// start() reaches a warm worker through shared memory alone: one
// compare-and-swap and one notify, no message, no runner on the path (a
// message to the runner and one on to a worker cost a millisecond or more,
// and more while the runner's frame is busy).
//
// Each worker of a run owns one place (one Int32 word) for its life; the
// runner assigns places and knows which worker owns which. A place holds:
//   EMPTY  (0)   no worker waits here (it is running a thread, or booting)
//   PARKED (-1)  its worker waits here, in Atomics.wait
//   CLOSED (-2)  the runner has closed it (the worker is being retired)
//   REVIEW (-3)  the run is over and the runner keeps the worker docked for
//                the next run of the same code (a search's next schedule):
//                the worker checks itself, then parks again (REVIEW ->
//                PARKED, with a notify the runner waits on), or leaves
//                (REVIEW -> CLOSED, with the same notify)
//   ident  (>0)  a starter handed its worker thread `ident`
// Transitions: the worker parks (EMPTY or its last ident -> PARKED, with a
// notify for a starter waiting on its return) and waits; a starter claims a
// parked place (PARKED -> ident, CAS) and notifies it, or, finding none
// parked, waits a moment on a place whose thread has ended (its worker is
// on its way back: RETURN_WAIT_MS); the worker wakes, takes the ident, and
// runs that thread; the runner closes a place (anything -> CLOSED) before
// it terminates its worker, and learns from the old value whether a thread
// had just been handed to it (then it starts that thread elsewhere); at a
// run's end it may put a place under review instead (anything -> REVIEW),
// learning the same.
//
// Control words (thread-table.ts): dock (word index of place 0), dockPlaces,
// dockHint (where the next hand-off starts looking, so that starters do not
// all race for place 0).

import { Ctl } from "./thread-table";

export const EMPTY = 0;
export const PARKED = -1;
export const CLOSED = -2;
export const REVIEW = -3;

/**
 * How long a starter that finds no worker parked waits for one on its way
 * back (its thread has ended): the runner's start costs a millisecond at
 * best, and 50-100 ms when it has to boot a worker. On 2 cores a worker
 * parked again 0.16 ms after its thread's end (median), 0.8 ms at the 90th
 * percentile, and a loop that started and joined thread after thread found
 * none parked about once in 50 starts.
 */
export const RETURN_WAIT_MS = 2;

/**
 * Per place, the ended thread a wait there last timed out on: its worker is
 * not coming back soon (code the thread left running holds it), and this
 * starter's worker does not wait for it again.
 */
const stuck = new Map<number, number>();

/**
 * A starter: hands thread `ident` to a parked worker. False when none is
 * parked (then the runner must start it). `ended(held)`: whether the thread
 * a place still holds has ended, so that its worker is about to park there;
 * given, the starter waits up to `waitMs` for one such worker.
 */
export function handOff(i32: Int32Array, control: number, ident: number, ended?: (held: number) => boolean, waitMs = RETURN_WAIT_MS): boolean {
  const base = Atomics.load(i32, control + Ctl.Dock);
  const places = Atomics.load(i32, control + Ctl.DockPlaces);
  if (!(base > 0 && places > 0 && base + places <= i32.length)) return false;
  const start = Atomics.add(i32, control + Ctl.DockHint, 1) >>> 0;
  if (claimParked(i32, base, places, start, ident)) return true;
  if (!ended) return false;
  for (let k = 0; k < places; k++) {
    const at = base + ((start + k) % places);
    const held = Atomics.load(i32, at);
    if (held > 0 && stuck.get(at) !== held && ended(held)) {
      // (Woken by its park, or at once if it parked since the load: the word moved.)
      if (Atomics.wait(i32, at, held, waitMs) === "timed-out") stuck.set(at, held);
      // (Another worker may have parked meanwhile.)
      return claimParked(i32, base, places, start, ident);
    }
  }
  return false;
}

function claimParked(i32: Int32Array, base: number, places: number, start: number, ident: number): boolean {
  for (let k = 0; k < places; k++) {
    const at = base + ((start + k) % places);
    if (Atomics.load(i32, at) === PARKED && claim(i32, at, ident)) return true;
  }
  return false;
}

function claim(i32: Int32Array, at: number, ident: number): boolean {
  if (Atomics.compareExchange(i32, at, PARKED, ident) !== PARKED) return false;
  Atomics.notify(i32, at, 1);
  return true;
}

/**
 * A worker: waits at word `at` until a thread is handed to it, and returns
 * that thread's ident; REVIEW when the runner put the place under review
 * (unless `reviewed`: the worker has just checked itself, and parks again,
 * telling the runner so); 0 when the runner closed the place (the worker is
 * about to be terminated) or the word holds something no starter writes.
 */
export function park(i32: Int32Array, at: number, reviewed = false, last = 0): number {
  for (let seen = Atomics.load(i32, at); seen !== PARKED;) {
    if (seen === CLOSED) return 0;
    if (seen === REVIEW && !reviewed) return REVIEW;
    // Handed a thread while it still ran its last (its place written PARKED by someone else): it runs that one next.
    if (seen > 0 && last > 0 && seen !== last) return seen;
    const was = Atomics.compareExchange(i32, at, seen, PARKED);
    if (was === seen) {
      // (The runner's wait on a place under review, or a starter's for a worker on its way back: handOff.)
      Atomics.notify(i32, at);
      break;
    }
    seen = was;
  }
  for (;;) {
    const value = Atomics.load(i32, at);
    if (value === REVIEW) return REVIEW;
    // (EMPTY while parked: the runner is laying the next run out over a docked worker's place, and marks it parked again.)
    if (value === PARKED || value === EMPTY) {
      Atomics.wait(i32, at, value);
      continue;
    }
    return value > 0 ? value : 0;
  }
}

/** The runner, at a run's end: puts a place under review (see the header); returns what it held, as closePlace does. */
export function reviewPlace(i32: Int32Array, at: number): number {
  const held = Atomics.exchange(i32, at, REVIEW);
  Atomics.notify(i32, at);
  return held;
}

/** A worker under review that failed its check: leaves its place closed, and wakes the runner's wait (docked-crew.ts). */
export function leavePlace(i32: Int32Array, at: number): void {
  Atomics.compareExchange(i32, at, REVIEW, CLOSED);
  Atomics.notify(i32, at);
}

/**
 * The runner: closes a place; returns what it held (an ident > 0: a thread
 * handed to it that its worker may not have taken). Also a worker that will
 * never park again (frozen by code an ended thread left running).
 */
export function closePlace(i32: Int32Array, at: number): number {
  const held = Atomics.exchange(i32, at, CLOSED);
  Atomics.notify(i32, at);
  return held;
}
