// The RunResult of API.md §9, from a finished session: the runner's verdict
// (status, exit code, end, deadlock) plus what the page itself took in (the
// output, the errors, and each thread's figures from the trace model, so the
// result and the timeline can never disagree).

import type { DeadlockInfo, RaceInfo, OutputLine, RunErrorInfo, RunResult, RunStatus, ThreadSummary } from "../runtime/types";
import { ThreadState } from "../trace/events";
import type { TraceModel } from "../trace/model";

export interface RunVerdict {
  status: RunStatus;
  exitCode: number;
  endMs: number;
  deadlock?: DeadlockInfo;
  /** set when the run had the race detector on */
  races?: RaceInfo[];
  /** set when the run was controlled (API.md §10) */
  control?: { seed: number; schedule: string; steps: number; preemptions: number };
}

export function buildResult(run: { model: TraceModel; output: OutputLine[]; errors: RunErrorInfo[] }, verdict: RunVerdict): RunResult {
  const { model } = run;
  const threads: ThreadSummary[] = [...model.threads.values()].map((track) => {
    const figures = model.figures(track, verdict.endMs);
    const state = figures.finalState === ThreadState.Error ? "error" : figures.finalState === ThreadState.Done ? "done" : "stopped";
    return {
      name: track.name,
      kind: track.kind as ThreadSummary["kind"],
      startMs: figures.startMs,
      endMs: figures.endMs,
      runningMs: figures.runningMs,
      blockedMs: figures.blockedMs,
      state,
    };
  });
  let exitCode = verdict.exitCode;
  if (verdict.status !== "ok") exitCode = exitCode || 1;
  return {
    status: verdict.status,
    exitCode,
    durationMs: verdict.endMs,
    output: run.output,
    errors: run.errors,
    threads,
    ...(verdict.deadlock ? { deadlock: verdict.deadlock } : {}),
    ...(verdict.races ? { races: verdict.races } : {}),
    ...(verdict.control ?? {}),
    // Events past the trace's cap were counted into the figures but are not in the trace.
    stats: { events: model.eventCount, droppedEvents: model.droppedEvents + model.unrecordedEvents },
  };
}
