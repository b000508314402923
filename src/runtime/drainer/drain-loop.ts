// One turn of a drainer's loop, as both of its hosts run it: a drainer
// worker, blocking in Atomics.wait between turns (drainer-worker.ts), and
// the runner's own thread for a search's runs, waiting asynchronously
// (inline-drainer.ts). A turn reads the runner's command first: the final
// command empties every ring (the threads are stopped), reports, and ends
// the loop; otherwise, unless the runner has paused it, it makes a pass and
// sends the chunk once it is full or POST_EVERY_MS old.

import { DrainCorrupt, Drainer } from "./drainer";
import { DRAIN_PAUSED, DrainCommand, type DrainerStart, type FromDrainer } from "./drain-protocol";
import { ReleaseBook } from "./release-book";

/** how often an idle drainer looks anyway, and the most a chunk waits to go out */
export const PASS_MS = 2;
export const POST_EVERY_MS = 8;

export class DrainLoop {
  readonly i32: Int32Array;
  /** the word the threads bump when a ring is half full */
  readonly signal: number;
  private readonly commands: Int32Array;
  private readonly cutoff: Float64Array;
  private readonly lateUntil: Float64Array;
  private readonly drainer: Drainer;
  private lastPostMs = -Infinity;

  constructor(start: DrainerStart, private readonly post: (message: FromDrainer, transfer?: Transferable[]) => void) {
    this.i32 = new Int32Array(start.heap);
    this.commands = new Int32Array(start.commands);
    this.cutoff = new Float64Array(start.commands, 8, 1);
    this.lateUntil = new Float64Array(start.commands, 16, 1);
    this.drainer = new Drainer(this.i32, start.control, start.table, start.tableEndWord, new ReleaseBook(start.releases), new Int32Array(start.ctl));
    this.signal = Drainer.signalIndex(start.control);
  }

  /** A turn: the signal's value before it, to wait on until it moves; null once the final pass is done. Throws as a pass does. */
  turn(): number | null {
    const { drainer } = this;
    const seen = Atomics.load(this.i32, this.signal);
    if (Atomics.load(this.commands, 0) === DrainCommand.Final) {
      drainer.cutoffMs = this.cutoff[0];
      drainer.lateUntilMs = this.lateUntil[0];
      for (;;) {
        drainer.pass();
        if (!drainer.hasChunk()) break;
        this.send();
      }
      this.post({ type: "drained", droppedAfterCutoff: drainer.droppedAfterCutoff });
      return null;
    }
    if (Atomics.load(this.commands, DRAIN_PAUSED) === 0) {
      const full = drainer.pass();
      const now = performance.now();
      if (drainer.hasChunk() && (full || now - this.lastPostMs >= POST_EVERY_MS)) {
        this.send();
        this.lastPostMs = now;
      }
    }
    return seen;
  }

  /** What to tell the runner when a turn threw: the run's trace cannot be read. */
  static failure(error: unknown): FromDrainer {
    return { type: "corrupt", message: error instanceof DrainCorrupt ? error.message : `the drainer failed: ${String(error)}` };
  }

  private send(): void {
    const chunk = this.drainer.takeChunk();
    this.post({ type: "chunk", chunk }, chunk.events.map((e) => e.data));
  }
}
