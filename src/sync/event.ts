// The core of the playground's `Event` (Python's threading.Event): a flag
// that set() raises and clear() lowers, and that wait() blocks on.
//
// Algorithm: a flag word plus a generation word that waiters sleep on (the
// futex "sequence number" pattern: Drepper, "Futexes Are Tricky"; Rust's
// futex condvar). set() raises the flag and, if it was down, bumps the
// generation and wakes every sleeper. A waiter reads the generation, then
// the flag; if the flag is down it sleeps while the generation is unchanged.
//
// Why not sleep on the flag itself: Python's set() wakes every thread that
// was waiting, and each returns True even if clear() follows at once (the
// "pulse" set(); clear()). Sleeping on the flag, a waiter woken by set()
// that runs only after the clear() would see the flag down and sleep again,
// missing the pulse. The generation changes for good, so it cannot be
// missed. No lost wake-up either: set() raises the flag before it bumps the
// generation, so a waiter that read the old generation is woken by the bump,
// and one that read the new generation then sees the flag up.
//
// States: flag down (0) or up (1); the generation only ever grows (wrapping
// at 2^32 is harmless: waiters compare for equality).
//
// Slots (Int32 word offsets from `base`):
//   0  flag         0 clear, 1 set
//   1  generation   bumped by every set() that raises the flag

import { checkTimeout } from "./lock";
import { waitWhileEquals } from "./sleep";

const FLAG = 0;
const GENERATION = 1;

export class Event {
  static readonly WORDS = 2;

  /** Zeroed memory is a clear Event; nothing to initialise. */
  constructor(
    private readonly i32: Int32Array,
    private readonly base: number,
  ) {}

  isSet(): boolean {
    return Atomics.load(this.i32, this.base + FLAG) === 1;
  }

  /** Raises the flag and wakes every waiting thread. */
  set(): void {
    const i32 = this.i32;
    if (Atomics.exchange(i32, this.base + FLAG, 1) === 1) return;
    Atomics.add(i32, this.base + GENERATION, 1);
    Atomics.notify(i32, this.base + GENERATION);
  }

  /** Lowers the flag: later wait() calls block until the next set(). */
  clear(): void {
    Atomics.store(this.i32, this.base + FLAG, 0);
  }

  /**
   * Returns true at once if the flag is up, else blocks until a set() or
   * until `timeoutMs` passes (Infinity: forever), returning false then.
   * `onBlock` runs once, just before the caller would sleep.
   */
  wait(timeoutMs = Infinity, onBlock?: () => void): boolean {
    checkTimeout(timeoutMs);
    const i32 = this.i32;
    const generation = Atomics.load(i32, this.base + GENERATION);
    if (Atomics.load(i32, this.base + FLAG) === 1) return true;
    if (timeoutMs === 0) return false;
    onBlock?.();
    return waitWhileEquals(i32, this.base + GENERATION, generation, timeoutMs);
  }
}
