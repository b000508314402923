// The drainer's loop (drain-loop.ts) run on the runner's own thread, for a
// search's runs (ControlPlan.reuse). At a run's end the runner asks for a
// last pass and waits for it, and a drainer worker's answer had to cross
// threads while the run's workers, checking themselves for the next
// schedule, held both cores: 0.6-0.8 ms of a 2.4 ms schedule. Here the last
// pass follows the ask as soon as the runner's thread is free. That thread
// is otherwise idle while a run goes on, and a search's runs are short.
//
// It waits in Atomics.waitAsync on the drain signal or PASS_MS, whichever
// comes first; where waitAsync is missing, it looks every PASS_MS. Nothing
// else reads the rings: the run has no drainer worker.

import { DrainLoop, PASS_MS } from "./drain-loop";
import type { DrainerStart, FromDrainer } from "./drain-protocol";

type WaitAsync = (i32: Int32Array, index: number, value: number, ms: number) => { async: boolean; value: Promise<string> | string };

/** Drains the run of `start` until its final pass; `post` takes what a drainer worker would have posted (never before this returns). */
export function drainInline(start: DrainerStart, post: (message: FromDrainer) => void): void {
  const waitAsync = (Atomics as unknown as { waitAsync?: WaitAsync }).waitAsync;
  let loop: DrainLoop;
  try {
    loop = new DrainLoop(start, post);
  } catch (error) {
    queueMicrotask(() => post(DrainLoop.failure(error)));
    return;
  }
  const sleep = (seen: number) => {
    const wait = waitAsync?.(loop.i32, loop.signal, seen, PASS_MS);
    // (Not waiting: the signal moved since the turn read it. A task of its own, so that a busy run cannot hold the thread.)
    if (wait?.async) void (wait.value as Promise<string>).then(step);
    else setTimeout(step, wait ? 0 : PASS_MS);
  };
  const step = (): void => {
    try {
      const seen = loop.turn();
      if (seen !== null) sleep(seen);
    } catch (error) {
      post(DrainLoop.failure(error));
    }
  };
  // (Nothing is recorded yet: the first pass waits for the signal, or PASS_MS.)
  sleep(Atomics.load(loop.i32, loop.signal));
}
