// Blocking waits on one Int32 word, the futex-wait half of every primitive:
// `waitWhileEquals` (what join does on a thread-state word, what Event and
// Condition need) and `sleepMs`, which is that wait on a word nobody else
// can see, so only the clock ends it.
//
// Algorithm: the classic futex wait loop (Drepper, "Futexes Are Tricky" §2;
// Hansen's parlib-simple does the same over Atomics.wait). Atomics.wait can
// return before the condition holds: a notify that did not change the value,
// a value that changed and changed back, or (in principle) a spurious wake.
// So the value is re-read after every return, and each new wait gets only the
// time left until a deadline on performance.now(), never the whole timeout
// again, or repeated early wake-ups would stretch it without bound.
//
// Slots: whatever word the caller passes; sleepMs uses a private 4-byte
// SharedArrayBuffer of its own (Atomics.wait refuses non-shared memory).
//
// These really block the calling worker; Atomics.wait throws on a browser's
// main thread, which never runs user code here.

import { ValueError } from "../base/errors";

// One per worker (each worker has its own module instance). No other thread
// holds a reference, so no notify can cut a sleep short.
let privateWord: Int32Array | undefined;

/**
 * Blocks while `i32[index] === value`, for at most `timeoutMs` (Infinity:
 * forever). Returns true once the word holds another value, false on timeout.
 */
export function waitWhileEquals(
  i32: Int32Array,
  index: number,
  value: number,
  timeoutMs = Infinity,
): boolean {
  // NaN must not slip through: Atomics.wait treats a NaN timeout as forever.
  if (!(timeoutMs >= 0)) throw new ValueError("timeout value must be a non-negative number");
  if (Atomics.load(i32, index) !== value) return true;
  if (timeoutMs === 0) return false;
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const remainingMs = deadline - performance.now();
    if (remainingMs <= 0) return false;
    Atomics.wait(i32, index, value, remainingMs);
    if (Atomics.load(i32, index) !== value) return true;
  }
}

/** Blocks the calling worker for `ms` milliseconds (Python's time.sleep). */
export function sleepMs(ms: number): void {
  if (!(ms >= 0)) throw new ValueError("sleep length must be non-negative");
  if (ms === 0) return;
  privateWord ??= new Int32Array(new SharedArrayBuffer(4));
  waitWhileEquals(privateWord, 0, 0, ms);
}
