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
  /**
   * When start() ran, on the run's clock (a number field: it moves to the
   * timer's thread with it). The interval counts from there: in Python a
   * thread starts within microseconds, so counting from the thread's first
   * line is the same; here a thread on a worker still booting starts tens
   * of ms later, and the timer fired that much late.
   */
  private startedAtMs = Number.NaN;

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

  override start(): void {
    this.startedAtMs = context().now();
    super.start();
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
    // (A controlled run starts a thread a step after its start(), on virtual time: nothing to make up there.)
    const late = ctx.control || !(ctx.now() > this.startedAtMs) ? 0 : ctx.now() - this.startedAtMs;
    const waitMs = Math.max(0, this.interval - late);
    const cancelled = ctx.control
      ? attemptUntil(this.at, waitMs, false, () => Atomics.load(ctx.i32, word) !== 0)
      : during(ThreadState.Sleeping, 0, () => waitWhileEquals(ctx.i32, word, 0, waitMs));
    Atomics.store(ctx.i32, word, 1);
    return cancelled ? undefined : this.function(...this.args);
  }
}
