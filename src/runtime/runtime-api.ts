// What the page (UI, automation API) sees of the runtime. Type-only.

import type { OutputLine, RunResult, RunSettings, SnippetDiagnostic } from "./types";
import type { TraceModel } from "../trace/model";

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
}

export interface RunHandle {
  readonly result: Promise<RunResult>;
  stop(): void;
}

export interface PlaygroundRuntime {
  /** false when the page is not cross-origin isolated; `isolationProblem` says why */
  readonly isolated: boolean;
  readonly isolationProblem: string | null;
  /** compile and run; a second call stops the previous run first */
  run(code: string, settings: RunSettings, listener: RunListener, timeoutMs?: number): RunHandle;
  /** stop the current run, if any */
  stop(): void;
  /** compile only, for editor markers */
  check(code: string): Promise<SnippetDiagnostic[]>;
}
