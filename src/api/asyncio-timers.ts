// The timers of a thread's event loop (asyncio.sleep, waitFor's timeout,
// toThread's polling). In an ordinary run they are the worker's own
// setTimeout. In a controlled run (API.md §10) time is virtual, so they wait
// on the scheduler's clock instead: a pump, queued as a task of its own so
// that it runs only once every microtask has (every task of the loop is
// then waiting, on a timer or on another task that is), takes the earliest
// timer, sleeps the thread on the virtual clock until it is due (a sleep
// step: the scheduler may run other threads meanwhile, and moves the clock
// on when nobody can run), and fires every timer due by then, the earliest
// first and, at one time, in the order they were set. So a coroutine
// program runs the same way every time, as Python's loop would run it with
// those times.
//
// States of a timer: pending, then fired or cancelled (a cancelled one is
// dropped when the pump reaches it).

import { context, runtimeTimer, type WorkerContext } from "../runtime/door";

export interface LoopTimer {
  cancel(): void;
}

interface VirtualTimer {
  at: number;
  seq: number;
  fire: () => void;
  cancelled: boolean;
}

interface LoopClock {
  timers: VirtualTimer[];
  nextSeq: number;
  pumpQueued: boolean;
}

/** per run (a worker may serve the next run of the same code) */
const clocks = new WeakMap<WorkerContext, LoopClock>();

/** Calls `fire` after `ms`: real time in an ordinary run, the virtual clock in a controlled one. */
export function loopTimer(ms: number, fire: () => void): LoopTimer {
  const ctx = context();
  // (NaN and negative delays are 0, as setTimeout takes them: a NaN due time would never come.)
  const delay = ms > 0 ? ms : 0;
  const control = ctx.control;
  if (!control) {
    // (The loop's, not one the snippet set: not said as a timer still set at its thread's end.)
    const id = runtimeTimer(() => setTimeout(fire, delay));
    return { cancel: () => clearTimeout(id) };
  }
  let clock = clocks.get(ctx);
  if (!clock) clocks.set(ctx, (clock = { timers: [], nextSeq: 0, pumpQueued: false }));
  const timer: VirtualTimer = { at: control.now() + delay, seq: clock.nextSeq++, fire, cancelled: false };
  clock.timers.push(timer);
  queuePump(ctx, clock);
  return { cancel: () => { timer.cancelled = true; } };
}

function queuePump(ctx: WorkerContext, clock: LoopClock): void {
  if (clock.pumpQueued) return;
  clock.pumpQueued = true;
  runtimeTimer(() => setTimeout(() => {
    clock.pumpQueued = false;
    pump(ctx, clock);
  }, 0));
}

function pump(ctx: WorkerContext, clock: LoopClock): void {
  const control = ctx.control;
  clock.timers = clock.timers.filter((t) => !t.cancelled);
  if (!control || clock.timers.length === 0) return;
  clock.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
  const wait = clock.timers[0].at - control.now();
  // (No state of its own: the timeline derives "event loop idle" from the tasks, as in an ordinary run.)
  if (wait > 0) control.sleep(wait);
  const now = control.now();
  const due = clock.timers.filter((t) => t.at <= now);
  clock.timers = clock.timers.filter((t) => t.at > now);
  for (const timer of due) if (!timer.cancelled) timer.fire();
  if (clock.timers.length > 0) queuePump(ctx, clock);
}
