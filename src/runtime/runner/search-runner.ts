// A search's shared runs (API.md §10 explore), run by the runner itself:
// one schedule after another on the workers the last one left docked
// (docked-crew.ts), each run's messages kept by a probe (run-probe.ts)
// instead of going to the page, the next schedule chosen by the search
// (search/search-loop.ts) as soon as the last one ended. When the page
// chose each schedule, more of a schedule's time went to the messages
// between the page and the runner, and to the page taking the run in, than
// to running it. What the page gets at the end is each different
// outcome's run and the failure's, as the messages it would have had, to
// format and replay on fresh workers (session/explore.ts).
//
// States: searching; stopped (a Stop, a newer request: the run going on is
// stopped and the search ends after it); done.

import type { FromRunner, SearchedRun } from "../frame-protocol";
import type { ResolvedSettings } from "../settings";
import type { ControlPlan } from "../types";
import { runBudget, searchSchedules, type LoopResult } from "../search/search-loop";
import { probeRun, type KeptRun } from "./run-probe";

/** the text of the runs a search sends the page, at most */
const SENT_CHARS = 16 << 20;
import type { RunRequest } from "./supervisor";

export interface SearchRequest {
  runId: number;
  js: string;
  sharedGlobals: number;
  settings: ResolvedSettings;
  mode: "failure" | "outcomes";
  maxSchedules: number;
  budgetMs: number;
}

/** Starts a run whose messages go to `sink` instead of the page. */
export type StartRun = (request: RunRequest, sink: (message: FromRunner) => void) => void;

export class RunnerSearch {
  private stopped = false;

  /** `ack`: acknowledges a chunk of the run going on, as the page would */
  constructor(readonly request: SearchRequest, private readonly startRun: StartRun, private readonly ack: () => void) {}

  get runId(): number {
    return this.request.runId;
  }

  /** The search ends after the run going on (which the caller stops). */
  stop(): void {
    this.stopped = true;
  }

  async run(): Promise<Extract<FromRunner, { type: "searched" }>> {
    const { runId, js, sharedGlobals, settings, mode, maxSchedules, budgetMs } = this.request;
    const deadline = performance.now() + budgetMs;
    const tryOne = (schedule: string | undefined, seed: number | undefined, plan: ControlPlan) => {
      const probe = probeRun(this.ack);
      // (Every run of the search under the search's id: the page's Stop reaches the run going on.)
      this.startRun({
        runId, js, sharedGlobals, timeoutMs: runBudget(deadline), plan: { ...plan, reuse: true, undrawn: true },
        // A controlled run always has a seed, drawn when none was given, so it can be reported and replayed.
        settings: { ...settings, controlled: true, schedule, seed: seed ?? settings.seed ?? Math.floor(Math.random() * 0x1_0000_0000) >>> 0 },
      }, probe.send);
      return probe.done;
    };
    try {
      const found = await searchSchedules(tryOne, { mode, maxSchedules, deadline, aborted: () => this.stopped });
      return { type: "searched", runId, ...packed(found) };
    } catch (error) {
      // (The search refused the code: its message is the first error of a run that cannot be controlled.)
      return { type: "searched", runId, schedulesRun: 0, exhaustive: false, unlisted: 0, outcomes: [], problem: error instanceof Error ? error.message : String(error) };
    }
  }
}

/**
 * What the page gets: each outcome's run while their text stays under
 * SENT_CHARS in all (the rest counted as unlisted: a program that prints
 * much that differs in every schedule has more outcomes than anyone reads).
 */
function packed(found: LoopResult<KeptRun>): Omit<Extract<FromRunner, { type: "searched" }>, "type" | "runId"> {
  const outcomes: SearchedRun[] = [];
  let chars = found.failure?.item.chars ?? 0;
  let unlisted = found.unlisted;
  for (const { item, schedule, count } of found.outcomes) {
    chars += item.chars;
    if (chars <= SENT_CHARS) outcomes.push({ messages: item.messages, schedule, count });
    else unlisted += count;
  }
  return {
    schedulesRun: found.schedulesRun, exhaustive: found.exhaustive, unlisted, outcomes,
    ...(found.failure ? { failure: { messages: found.failure.item.messages, schedule: found.failure.schedule, count: 1 } } : {}),
  };
}
