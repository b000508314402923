// The runner's word to its drainer on which threads it has let go of, and
// where their rings end. The thread table's lifecycle word says "released"
// too, but the snippet can write that word, and the heads of an ended
// thread's rings: another thread setting them back, after the writer's last
// write-back at its close, would hide the end of its trace and output; one
// writing "released" early would have the drainer recycle a live thread's
// slot. The book lives in a buffer only the runner and the drainer hold, so
// the drainer believes a release, and the ends, from here alone.
//
// Ends are what the thread's worker counted itself, as its writers closed
// (sent to the runner on the worker's own port with its exit); a thread
// that never ran, or whose worker was terminated, has none, and its rings
// are read as far as their headers say (nothing better is known).
//
// Slots (Int32 words), ENTRY_WORDS per thread-table slot:
//   0 ident       the thread released (0: none yet; a slot's next thread has
//                 another ident, so an old entry never matches it)
//   1 known       1 when the two ends below are the worker's own counts
//   2 trace end   events its trace ring was given, in all
//   3 output end  words its output ring was given, in all

const ENTRY_WORDS = 4;

/** Where a released thread's rings end; null where only their headers know. */
export interface RingEnds {
  trace: number;
  output: number;
}

export function releaseBookBytes(slots: number): number {
  return slots * ENTRY_WORDS * 4;
}

export class ReleaseBook {
  private readonly i32: Int32Array;

  constructor(buffer: SharedArrayBuffer) {
    this.i32 = new Int32Array(buffer);
  }

  /** The runner: thread `ident` of `slot` is let go of (written after the table says so: this is what lets the drainer free the slot). */
  release(slot: number, ident: number, ends: RingEnds | null): void {
    const at = slot * ENTRY_WORDS;
    if (!(slot >= 0 && at + ENTRY_WORDS <= this.i32.length)) return;
    Atomics.store(this.i32, at + 1, ends ? 1 : 0);
    Atomics.store(this.i32, at + 2, ends ? ends.trace | 0 : 0);
    Atomics.store(this.i32, at + 3, ends ? ends.output | 0 : 0);
    // (The ident last: the drainer reads it first, and then sees the ends written with it.)
    Atomics.store(this.i32, at, ident);
  }

  /** The drainer: undefined while thread `ident` of `slot` is not released; else its ends, if known. */
  released(slot: number, ident: number): RingEnds | null | undefined {
    const at = slot * ENTRY_WORDS;
    if (!(slot >= 0 && at + ENTRY_WORDS <= this.i32.length) || Atomics.load(this.i32, at) !== ident) return undefined;
    if (Atomics.load(this.i32, at + 1) !== 1) return null;
    return { trace: Atomics.load(this.i32, at + 2), output: Atomics.load(this.i32, at + 3) };
  }
}

/** A worker's counts, as its exit message carries them (runner/thread-messages.ts): two Int32s, or none. */
export function ringEndsFrom(value: unknown): RingEnds | null {
  if (!value || typeof value !== "object") return null;
  const { trace, output } = value as Record<string, unknown>;
  const int32 = (n: unknown): n is number => typeof n === "number" && Number.isInteger(n) && (n | 0) === n;
  return int32(trace) && int32(output) ? { trace, output } : null;
}
