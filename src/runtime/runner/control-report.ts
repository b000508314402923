// What the runner tells the page about a controlled run (API.md §10): the
// scheduler's memory read back at the end (control/control-memory.ts) as a
// ControlReport, with the schedule encoded and each thread named; and the
// sentence for a run the scheduler stopped. The snippet could have written
// into that memory, so everything is read clamped (readControlOutcome) and
// the page checks the report again.

import { CLOCK_F64, CONTROL_CAPACITY, End, readControlOutcome, Status } from "../control/control-memory";
import { encodeSchedule } from "../control/schedule-codec";
import type { ControlReport } from "../types";

const ENDS: Record<number, string> = {
  [End.Running]: "running", [End.Finished]: "finished", [End.Deadlock]: "deadlock",
  [End.Paused]: "paused", [End.Diverged]: "diverged", [End.TooLong]: "too-long",
};
const STATUSES: Record<number, ControlReport["threads"][number]["status"]> = {
  [Status.Runnable]: "runnable", [Status.Blocked]: "blocked", [Status.TimedBlocked]: "blocked",
  [Status.Sleeping]: "sleeping", [Status.Done]: "done",
};

/** The virtual clock of a controlled run, in ms. */
export function virtualNow(control: SharedArrayBuffer): number {
  const t = new Float64Array(control, 0, CLOCK_F64 + 1)[CLOCK_F64];
  return Number.isFinite(t) && t >= 0 ? t / 1000 : 0;
}

/** `tableCapacity`: the run's thread table's slots, as the runner made it. */
export function controlReport(control: SharedArrayBuffer, tableCapacity: number, seed: number, nameOf: (ident: number) => string, globals: number[]): ControlReport {
  const outcome = readControlOutcome(control, CONTROL_CAPACITY, tableCapacity);
  return {
    end: ENDS[outcome.end] ?? "running",
    seed,
    schedule: encodeSchedule(outcome.choices),
    steps: outcome.steps,
    preemptions: outcome.preemptions,
    choices: outcome.choices,
    enabled: outcome.enabled,
    kinds: outcome.kinds,
    args: outcome.args,
    positions: outcome.positions,
    times: outcome.times,
    globals,
    threads: outcome.threads.map((t) => ({
      n: t.n, ident: t.ident, name: nameOf(t.ident), status: STATUSES[t.status] ?? "done", ref: t.ref, nextKind: t.nextKind, nextArg: t.nextArg, nextPos: t.nextPos,
      ...(t.timedOut ? { timedOut: true } : {}),
    })),
  };
}

/**
 * MainThread's shared globals as they are now: `count` Float64s at the
 * offset the thread table gives, read only when that offset (a word the
 * snippet could overwrite) points inside the user heap.
 */
export function readGlobals(userHeap: SharedArrayBuffer, offset: number, count: number): number[] {
  if (!(Number.isInteger(offset) && offset >= 0 && offset % 8 === 0 && offset + count * 8 <= userHeap.byteLength)) return [];
  return Array.from(new Float64Array(userHeap, offset, count));
}

/** Why the scheduler stopped a run that did not deadlock (End, as thread messages carry it). */
export function controlProblem(end: number): string | undefined {
  switch (end) {
    case End.Paused:
      return undefined;
    case End.Diverged:
      return "the schedule does not fit this code: it names a thread that cannot take the next step (was the code changed since the schedule was made?)";
    case End.TooLong:
      return "a controlled run takes at most 200,000 steps; this one took more (a loop that never ends?)";
    default:
      return "the controlled run's scheduler stopped";
  }
}
