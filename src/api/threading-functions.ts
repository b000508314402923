// threading's module functions: the current and main thread, the threads
// alive, the low-level startNewThread, and the blocking sleep. The Thread
// class itself is in thread.ts.

import { context, during, nextNameNumber } from "../runtime/door";
import { ThreadState } from "../trace/events";
import { sleepMs } from "../sync/sleep";
import { noteBlockingCall } from "./asyncio";
import { Thread, threadHandle } from "./thread";

export function currentThread(): Thread {
  return context().currentThread as Thread;
}

export function mainThread(): Thread {
  return threadHandle(1);
}

/** Number of threads alive now, MainThread included. */
export function activeCount(): number {
  return context().table.aliveIdents().length;
}

/** The threads alive now. */
export function enumerate(): Thread[] {
  return context().table.aliveIdents().map((ident) => threadHandle(ident));
}

/** The low-level `_thread.start_new_thread`: a daemon thread, started at once. */
export function startNewThread(fn: (...args: never[]) => unknown, args: unknown[] = []): number {
  const thread = new Thread({ target: fn, args: args as never[], name: `Dummy-${nextNameNumber("Dummy")}`, daemon: true });
  thread.start();
  return thread.ident!;
}

/** Block the calling thread for `ms` milliseconds (shown as sleeping). */
export function sleep(ms: number): void {
  if (!(ms >= 0)) throw new RangeError("sleep length must be non-negative (ms)");
  noteBlockingCall("sleep()");
  // A controlled run's time is virtual: the sleep is a step, and the clock jumps when nobody can run.
  const control = context().control;
  during(ThreadState.Sleeping, 0, control ? () => control.sleep(ms) : () => sleepMs(ms));
}

export function getIdent(): number {
  return context().ident;
}
