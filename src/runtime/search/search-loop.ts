// The search of schedules itself (API.md §10, explore), whatever runs them:
// the runner runs a search's schedules on its own thread, back to back
// (runner/search-runner.ts), and the page runs them when every run must be
// on fresh workers (session/explore.ts).
//   "failure": iterative preemption bounding, as CHESS does (Musuvathi and
//     Qadeer, PLDI 2007): every schedule with no preemption, then with one,
//     then two, each found by branching a run where another thread could
//     have gone (schedule-search.ts), the scheduler's "stay" policy filling
//     in the rest without preempting; then randomised PCT schedules until
//     the budget ends. It stops at the first run that fails, so the failure
//     found has the fewest preemptions the bounded search could find.
//   "outcomes": every schedule (no bound), grouped by their outcome's key,
//     exhaustive when the budget allows.

import type { ControlPlan } from "../types";
import { encodeSchedule } from "../control/schedule-codec";
import { branchesOf, EMPTY_BRANCH, prefixLength, prefixOf, type Branch } from "./schedule-search";

/** preemption bounds tried before randomised schedules */
const MAX_BOUND = 2;
/**
 * Schedules a search keeps waiting at most: a long run (a loop of 10,000
 * increments) branches at every step, and keeping all of them filled the
 * page's memory. Past it, the search says it was not exhaustive.
 */
const MAX_PENDING = 100_000;
/** Different outcomes a search lists; past it, they are counted but not listed. */
export const MAX_OUTCOMES = 1000;

/** One run of the search, as the search needs it. */
export interface Tried<T> {
  /** the run failed: it ended in error or deadlock, or raised */
  failed: boolean;
  /** the run ended in a timeout: one the search's own deadline cut is no outcome of the program (searchSchedules) */
  timedOut?: boolean;
  /** the run cannot be controlled at all (an object a controlled run does not drive): the search ends with this */
  refusal: string | null;
  /** what tells its outcome from others' (runs of one key are one outcome) */
  key: string;
  /** the schedule it ran */
  schedule: string;
  /** what the scheduler reported, when it could ("finished", "deadlock", ...), with the choices it made */
  control?: { end: string; steps: number; choices: readonly number[]; enabled: readonly number[] };
  /** what an outcome keeps of its first run */
  item: T;
}

/** Runs a schedule: `schedule` fixes its first choices (the policy the rest), `seed` seeds a PCT run. */
export type TryOne<T> = (schedule: string | undefined, seed: number | undefined, plan: ControlPlan) => Promise<Tried<T>>;

/** how long a run of the search may take: what is left of the search's time, at least 1 s, at most 10 s */
export function runBudget(deadline: number): number {
  return Math.max(1000, Math.min(10_000, deadline - performance.now()));
}

export interface LoopOptions {
  mode: "failure" | "outcomes";
  maxSchedules: number;
  /** when the search must end, on performance.now()'s clock */
  deadline: number;
  /** a Stop: the search ends after the run going on */
  aborted(): boolean;
}

export interface LoopResult<T> {
  schedulesRun: number;
  exhaustive: boolean;
  outcomes: { item: T; count: number; schedule: string }[];
  /** schedules whose outcome was none of those listed (past MAX_OUTCOMES different ones) */
  unlisted: number;
  /** the first run that failed (mode "failure") */
  failure?: Tried<T>;
}

export async function searchSchedules<T>(tryOne: TryOne<T>, options: LoopOptions): Promise<LoopResult<T>> {
  const { mode, maxSchedules, deadline } = options;
  const outcomes = new Map<string, LoopResult<T>["outcomes"][number]>();
  let unlisted = 0;
  let schedulesRun = 0;
  let longest = 1;
  const budgetLeft = () => schedulesRun < maxSchedules && performance.now() < deadline && !options.aborted();
  const end = (exhaustive: boolean, failure?: Tried<T>): LoopResult<T> =>
    ({ schedulesRun, exhaustive, outcomes: [...outcomes.values()], unlisted, ...(failure ? { failure } : {}) });

  const once = async (schedule: string | undefined, seed: number | undefined, plan: ControlPlan) => {
    const tried = await tryOne(schedule, seed, plan);
    // Cut by the search's own time (its budget was what was left of it): not a schedule run, nor an outcome of the program.
    if (tried.timedOut && performance.now() >= deadline) return { ...tried, failed: false, control: undefined };
    schedulesRun++;
    if (tried.refusal) throw new Error(tried.refusal);
    if (tried.control) longest = Math.max(longest, tried.control.steps);
    const seen = outcomes.get(tried.key);
    if (seen) seen.count++;
    else if (outcomes.size >= MAX_OUTCOMES) unlisted++;
    else outcomes.set(tried.key, { item: tried.item, count: 1, schedule: tried.schedule });
    return tried;
  };

  // Schedules by preemption bound: bound b runs the prefixes that needed b preemptions.
  let frontier: Branch[] = [EMPTY_BRANCH];
  let complete = true;
  for (let bound = 0; frontier.length > 0 && (mode === "outcomes" || bound <= MAX_BOUND); bound++) {
    const stack = frontier;
    frontier = [];
    while (stack.length > 0) {
      if (!budgetLeft()) return end(false);
      const branch = stack.pop()!;
      const tried = await once(encodeSchedule(prefixOf(branch)), undefined, { policy: "stay" });
      if (mode === "failure" && tried.failed) return end(false, tried);
      // A run the scheduler could not report on (it timed out, or was stopped) leaves its branches unknown.
      const control = tried.control;
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
  if (frontier.length === 0 && complete) return end(true);

  // Randomised schedules (PCT) for what the bounded search did not reach.
  for (let seed = 1; mode === "failure" && budgetLeft(); seed++) {
    const tried = await once(undefined, seed, { policy: "pct", pctSteps: longest });
    if (tried.failed) return end(false, tried);
  }
  return end(false);
}
