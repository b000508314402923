// What a thread's next step in a controlled run does (API.md §10), as the
// scheduler records it in the thread's slot: a kind and an argument, the
// compiler's access site for reads and writes, an object ref for the API's
// calls. The page turns them into words ("read counter", "acquire lockA")
// with the names and sites it knows.

import { SCHEDULER_TURN_REF } from "../../trace/object-kinds";

/**
 * What a thread of a controlled run waits on while another has the baton:
 * a label the runner names once ("scheduler's turn"), with an ordinal no
 * snippet label reaches. The timeline shows the wait as "waiting" on it:
 * a controlled run has no GIL, so "waiting for the GIL" would be untrue.
 */
export const TURN_REF = SCHEDULER_TURN_REF;
export const TURN_NAME = "scheduler's turn";

export const enum StepKind {
  /** the thread has not run yet: its first step starts it */
  Begin = 1,
  Read = 2,
  Write = 3,
  Acquire = 4,
  Release = 5,
  Wait = 6,
  Set = 7,
  Clear = 8,
  Start = 9,
  Join = 10,
  Sleep = 11,
  Print = 12,
  End = 13,
  Notify = 14,
  Put = 15,
  Get = 16,
  /** qsize(), empty(), full(): a look at a queue that a check-then-act can race with */
  Check = 17,
  /** a Barrier's abort(): its waiters fail */
  Abort = 18,
  /** a Barrier's reset() */
  Reset = 19,
  /** a Connection's close() */
  Close = 20,
  /** a Timer's cancel() */
  Cancel = 21,
  /** an Atomics operation on shared memory; its argument is the operation's index in ATOMIC_OPS */
  Atomic = 22,
}

/** The Atomics operations a controlled run takes as steps, by the index a step of kind Atomic carries. */
export const ATOMIC_OPS: readonly string[] = ["add", "and", "compareExchange", "exchange", "or", "sub", "xor", "load", "store", "notify"];

/** the verb of each kind, as StepView.next starts */
export const STEP_VERBS: Readonly<Record<number, string>> = {
  [StepKind.Begin]: "begin",
  [StepKind.Read]: "read",
  [StepKind.Write]: "write",
  [StepKind.Acquire]: "acquire",
  [StepKind.Release]: "release",
  [StepKind.Wait]: "wait for",
  [StepKind.Set]: "set",
  [StepKind.Clear]: "clear",
  [StepKind.Start]: "start a thread",
  [StepKind.Join]: "join",
  [StepKind.Sleep]: "sleep",
  [StepKind.Print]: "print",
  [StepKind.End]: "end",
  [StepKind.Notify]: "notify",
  [StepKind.Put]: "put into",
  [StepKind.Get]: "get from",
  [StepKind.Check]: "check",
  [StepKind.Abort]: "abort",
  [StepKind.Reset]: "reset",
  [StepKind.Close]: "close",
  [StepKind.Cancel]: "cancel",
  [StepKind.Atomic]: "Atomics",
};

/** kinds whose argument is a compiler access site (the rest carry an object ref, or nothing) */
export function stepHasSite(kind: number): boolean {
  return kind === StepKind.Read || kind === StepKind.Write;
}
