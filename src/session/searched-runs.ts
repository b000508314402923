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
/** the messages of one run the page formats at most, and a schedule's length (control/schedule-codec.ts: at most 4 characters a step) */
const MAX_MESSAGES = 100_000;
const MAX_SCHEDULE_CHARS = 4 * 200_000;
const isRun = (run: unknown): run is { messages: unknown[]; schedule: string; count: unknown } => {
  const r = run as Record<string, unknown> | null;
  return typeof r === "object" && r !== null && Array.isArray(r.messages) && r.messages.length <= MAX_MESSAGES && typeof r.schedule === "string" && r.schedule.length <= MAX_SCHEDULE_CHARS;
};

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
  const malformed = () => new Error("the runner's report of the search was malformed");
  for (const outcome of found.outcomes) if (!isRun(outcome) || count(outcome.count, 1) === null) throw malformed();
  if (found.failure !== undefined && !isRun(found.failure)) throw malformed();
  // (All at once: each in tasks of its own, where one after another waited a clamped timer each.)
  const [failure, ...items] = await Promise.all([
    found.failure ? formatted(runId, program, settings, found.failure.messages) : null,
    ...found.outcomes.map((outcome) => formatted(runId, program, settings, outcome.messages)),
  ]);
  const outcomes = found.outcomes.map((outcome, i) => ({ item: items[i], count: outcome.count, schedule: outcome.schedule }));
  return {
    schedulesRun, exhaustive: found.exhaustive, unlisted, outcomes,
    ...(failure && found.failure ? { failure: { failed: true, refusal: null, key: "", schedule: found.failure.schedule, item: failure } } : {}),
  };
}
