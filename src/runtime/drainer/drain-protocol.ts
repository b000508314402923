// Between the runner and its drainer worker (drainer-worker.ts): the start
// message, what the drainer posts back, and the shared words the runner
// commands it through (the drainer sleeps in Atomics.wait, so it does not
// read messages while it runs):
//   0 command   0 drain, 1 final (drain everything, then report and stop)
//   1 paused    1 while the runner holds as much as it may: drain nothing
//               (the rings fill and their threads wait)
//   2-3 cutoff  f64: the run's end (final only)
//   4-5 lateUntil f64: the latest a late write can be stamped (final only;
//               Infinity for a virtual clock); a time past it is forged

import type { TraceChunk } from "../frame-protocol";
import type { TableLayout } from "../thread-table";

export const DRAIN_CONTROL_BYTES = 24;
export const enum DrainCommand { Drain = 0, Final = 1 }
export const DRAIN_PAUSED = 1;

export interface DrainerStart {
  heap: SharedArrayBuffer;
  /** the threads' eval-breaker words (one per slot): how the drainer asks a thread to flush */
  ctl: SharedArrayBuffer;
  control: number;
  /** where the thread table lies, as the runner laid it out (the heap's copy of it is the snippet's to write) */
  table: TableLayout;
  tableEndWord: number;
  commands: SharedArrayBuffer;
  /** the runner's word on which threads it has let go of (release-book.ts), a buffer the snippet cannot reach */
  releases: SharedArrayBuffer;
}

export type FromDrainer =
  | { type: "chunk"; chunk: TraceChunk }
  | { type: "drained"; droppedAfterCutoff: number }
  | { type: "corrupt"; message: string };

