// The run's drainer: a worker of the runner that empties the threads' trace
// and output rings as fast as they fill, so that nothing is ever dropped
// (a thread whose ring is full waits for it), and hands what it read to the
// runner in chunks for the page. It sleeps on the run's drain signal word
// (a thread whose ring is half full bumps it) or for a couple of
// milliseconds, whichever comes first (drain-loop.ts).
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
import { DrainLoop, PASS_MS } from "./drain-loop";
import type { DrainerStart, FromDrainer } from "./drain-protocol";

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: FromDrainer, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

function run(start: DrainerStart): void {
  try {
    const loop = new DrainLoop(start, post);
    for (;;) {
      const seen = loop.turn();
      if (seen === null) return;
      Atomics.wait(loop.i32, loop.signal, seen, PASS_MS);
    }
  } catch (error) {
    post(DrainLoop.failure(error));
  }
}

scope.onmessage = (event: MessageEvent<DrainerStart>) => run(event.data);
