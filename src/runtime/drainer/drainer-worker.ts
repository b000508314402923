// The run's drainer: a worker of the runner that empties the threads' trace
// and output rings as fast as they fill, so that nothing is ever dropped
// (a thread whose ring is full waits for it), and hands what it read to the
// runner in chunks for the page. It sleeps on the run's drain signal word
// (a thread whose ring is half full bumps it) or for a couple of
// milliseconds, whichever comes first.
//
// Flow control: the runner keeps what the page has not taken in yet, up to
// a cap (runner/trace-backlog.ts); past it, it pauses the drainer, the
// rings fill, and the threads wait. Nothing is lost, and a burst of events
// much faster than the page can draw goes at the speed of a memory copy.
//
// Its commands come through a small shared buffer of the runner's
// (drain-protocol.ts), not messages: it is asleep in Atomics.wait most of
// the time.

/// <reference lib="webworker" />
import { DrainCorrupt, Drainer } from "./drainer";
import { DRAIN_PAUSED, DrainCommand, type DrainerStart, type FromDrainer } from "./drain-protocol";

/** how often an idle drainer looks anyway, and the most a chunk waits to go out */
const PASS_MS = 2;
const POST_EVERY_MS = 8;

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: FromDrainer, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

function send(drainer: Drainer): void {
  const chunk = drainer.takeChunk();
  post({ type: "chunk", chunk }, chunk.events.map((e) => e.data));
}

function run(start: DrainerStart): void {
  const i32 = new Int32Array(start.heap);
  const commands = new Int32Array(start.commands);
  const cutoff = new Float64Array(start.commands, 8, 1);
  const drainer = new Drainer(i32, start.control, start.tableEndWord, new Int32Array(start.ctl));
  const signal = Drainer.signalIndex(start.control);
  let lastPostMs = -Infinity;
  try {
    for (;;) {
      const seen = Atomics.load(i32, signal);
      if (Atomics.load(commands, 0) === DrainCommand.Final) {
        drainer.cutoffMs = cutoff[0];
        // The threads are stopped: empty every ring, whatever the page has taken so far.
        for (;;) {
          drainer.pass();
          if (!drainer.hasChunk()) break;
          send(drainer);
        }
        post({ type: "drained", droppedAfterCutoff: drainer.droppedAfterCutoff });
        return;
      }
      if (Atomics.load(commands, DRAIN_PAUSED) === 0) {
        const full = drainer.pass();
        const now = performance.now();
        if (drainer.hasChunk() && (full || now - lastPostMs >= POST_EVERY_MS)) {
          send(drainer);
          lastPostMs = now;
        }
      }
      Atomics.wait(i32, signal, seen, PASS_MS);
    }
  } catch (error) {
    post({ type: "corrupt", message: error instanceof DrainCorrupt ? error.message : `the drainer failed: ${String(error)}` });
  }
}

scope.onmessage = (event: MessageEvent<DrainerStart>) => run(event.data);
