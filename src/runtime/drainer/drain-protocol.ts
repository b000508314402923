// Between the runner and its drainer worker (drainer-worker.ts): the start
// message, what the drainer posts back, and the shared words the runner
// commands it through (the drainer sleeps in Atomics.wait, so it does not
// read messages while it runs):
//   0 command   0 drain, 1 final (drain everything, then report and stop)
//   1 paused    1 while the runner holds as much as it may: drain nothing
//               (the rings fill and their threads wait)
//   2-3 cutoff  f64: the run's end (final only)
//   4-5 sent    f64, written by the drainer: the run's time at the start of
//               its last pass that emptied every ring and whose events it
//               has posted since; what the threads recorded before it has
//               left the drainer (-1 until such a pass). A final pass that
//               never ends leaves the trace cut there (run-drain.ts).

import type { TraceChunk } from "../frame-protocol";

export const DRAIN_CONTROL_BYTES = 24;
/** the f64 index of the `sent` slot (see the header) */
export const DRAIN_SENT_F64 = 2;
export const enum DrainCommand { Drain = 0, Final = 1 }
export const DRAIN_PAUSED = 1;

export interface DrainerStart {
  heap: SharedArrayBuffer;
  /** the threads' eval-breaker words (one per slot): how the drainer asks a thread to flush */
  ctl: SharedArrayBuffer;
  control: number;
  tableEndWord: number;
  commands: SharedArrayBuffer;
}

export type FromDrainer =
  | { type: "chunk"; chunk: TraceChunk }
  | { type: "drained"; droppedAfterCutoff: number }
  | { type: "corrupt"; message: string };

