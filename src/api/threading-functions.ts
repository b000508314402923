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

/** The caller's process's main thread: in a child process, as in Python's, its first thread, named MainThread. */
export function mainThread(): Thread {
  const ctx = context();
  const main = ctx.table.processMain(ctx.ident);
  if (main === ctx.ident) return ctx.currentThread as Thread;
  return main === 1 ? threadHandle(1) : threadHandle(main, "MainThread", true);
}

/** Number of threads alive now in the caller's process, its MainThread included (Python's threading sees no other process's). */
export function activeCount(): number {
  return ownThreads().length;
}

/** The threads alive now in the caller's process. */
export function enumerate(): Thread[] {
  const ctx = context();
  const main = ctx.table.processMain(ctx.ident);
  return ownThreads().map((ident) => (ident === main ? mainThread() : threadHandle(ident)));
}

function ownThreads(): number[] {
  const { table, ident } = context();
  const main = table.processMain(ident);
  return table.aliveIdents().filter((other) => table.processMain(other) === main);
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
