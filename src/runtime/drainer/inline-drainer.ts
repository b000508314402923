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

/** one in this many turns in a row that found the signal moved goes through a timer */
const TIMER_EVERY = 8;

let tasks: { port: MessagePort; queue: (() => void)[] } | null = null;

/** Runs `fn` in a task of its own, at once: a nested setTimeout(0) waits 4 ms from the fifth, and a run that prints fast moves the signal at every pass. */
function soon(fn: () => void): void {
  if (!tasks) {
    const channel = new MessageChannel();
    const queue: (() => void)[] = [];
    channel.port1.onmessage = () => queue.shift()?.();
    tasks = { port: channel.port2, queue };
  }
  tasks.queue.push(fn);
  tasks.port.postMessage(null);
}

/** Drains the run of `start` until its final pass; `post` takes what a drainer worker would have posted (never before this returns). */
export function drainInline(start: DrainerStart, post: (message: FromDrainer) => void): void {
  const waitAsync = (Atomics as unknown as { waitAsync?: WaitAsync }).waitAsync;
  let loop: DrainLoop;
  /** turns in a row that found the signal moved */
  let busy = 0;
  try {
    loop = new DrainLoop(start, post);
  } catch (error) {
    queueMicrotask(() => post(DrainLoop.failure(error)));
    return;
  }
  const sleep = (seen: number) => {
    const wait = waitAsync?.(loop.i32, loop.signal, seen, PASS_MS);
    // (Not waiting: the signal moved since the turn read it. A task of its own, so that a busy run cannot hold the thread.)
    if (wait?.async) {
      busy = 0;
      void (wait.value as Promise<string>).then(step);
    } else if (!wait) {
      setTimeout(step, PASS_MS);
    } else if (++busy % TIMER_EVERY === 0) {
      // (Now and then through a timer: the run's own timers, its timeout among them, must not wait behind a flood of passes.)
      setTimeout(step, 0);
    } else {
      soon(step);
    }
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
