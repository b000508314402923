// The timeline's geometry: where the bands and rows sit (CSS px), where a
// thread's bar ends, and the shapes the drawing and hit-testing files
// share (a bar's label, what is under the pointer). Drawing files and
// hit-test.ts both read this; it reads nothing of theirs, so neither
// depends on the other.

import { ThreadState } from "../trace/events";
import type { ThreadTrack } from "../trace/model";
import type { Lane } from "./layout";

/** The top band with the time axis, and the left band with lane names (CSS px). */
export const AXIS_PX = 24;
export const GUTTER_PX = 156;

/** A lock lane: its holds band, and the thin strip of waits below it. */
export const LOCK_HOLD_Y = 3;
export const LOCK_HOLD_PX = 13;
export const LOCK_WAIT_Y = 18;
/** a lock several threads may hold at once (an RWLock's readers) draws its holds in this many thin rows */
export const SHARED_ROWS = 3;

/** Where the thread's bar ends: its final state, or `untilMs` while it lives. */
export function trackEndMs(track: ThreadTrack, untilMs: number): { endMs: number; finalState: number } {
  const n = track.states.length;
  if (n > 0 && track.states.data[n - 1] >= ThreadState.Done) return { endMs: track.times.data[n - 1], finalState: track.states.data[n - 1] };
  return { endMs: untilMs, finalState: -1 };
}

/** Text for a state bar, relative to its lane: x and the room it has. */
export interface BarLabel {
  x: number;
  maxPx: number;
  text: string;
  color: string;
}

/** What is under the pointer (hit-test.ts), and what the hover card describes. */
export type Hit =
  | { kind: "state"; ident: number; index: number; startMs: number; endMs: number; state: number; obj: number; changesInPixel: number }
  | { kind: "final"; ident: number; tMs: number; state: number }
  | { kind: "mark"; ident: number; index: number; tMs: number; label: number }
  | { kind: "print"; ident: number; tMs: number }
  | { kind: "span"; ident: number; depth: number; index: number; startMs: number; endMs: number; label: number }
  | { kind: "task"; ident: number; index: number; startMs: number; endMs: number; task: number; poolId: number; items: number; chunksize: number; label: number; open: boolean; cut: boolean }
  | { kind: "coroutine"; ident: number; task: number; startMs: number; endMs: number; failed: boolean; cancelled: boolean; running: boolean; runStartMs: number; runEndMs: number }
  | { kind: "hold"; lockId: number; ident: number; index: number; startMs: number; endMs: number; waitStartMs: number }
  | { kind: "lock-wait"; lockId: number; ident: number; startMs: number; endMs: number }
  | { kind: "queue-op"; queueId: number; put: boolean; k: number; ident: number; tMs: number; depth: number }
  | { kind: "counter"; lane: "queue" | "pool"; id: number; tMs: number; value: number }
  | { kind: "lane"; lane: Lane };
