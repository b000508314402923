// What the runner's search found (runner/search-runner.ts), taken in by the
// page: the runner shares a process with the snippet's workers, so the
// message is checked as any of the runner's (counts whole and bounded, at
// most MAX_OUTCOMES outcomes), and each outcome's run and the failure's are
// formatted the way every run is: their messages go through a RunSession
// of their own, so an outcome's output, tracebacks and status read exactly
// as a run of its schedule would (session/explore.ts compares the two).

import type { CompileResult } from "../compile/types";
import type { FromRunner } from "../runtime/frame-protocol";
import type { ResolvedSettings } from "../runtime/settings";
import { MAX_OUTCOMES, type LoopResult } from "../runtime/search/search-loop";
import type { SearchRun } from "./explore";
import { RunSession } from "./run-session";

type Searched = Extract<FromRunner, { type: "searched" }>;

const count = (v: unknown, min = 0): number | null => (Number.isInteger(v) && (v as number) >= min ? (v as number) : null);

/** A run of the search, formatted from its messages as any run's (a run whose end is missing ends stopped). */
async function formatted(runId: number, program: CompileResult, settings: ResolvedSettings, messages: unknown): Promise<SearchRun> {
  const session = new RunSession(runId, program, {}, () => {}, settings.raceDetector, true);
  let ended = false;
  for (const message of Array.isArray(messages) ? messages : []) {
    const m = message as FromRunner;
    if (typeof m !== "object" || m === null || m.type === "batch" || m.type === "searched") continue;
    ended ||= m.type === "end";
    session.handle(m);
  }
  if (!ended) session.supersede();
  const result = await session.result;
  return { result, control: session.control };
}

/** The search's result, checked; each listed run formatted. Throws the search's problem (a run that cannot be controlled), if any. */
export async function takeSearched(found: Searched, runId: number, program: CompileResult, settings: ResolvedSettings): Promise<LoopResult<SearchRun>> {
  if (typeof found.problem === "string") throw new Error(found.problem.slice(0, 10_000));
  const schedulesRun = count(found.schedulesRun);
  const unlisted = count(found.unlisted);
  if (schedulesRun === null || unlisted === null || typeof found.exhaustive !== "boolean" || !Array.isArray(found.outcomes) || found.outcomes.length > MAX_OUTCOMES) {
    throw new Error("the runner's report of the search was malformed");
  }
  const outcomes: LoopResult<SearchRun>["outcomes"] = [];
  for (const outcome of found.outcomes) {
    const times = count(outcome?.count, 1);
    if (times === null || typeof outcome.schedule !== "string") throw new Error("the runner's report of the search was malformed");
    outcomes.push({ item: await formatted(runId, program, settings, outcome.messages), count: times, schedule: outcome.schedule });
  }
  const failure = found.failure && typeof found.failure.schedule === "string"
    ? { failed: true, refusal: null, key: "", schedule: found.failure.schedule, item: await formatted(runId, program, settings, found.failure.messages) }
    : undefined;
  return { schedulesRun, exhaustive: found.exhaustive, unlisted, outcomes, ...(failure ? { failure } : {}) };
}
