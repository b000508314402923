// How a program ends (Python's sys.exit, os._exit and atexit). exit() raises
// SystemExit: in MainThread it ends the main program there (non-daemon
// threads are still waited for, then the atexit functions run, last
// registered first); in another thread it quietly ends that thread, as in
// Python. osExit() ends the whole run at once and skips the atexit functions.

import { RuntimeError } from "../base/errors";
import { context, endRun } from "../runtime/door";

export class SystemExit extends Error {
  constructor(readonly code: number) {
    super(`exit(${code})`);
    this.name = "SystemExit";
  }
}

function exitCodeOf(code: unknown): number {
  if (code === undefined || code === null) return 0;
  return typeof code === "number" && Number.isInteger(code) ? code : 1;
}

/** End the calling thread (MainThread: the main program) with `code`. */
export function exit(code: number = 0): never {
  throw new SystemExit(exitCodeOf(code));
}

/** End the whole run now, every thread, skipping atexit functions. */
export function osExit(code: number = 0): never {
  return endRun(exitCodeOf(code));
}

const handlers: { fn: (...args: never[]) => unknown; args: unknown[] }[] = [];

export const atexit = {
  /** Call `fn(...args)` when the program ends normally; returns `fn`. */
  register<F extends (...args: never[]) => unknown>(fn: F, ...args: Parameters<F>): F {
    if (context().role !== "main") throw new RuntimeError("atexit.register is available in MainThread only");
    handlers.push({ fn, args });
    return fn;
  },
  /** Remove `fn` from the functions to call at exit. */
  unregister(fn: (...args: never[]) => unknown): void {
    for (let i = handlers.length - 1; i >= 0; i--) if (handlers[i].fn === fn) handlers.splice(i, 1);
  },
};

/** Whether functions are registered that have not run (a MainThread that failed skips them). */
export function atexitPending(): boolean {
  return handlers.length > 0;
}

/** Run the registered functions, last first (called by the runtime). */
export async function runAtexitHandlers(report: (error: unknown) => void): Promise<void> {
  while (handlers.length > 0) {
    const { fn, args } = handlers.pop()!;
    try {
      await (fn as (...a: unknown[]) => unknown)(...args);
    } catch (error) {
      if (!(error instanceof SystemExit)) report(error);
    }
  }
}
