// What the page (UI, automation API) sees of the runtime. Type-only.

import type { LoopResult } from "../runtime/search/search-loop";
import type { SearchRun } from "./explore";
import type { ControlPlan, ControlReport, OutputLine, RunResult, SnippetDiagnostic, RaceInfo } from "../runtime/types";
import type { ResolvedSettings, RunSettings } from "../runtime/settings";
import type { TraceModel } from "../trace/model";
import type { WorkerCounts } from "../runtime/frame-protocol";

export interface RunListener {
  /** output lines as they arrive, batched (at most once per animation frame) */
  onOutput?(lines: OutputLine[]): void;
  /** compile diagnostics of this run's code (errors stop the run before it starts) */
  onDiagnostics?(diagnostics: SnippetDiagnostic[]): void;
  /** a thread was started or changed state; for live lanes and counters */
  onThreadsChanged?(): void;
  /**
   * The run has started: `model` is its live trace, filled from the rings
   * once per animation frame (and completely before the result resolves).
   * `nowMs()` is the run's clock, for drawing "now" while it runs.
   */
  onTraceStart?(model: TraceModel, nowMs: () => number): void;
  /** the model just received a batch of events (once per animation frame at most) */
  onTraceUpdate?(): void;
  /** the settings this run uses, after the precedence rule (runtime/settings.ts) */
  onSettings?(settings: ResolvedSettings): void;
  /** the race detector found a new race (API.md §11) */
  onRace?(race: RaceInfo): void;
}

/** Where a run's settings come from, besides the snippet's own pragma (runtime/settings.ts). */
export interface SettingsLayers {
  /** the toolbar's (as a share link or the user set them) */
  toolbar?: RunSettings;
  /** passed with this one run request (window.playground.run, postMessage): they win */
  request?: RunSettings;
  /** a controlled run's policy after its schedule: the explorer's and step mode's, never a user's */
  plan?: ControlPlan;
}

export interface RunHandle {
  readonly result: Promise<RunResult>;
  /** a controlled run's scheduler report (choices, enabled sets, where each thread stands), after the result */
  readonly control: Promise<ControlReport | undefined>;
  stop(): void;
  /** whether another run took the runner before this one ended (it then ended "stopped", by no one's Stop) */
  superseded?(): boolean;
}

/** What a search asks of the runner beyond its code and settings. */
export interface SearchOptions {
  mode: "failure" | "outcomes";
  maxSchedules: number;
  /** the search's time, in ms */
  budgetMs: number;
}

export interface SearchHandle {
  /** what the runner's search found (runtime/search/search-loop.ts), each outcome's run and the failure's formatted as the page formats any run */
  readonly result: Promise<LoopResult<SearchRun>>;
  /** ends the search after its run going on, which stops */
  stop(): void;
}

export interface PlaygroundRuntime {
  /** false when the page is not cross-origin isolated; `isolationProblem` says why */
  readonly isolated: boolean;
  readonly isolationProblem: string | null;
  /** start compiling `code` for a run about to be asked for (the run takes the result): before the page renders the run's start */
  prepare?(code: string): void;
  /** compile and run; a second call stops the previous run first */
  run(code: string, settings: SettingsLayers, listener: RunListener, timeoutMs?: number): RunHandle;
  /** a search's shared runs, run by the runner back to back (runner/search-runner.ts); a run or a search after it stops it */
  search?(code: string, settings: SettingsLayers, options: SearchOptions): SearchHandle;
  /** stop the current run, if any */
  stop(): void;
  /** compile only, for editor markers */
  check(code: string): Promise<SnippetDiagnostic[]>;
  /** the page has loaded: workers held back so as not to slow its load may boot now */
  warm?(): void;
  /** for tests: where runs happen, and the workers the runner has made and not terminated */
  runner(): Promise<{ mode: "frame" | "inline"; workers: WorkerCounts } | null>;
  /** for tests: the runner reads its own clock `ms` off its workers' (as a frame's may be) */
  skewRunnerClock?(ms: number): void;
}
