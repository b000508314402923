// Timer (Python's threading.Timer): a thread that waits `intervalMs`, then
// calls `fn(...args)` unless cancel() came first. The cancel flag is a word
// of the shared heap, so cancel() from any thread wakes the timer at once.

import { context, during } from "../runtime/door";
import { ThreadState } from "../trace/events";
import { waitWhileEquals } from "../sync/sleep";
import { Thread, setThreadRole } from "./thread";

export class Timer<A extends unknown[] = unknown[]> extends Thread {
  readonly interval: number;
  readonly function: (...args: A) => unknown;
  readonly args: A;
  private readonly cancelWord: number;

  constructor(intervalMs: number, fn: (...args: A) => unknown, args?: A) {
    super();
    setThreadRole(this, "timer");
    this.interval = intervalMs;
    this.function = fn;
    this.args = (args ?? []) as A;
    this.cancelWord = context().heap.alloc(1);
  }

  /** Stop the timer if it is still waiting. */
  cancel(): void {
    const i32 = context().i32;
    Atomics.store(i32, this.cancelWord, 1);
    Atomics.notify(i32, this.cancelWord);
  }

  override run(): unknown {
    const ctx = context();
    const cancelled = during(ThreadState.Sleeping, 0, () => waitWhileEquals(ctx.i32, this.cancelWord, 0, Math.max(0, this.interval)));
    Atomics.store(ctx.i32, this.cancelWord, 1);
    return cancelled ? undefined : this.function(...this.args);
  }
}
