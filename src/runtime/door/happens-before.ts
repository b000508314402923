// The door's happens-before hooks, for the race detector (API.md §11).
// A primitive calls release(ref) before it lets another thread see what it
// did (unlock, put, set, notify, send) and acquire(ref) after it saw what
// another thread did (lock, get, a wait that returned, recv). With the
// detector off, the recorder is null and each hook costs one null check.

import { context } from "../worker-context";

export interface HappensBefore {
  acquire(ref: number): void;
  release(ref: number): void;
  /** thread `ident` was seen to have ended (join) */
  joined(ident: number): void;
}

/** The calling thread's recorder, or null when the run has no race detector. */
export function happensBefore(): HappensBefore | null {
  return context().race;
}
