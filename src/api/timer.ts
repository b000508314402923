// Timer (Python's threading.Timer): a thread that waits `intervalMs`, then
// calls `fn(...args)` unless cancel() came first. The cancel flag is the one
// heap word of the Timer's object, so cancel() from any thread wakes the
// timer at once. In a controlled run the wait is on the virtual clock: the
// timer gives its turn up until its interval has passed there or a cancel()
// (a step) touches it, so which comes first is the schedule's to choose.

import { attemptUntil, context, during, nameRef, place, step, StepKind, touched, type Placed } from "../runtime/door";
import { ThreadState } from "../trace/events";
import { ObjKind } from "../trace/object-kinds";
import { waitWhileEquals } from "../sync/sleep";
import { Thread, setThreadRole } from "./thread";
import { ValueError } from "../base/errors";

export class Timer<A extends unknown[] = unknown[]> extends Thread {
  readonly interval: number;
  readonly function: (...args: A) => unknown;
  readonly args: A;
  /** the cancel flag's word, and the ref a controlled run's cancel() touches */
  private readonly at: Placed;

  constructor(intervalMs: number, fn: (...args: A) => unknown, args?: A) {
    super();
    setThreadRole(this, "timer");
    this.interval = intervalMs;
    this.function = fn;
    this.args = (args ?? []) as A;
    this.at = place(ObjKind.Timer, 1);
    // The object a cancel() touches is the timer: it goes by its thread's name ("cancel Thread-2").
    nameRef(this.at.ref, this.name);
  }

  /** Stop the timer if it is still waiting. */
  cancel(): void {
    step(StepKind.Cancel, this.at.ref);
    const i32 = context().i32;
    Atomics.store(i32, this.at.base, 1);
    Atomics.notify(i32, this.at.base);
    touched(this.at.ref);
  }

  override run(): unknown {
    const ctx = context();
    const word = this.at.base;
    if (typeof this.interval !== "number" || Number.isNaN(this.interval)) throw new ValueError(`a Timer's interval must be a number of ms, got ${String(this.interval)}`);
    const waitMs = Math.max(0, this.interval);
    const cancelled = ctx.control
      ? attemptUntil(this.at, waitMs, false, () => Atomics.load(ctx.i32, word) !== 0)
      : during(ThreadState.Sleeping, 0, () => waitWhileEquals(ctx.i32, word, 0, waitMs));
    Atomics.store(ctx.i32, word, 1);
    return cancelled ? undefined : this.function(...this.args);
  }
}
