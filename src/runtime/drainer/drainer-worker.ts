// The run's drainer: a worker of the runner that empties the threads' trace
// and output rings as fast as they fill, so that nothing is ever dropped
// (a thread whose ring is full waits for it), and hands what it read to the
// runner in chunks for the page. It sleeps on the run's drain signal word
// (a thread whose ring is half full bumps it) or for a couple of
// milliseconds, whichever comes first.
//
// Flow control: at most MAX_IN_FLIGHT chunks may be on their way to the
// page at once (the page acknowledges each one it has taken in). Beyond
// that the drainer stops draining, the rings fill, and the threads wait: a
// run can never produce faster than the page can take it in.
//
// Its commands come through a small shared buffer of the runner's
// (drain-protocol.ts), not messages: it is asleep in Atomics.wait most of
// the time.

/// <reference lib="webworker" />
import { DrainCorrupt, Drainer } from "./drainer";
import { DrainCommand, MAX_IN_FLIGHT, type DrainerStart, type FromDrainer } from "./drain-protocol";

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
  const drainer = new Drainer(i32, start.control, start.tableEndWord);
  const signal = Drainer.signalIndex(start.control);
  let sent = 0;
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
      const inFlight = sent - Atomics.load(commands, 1);
      if (inFlight < MAX_IN_FLIGHT) {
        const full = drainer.pass();
        const now = performance.now();
        if (drainer.hasChunk() && (full || now - lastPostMs >= POST_EVERY_MS)) {
          send(drainer);
          sent++;
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
