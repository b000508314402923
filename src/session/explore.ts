// Finding the interleaving that breaks a program (API.md §10, explore):
// many controlled runs of the same code, each replaying a schedule prefix
// (runtime/search/search-loop.ts says how the schedules are chosen). The
// runner runs them, back to back on its own thread, on workers and memory
// the schedules share (runner/search-runner.ts): a page that asked for
// each in turn spent more of each schedule in messages than the runner
// spent running it. It sends back each different outcome's run, which the
// page formats as any run's (its output, tracebacks and status).
// A snippet could use the shared workers and memory to carry state from one
// schedule into the next: what the search reports, it has replayed on
// fresh workers and memory first. A failure that does not replay sends the
// search on with fresh workers for every run; outcomes that do not replay,
// the same from the start. Those runs are the page's, one at a time.
// Runs are not drawn: only the failing schedule is, when the page opens it.

import type { ControlPlan, ControlReport, RunResult } from "../runtime/types";
import { checkTimeout, type RunSettings } from "../runtime/settings";
import { explainFailure } from "./explain-failure";
import { fnv1a } from "../base/text-hash";
import { runBudget, searchSchedules, type LoopResult, type Tried } from "../runtime/search/search-loop";

/**
 * The characters of output each listed outcome shows: a program that prints
 * something new each schedule (a time, 30 KB of it) made the search keep
 * every schedule's whole output, and crashed the page. Past these, outcomes
 * are told apart by a hash of their output and its length.
 */
const OUTCOME_CHARS = 4096;

export interface ExploreRequest {
  settings?: RunSettings;
  maxSchedules?: number;
  timeoutMs?: number;
  mode?: "failure" | "outcomes";
  /** Stop: the search ends after the run in progress, with what it found so far */
  signal?: AbortSignal;
}

export interface ExploreResult {
  schedulesRun: number;
  exhaustive: boolean;
  failure?: {
    status: "error" | "deadlock"; message: string; schedule: string; seed: number; preemptions: number; result: RunResult;
    /** the failure in one sentence: the preemptions it needs, between which steps (an addition to API.md §10) */
    explanation: string;
  };
  outcomes: { output: string; status: string; count: number; schedule: string }[];
  /** schedules whose outcome was none of those listed (past MAX_OUTCOMES different ones); an addition to API.md §10 */
  unlistedSchedules?: number;
}

export type RunControlled = (settings: RunSettings, plan: ControlPlan, timeoutMs: number) => Promise<{ result: RunResult; control?: ControlReport }>;

export function isFailure(result: RunResult): boolean {
  if (result.status === "stopped" || result.status === "timeout") return false;
  return result.status === "error" || result.status === "deadlock" || result.errors.length > 0;
}

/** The run cannot be controlled at all (an object a controlled run does not drive): no search can help. */
export function refusal(result: RunResult): string | null {
  if (result.status === "stopped" || result.status === "timeout") return null;
  // (by the system flag, not the thread's name: a snippet may name a thread "playground")
  const error = result.errors.find((e) => /not supported in a controlled run/.test(e.message) || e.system);
  return error ? error.message : null;
}

/** A run of the search, as the page took it in. */
export interface SearchRun {
  result: RunResult;
  control?: ControlReport;
}

/**
 * The search on shared workers and memory, run by the runner (runner/
 * search-runner.ts): what it found, each outcome's and the failure's run
 * formatted by the page. Without one (tests), the page runs the schedules.
 */
export type SharedSearch = (settings: RunSettings, options: { mode: "failure" | "outcomes"; maxSchedules: number; budgetMs: number; signal?: AbortSignal }) => Promise<LoopResult<SearchRun>>;

/** each listed outcome's key (outcomeKey), for the replay that checks it */
const keys = new WeakMap<ExploreResult["outcomes"][number], string>();

/** the most schedules a search runs */
const MAX_SCHEDULES = 100_000;

export async function explore(run: RunControlled, request: ExploreRequest, shared?: SharedSearch): Promise<ExploreResult> {
  // A NaN here would end the search before its first run and report "no failing interleaving in 0 schedules".
  const badTimeout = checkTimeout(request.timeoutMs);
  if (badTimeout) throw new Error(badTimeout);
  const { maxSchedules = 1000, mode = "failure", signal } = request;
  if (!(Number.isInteger(maxSchedules) && maxSchedules >= 1 && maxSchedules <= MAX_SCHEDULES)) {
    throw new Error(`maxSchedules must be a whole number from 1 to ${MAX_SCHEDULES}, got ${String(maxSchedules)}`);
  }
  const deadline = performance.now() + (request.timeoutMs ?? 10_000);
  const base: RunSettings = { ...request.settings, controlled: true, schedule: undefined };
  const options = { mode, maxSchedules, deadline, aborted: () => signal?.aborted === true };
  const found = shared
    ? await shared(base, { mode, maxSchedules, budgetMs: Math.max(0, deadline - performance.now()), ...(signal ? { signal } : {}) })
    : await searchSchedules(pageRuns(run, base, deadline, true), options);
  const first = found.failure ? await confirmed(run, base, found.failure.item, deadline, signal) : null;
  if (first === "stopped") return { ...listed(found), schedulesRun: found.schedulesRun, exhaustive: false };
  if (first) return report(first, found);
  if (!found.failure) {
    const result = listed(found);
    if (mode !== "outcomes" || (await outcomesReplay(run, request, result, deadline))) return result;
  }
  // The runs on shared workers did not run as the program does alone: the whole search again, each run on fresh ones.
  const fresh = await searchSchedules(pageRuns(run, base, deadline, false), options);
  const result = fresh.failure ? report(fresh.failure.item, fresh) : listed(fresh);
  return { ...result, schedulesRun: fresh.schedulesRun + found.schedulesRun };
}

/** The page's runs for the search: on shared workers and memory (`reuse`), or each on fresh ones. */
function pageRuns(run: RunControlled, base: RunSettings, deadline: number, reuse: boolean) {
  return async (schedule: string | undefined, seed: number | undefined, plan: ControlPlan): Promise<Tried<SearchRun>> => {
    const { result, control } = await run({ ...base, schedule, ...(seed !== undefined ? { seed } : {}) }, reuse ? { ...plan, reuse } : plan, runBudget(deadline));
    return {
      failed: isFailure(result), timedOut: result.status === "timeout", refusal: refusal(result), key: outcomeKey(result), schedule: result.schedule ?? "", control, item: { result, control },
    };
  };
}

/**
 * The failure as a replay of its schedule alone shows it; null when the
 * replay does not fail (a timeout included: it did not show the failure),
 * "stopped" when a Stop came first.
 */
async function confirmed(run: RunControlled, base: RunSettings, found: SearchRun, deadline: number, signal?: AbortSignal): Promise<SearchRun | null | "stopped"> {
  if (signal?.aborted) return "stopped";
  const replay = await run({ ...base, seed: found.result.seed, schedule: found.result.schedule }, { policy: "stay" }, runBudget(deadline));
  if (isFailure(replay.result)) return replay;
  return signal?.aborted ? "stopped" : null;
}

function report({ result, control }: SearchRun, found: LoopResult<SearchRun>): ExploreResult {
  return {
    ...listed(found), exhaustive: false,
    failure: {
      status: result.status === "deadlock" ? "deadlock" : "error",
      message: result.errors[0]?.message ?? (result.status === "deadlock" ? "deadlock" : result.status),
      schedule: result.schedule ?? "", seed: result.seed ?? 0, preemptions: result.preemptions ?? 0, result,
      explanation: control ? explainFailure(result, control) : "",
    },
  };
}

/**
 * The outcomes a search found, as the page lists them: runs told apart by
 * what the page shows of them (the runner tells them apart more finely, by
 * what they sent: two of its outcomes may be one here).
 */
function listed(found: LoopResult<SearchRun>): ExploreResult {
  const outcomes = new Map<string, ExploreResult["outcomes"][number]>();
  for (const { item, count, schedule } of found.outcomes) {
    const key = outcomeKey(item.result);
    const seen = outcomes.get(key);
    if (seen) {
      seen.count += count;
      continue;
    }
    const outcome = { output: shownOutput(item.result), status: item.result.status, count, schedule };
    outcomes.set(key, outcome);
    keys.set(outcome, key);
  }
  return { schedulesRun: found.schedulesRun, exhaustive: found.exhaustive, outcomes: [...outcomes.values()], ...(found.unlisted > 0 ? { unlistedSchedules: found.unlisted } : {}) };
}

/**
 * Replays each outcome's schedule alone (fresh workers and memory): false
 * when one ends otherwise, a run that timed out or was stopped included.
 * Outcomes the search's time or a Stop leaves unreplayed are reported as
 * the shared runs found them.
 */
async function outcomesReplay(run: RunControlled, request: ExploreRequest, found: ExploreResult, deadline: number): Promise<boolean> {
  for (const outcome of found.outcomes) {
    if (request.signal?.aborted || performance.now() >= deadline) return true;
    const { result } = await run({ ...request.settings, controlled: true, schedule: outcome.schedule }, { policy: "stay" }, runBudget(deadline));
    // (One the search's time cut is left unreplayed too: it says nothing of the run.)
    if (result.status === "timeout" && performance.now() >= deadline) return true;
    if (outcomeKey(result) !== keys.get(outcome) && !request.signal?.aborted) return false;
  }
  return true;
}

/** What a run printed (its threads' lines, not the playground's own). */
function printed(result: RunResult): string {
  return result.output.filter((o) => !o.system).map((o) => o.text).join("\n");
}

/** An outcome as the search tells outcomes apart: its status and its output, or a long output's length and hash. */
export function outcomeKey(result: RunResult): string {
  const output = printed(result);
  return `${result.status}\u0000${output.length <= OUTCOME_CHARS ? `=${output}` : `#${output.length}#${textHash(output)}`}`;
}

/** Two FNV-1a hashes of the text from different offset bases (base/text-hash.ts). */
function textHash(text: string): string {
  return fnv1a(text) + fnv1a(text, 0x050c5d1f);
}

/** The output an outcome shows: at most OUTCOME_CHARS of it, and how much more there was. */
function shownOutput(result: RunResult): string {
  const output = printed(result);
  return output.length <= OUTCOME_CHARS ? output : `${output.slice(0, OUTCOME_CHARS)}… (${output.length - OUTCOME_CHARS} more characters)`;
}
