// Finding the interleaving that breaks a program (API.md §10, explore):
// many controlled runs of the same code, each replaying a schedule prefix.
//   "failure": iterative preemption bounding, as CHESS does (Musuvathi and
//     Qadeer, PLDI 2007): every schedule with no preemption, then with one,
//     then two, each found by branching a run where another thread could
//     have gone (schedule-search.ts), the scheduler's "stay" policy filling
//     in the rest without preempting; then randomised PCT schedules until
//     the budget ends. It stops at the first run that errors, deadlocks or
//     fails an assert, so the failure found has the fewest preemptions the
//     bounded search could find, and it says so in one sentence.
//   "outcomes": every schedule (no bound), grouped by what the program
//     printed and how it ended, exhaustive when the budget allows.
// Runs are not drawn: only the failing schedule is, when the page opens it.
// A search's runs share workers and memory (runner/heap-shelf.ts), which a
// snippet could use to carry state from one schedule into the next: what
// the search reports, it has replayed on fresh workers and memory first.
// A failure that does not replay sends the search on with fresh workers
// for every run; outcomes that do not replay, the same from the start.

import type { ControlPlan, ControlReport, RunResult } from "../runtime/types";
import { checkTimeout, type RunSettings } from "../runtime/settings";
import { encodeSchedule } from "../runtime/control/schedule-codec";
import { explainFailure } from "./explain-failure";
import { fnv1a } from "../base/text-hash";
import { branchesOf, EMPTY_BRANCH, prefixLength, prefixOf, type Branch } from "./schedule-search";

/** preemption bounds tried before randomised schedules */
const MAX_BOUND = 2;
/**
 * Schedules a search keeps waiting at most: a long run (a loop of 10,000
 * increments) branches at every step, and keeping all of them filled the
 * page's memory. Past it, the search says it was not exhaustive.
 */
const MAX_PENDING = 100_000;
/**
 * Different outcomes a search lists, and the characters of output each
 * shows: a program that prints something new each schedule (a time, 30 KB
 * of it) made the search keep every schedule's whole output, and crashed
 * the page. Past these, outcomes are told apart by a hash of their output
 * and its length, and counted but not listed.
 */
const MAX_OUTCOMES = 1000;
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
function refusal(result: RunResult): string | null {
  // (by the system flag, not the thread's name: a snippet may name a thread "playground")
  const error = result.errors.find((e) => /not supported in a controlled run/.test(e.message) || e.system);
  return error ? error.message : null;
}

/** A search on shared workers whose report did not replay alone: how many schedules it ran. */
interface Disagreed {
  disagreed: true;
  schedulesRun: number;
}

/** each listed outcome's key (outcomeKey), for the replay that checks it */
const keys = new WeakMap<ExploreResult["outcomes"][number], string>();

/** the most schedules a search runs */
const MAX_SCHEDULES = 100_000;

export async function explore(run: RunControlled, request: ExploreRequest): Promise<ExploreResult> {
  // A NaN here would end the search before its first run and report "no failing interleaving in 0 schedules".
  const badTimeout = checkTimeout(request.timeoutMs);
  if (badTimeout) throw new Error(badTimeout);
  const { maxSchedules } = request;
  if (maxSchedules !== undefined && !(Number.isInteger(maxSchedules) && maxSchedules >= 1 && maxSchedules <= MAX_SCHEDULES)) {
    throw new Error(`maxSchedules must be a whole number from 1 to ${MAX_SCHEDULES}, got ${String(maxSchedules)}`);
  }
  const deadline = performance.now() + (request.timeoutMs ?? 10_000);
  const shared = await search(run, request, deadline, false);
  if (!("disagreed" in shared)) {
    if ((request.mode ?? "failure") !== "outcomes" || (await outcomesReplay(run, request, shared, deadline))) return shared;
  }
  // The runs on shared workers did not run as the program does alone: the whole search again, each run on fresh ones.
  const fresh = (await search(run, request, deadline, true)) as ExploreResult;
  return { ...fresh, schedulesRun: fresh.schedulesRun + shared.schedulesRun };
}

/** how long a run of the search may take: what is left of the search's time, at least 1 s, at most 10 s */
function runBudget(deadline: number): number {
  return Math.max(1000, Math.min(10_000, deadline - performance.now()));
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
    if (outcomeKey(result) !== keys.get(outcome) && !request.signal?.aborted) return false;
  }
  return true;
}

/** What a run printed (its threads' lines, not the playground's own). */
function printed(result: RunResult): string {
  return result.output.filter((o) => !o.system).map((o) => o.text).join("\n");
}

/** An outcome as the search tells outcomes apart: its status and its output, or a long output's length and hash. */
function outcomeKey(result: RunResult): string {
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

/** The search; `freshOnly`: every run on fresh workers and memory (else a failure is replayed so before it is reported). */
async function search(run: RunControlled, request: ExploreRequest, deadline: number, freshOnly: boolean): Promise<ExploreResult | Disagreed> {
  const maxSchedules = request.maxSchedules ?? 1000;
  const mode = request.mode ?? "failure";
  const base: RunSettings = { ...request.settings, controlled: true, schedule: undefined };
  const outcomes = new Map<string, ExploreResult["outcomes"][number]>();
  let unlisted = 0;
  const listed = () => ({ outcomes: [...outcomes.values()], ...(unlisted > 0 ? { unlistedSchedules: unlisted } : {}) });
  let schedulesRun = 0;
  let longest = 1;
  const budgetLeft = () => schedulesRun < maxSchedules && performance.now() < deadline && !request.signal?.aborted;

  const once = async (settings: RunSettings, plan: ControlPlan) => {
    const { result, control } = await run(settings, freshOnly ? plan : { ...plan, reuse: true }, runBudget(deadline));
    schedulesRun++;
    // (a run stopped or timed out says nothing about the code: only a finished one can refuse it)
    const problem = result.status === "stopped" || result.status === "timeout" ? null : refusal(result);
    if (problem) throw new Error(problem);
    if (control) longest = Math.max(longest, control.steps);
    const key = outcomeKey(result);
    const seen = outcomes.get(key);
    if (seen) seen.count++;
    else if (outcomes.size >= MAX_OUTCOMES) unlisted++;
    else {
      const outcome = { output: shownOutput(result), status: result.status, count: 1, schedule: result.schedule ?? "" };
      outcomes.set(key, outcome);
      keys.set(outcome, key);
    }
    return { result, control };
  };
  /**
   * The failure as a replay of its schedule alone shows it; a Disagreed when
   * the replay does not fail (a timeout included: it did not show the
   * failure), null when a Stop came first.
   */
  const confirmed = async (found: RunResult, control: ControlReport | undefined): Promise<ExploreResult | Disagreed | null> => {
    if (freshOnly) return report(found, control);
    if (request.signal?.aborted) return null;
    const replay = await run({ ...base, seed: found.seed, schedule: found.schedule }, { policy: "stay" }, runBudget(deadline));
    if (isFailure(replay.result)) return report(replay.result, replay.control);
    return request.signal?.aborted ? null : { disagreed: true, schedulesRun };
  };
  const report = (result: RunResult, control: ControlReport | undefined): ExploreResult => ({
    schedulesRun, exhaustive: false, ...listed(),
    failure: {
      status: result.status === "deadlock" ? "deadlock" : "error",
      message: result.errors[0]?.message ?? (result.status === "deadlock" ? "deadlock" : result.status),
      schedule: result.schedule ?? "", seed: result.seed ?? 0, preemptions: result.preemptions ?? 0, result,
      explanation: control ? explainFailure(result, control) : "",
    },
  });

  // Schedules by preemption bound: bound b runs the prefixes that needed b preemptions.
  let frontier: Branch[] = [EMPTY_BRANCH];
  let complete = true;
  for (let bound = 0; frontier.length > 0 && (mode === "outcomes" || bound <= MAX_BOUND); bound++) {
    const stack = frontier;
    frontier = [];
    while (stack.length > 0) {
      if (!budgetLeft()) return { schedulesRun, exhaustive: false, ...listed() };
      const branch = stack.pop()!;
      const { result, control } = await once({ ...base, schedule: encodeSchedule(prefixOf(branch)) }, { policy: "stay" });
      if (mode === "failure" && isFailure(result)) {
        const failure = await confirmed(result, control);
        if (failure) return failure;
        continue;
      }
      // A run the scheduler could not report on (it timed out, or the page stopped it) leaves its branches unknown.
      if (!control || control.end !== "finished" && control.end !== "deadlock") {
        complete = false;
        continue;
      }
      const room = Math.max(0, MAX_PENDING - stack.length - frontier.length);
      const { branches, overflow } = branchesOf(control.choices, control.enabled, prefixLength(branch), room);
      if (overflow) complete = false;
      for (const next of branches) (next.preemptions <= bound ? stack : frontier).push(next);
    }
  }
  if (frontier.length === 0 && complete) return { schedulesRun, exhaustive: true, ...listed() };

  // Randomised schedules (PCT) for what the bounded search did not reach.
  for (let seed = 1; mode === "failure" && budgetLeft(); seed++) {
    const { result, control } = await once({ ...base, seed }, { policy: "pct", pctSteps: longest });
    if (isFailure(result)) {
      const failure = await confirmed(result, control);
      if (failure) return failure;
    }
  }
  return { schedulesRun, exhaustive: false, ...listed() };
}
