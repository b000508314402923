// Which line of the snippet a thread's waits were at: the state intervals
// of a thread that ended a wait of a millisecond or more with a SourceAt
// event (runtime/worker-context.ts says why only those), kept sparse, as
// most states have none. Positions are the snippet's TypeScript, packed
// line * 4096 + column, mapped from the compiled body as they arrive.

import { GrowableI32 } from "./growable";

export const POSITION_COLUMNS = 4096;
/**
 * A SourceAt's `arg` for a wait in the program's end, after the snippet's
 * last line: MainThread (or a process's) waiting, as Python's shutdown
 * does, for the threads and executors still running, in no call of the
 * snippet's. No real position comes near it (a snippet is far shorter).
 */
export const PROGRAM_END_ARG = 0xffffff;
/** The position kept for such a wait (at() gives it back; no line has it). */
export const PROGRAM_END = -1;

export class SourceLines {
  /** the index of the state (ThreadTrack.states) each position belongs to, ascending */
  private readonly states = new GrowableI32();
  private readonly positions = new GrowableI32();

  get length(): number {
    return this.states.length;
  }

  /** bytes its arrays hold (their capacity) */
  bytes(): number {
    return this.states.data.byteLength + this.positions.data.byteLength;
  }

  add(stateIndex: number, position: number): void {
    const n = this.states.length;
    // One per state: a second SourceAt for the same wait (a forged one) changes nothing.
    if (n > 0 && this.states.data[n - 1] >= stateIndex) return;
    this.states.push(stateIndex);
    this.positions.push(position);
  }

  /** The position of state `stateIndex`, PROGRAM_END for a wait in the program's end, or 0 if none was recorded. */
  at(stateIndex: number): number {
    const states = this.states.data;
    let lo = 0;
    let hi = this.states.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (states[mid] < stateIndex) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.states.length && states[lo] === stateIndex ? this.positions.data[lo] : 0;
  }
}

/** A packed position as the editor wants it. */
export function unpackPosition(position: number): { line: number; column: number } {
  return { line: Math.floor(position / POSITION_COLUMNS), column: position % POSITION_COLUMNS };
}
