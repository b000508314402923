// Runs and stops snippets for the Run button, the keyboard shortcut and the
// automation API alike, so that "runs exactly as the Run button does" holds
// by construction. It owns no React: it moves the runtime's callbacks into
// the stores and turns every failure into a RunResult, so callers never see
// a rejected promise.

import { raceDiagnostics } from "./editor/race-markers";
import { lessonNotes } from "./examples/lesson-notes";
import { timingNotes } from "./examples/timing-notes";
import { currentLanguage } from "./i18n/language";
import type { PlaygroundRuntime, RunHandle } from "../session/runtime-api";
import { codeTooLong, MAX_CODE_CHARS } from "../session/playground-runtime";
import type { ControlPlan, ControlReport, RunResult } from "../runtime/types";
import { checkSettings, type RunSettings } from "../runtime/settings";
import { parsePragmas } from "../compile/pragmas";
import { summarize, summaryDetails } from "./format";
import { currentSettings, type PlaygroundStores } from "./state/stores";
import { resetThreadColors } from "./output/thread-colors";

export interface RunRequest {
  /** replaces the editor's code before running */
  code?: string;
  /** merged into the toolbar's settings before running */
  settings?: RunSettings;
  timeoutMs?: number;
  /** a controlled run's policy after its schedule (step mode, the explorer's replay) */
  plan?: ControlPlan;
}

/** How long Stop waits for the runtime to confirm before the page declares the run stopped itself. */
const STOP_GRACE_MS = 3000;

interface ActiveRun {
  id: number;
  handle: RunHandle | null;
  startedAt: number;
  /** the code that ran, for the lesson notes under its output */
  code: string;
  /** settles the run early when the runtime does not answer a Stop */
  force(result: RunResult): void;
}

export class RunController {
  private active: ActiveRun | null = null;
  private lastId = 0;
  /** called as a run is asked for: a search in progress gives way to it (explore-in-page.ts) */
  private readonly runStarting = new Set<() => void>();
  /** the last finished controlled run's scheduler report (step mode reads it) */
  lastControl: ControlReport | undefined;
  /** a smaller trace cap for the next runs (tests reach the cap in seconds); null: the model's own */
  traceCap: number | null = null;

  constructor(
    private readonly runtime: PlaygroundRuntime,
    private readonly stores: PlaygroundStores,
  ) {}

  get canRun(): boolean {
    return this.runtime.isolated;
  }

  run(request: RunRequest = {}): Promise<RunResult> {
    const { editor, settings, run, timeline } = this.stores;
    // Code the playground would refuse never replaces what the learner has in the editor.
    const refused = refusedCode(request.code);
    if (refused) return Promise.resolve(failedResult(refused, 0));
    for (const listener of [...this.runStarting]) listener();
    // The compile first: the stores' updates below render the page (the editor, the output) for several ms before this task ends.
    this.runtime.prepare?.(request.code ?? editor.getState().code);
    if (request.code !== undefined) editor.getState().setCode(request.code);
    // Valid request settings stay in the toolbar, so it shows what ran; invalid ones fail the run (below).
    const requested = checkSettings(request.settings);
    if (requested.ok) settings.getState().update(requested.settings);
    const code = editor.getState().code;
    const id = ++this.lastId;
    run.getState().begin();
    resetThreadColors();
    editor.getState().clearRunDiagnostics();
    timeline.getState().clear();

    let force!: (result: RunResult) => void;
    const forced = new Promise<RunResult>((resolve) => { force = resolve; });
    const active: ActiveRun = { id, handle: null, startedAt: performance.now(), code, force };
    this.active = active;

    if (!this.runtime.isolated) {
      const problem = this.runtime.isolationProblem ?? "the page is not cross-origin isolated";
      return Promise.resolve(this.settle(active, failedResult(`Cannot run: ${problem}`, 0)));
    }
    let outcome: Promise<RunResult>;
    try {
      active.handle = this.runtime.run(code, { toolbar: currentSettings(settings), request: request.settings, plan: request.plan }, {
        onOutput: (lines) => {
          if (this.active !== active) return;
          run.getState().appendOutput(lines);
          timeline.getState().addPrints(lines);
        },
        onDiagnostics: (diagnostics) => { if (this.active === active) editor.getState().setDiagnostics(diagnostics); },
        // What the run really uses, pragma included, so the toolbar can show it (layout/gil-in-force.ts).
        onSettings: (resolved) => { if (this.active === active) run.getState().setInForce({ settings: resolved, fromCode: parsePragmas(code).pragmas }); },
        onTraceStart: (model, nowMs) => {
          if (this.traceCap !== null) model.eventCap = this.traceCap;
          if (this.active === active) timeline.getState().start(model, nowMs);
        },
        onTraceUpdate: () => { if (this.active === active) timeline.getState().touch(); },
        onRace: (race) => {
          if (this.active !== active) return;
          editor.getState().addRunDiagnostics(raceDiagnostics(race));
        },
      }, request.timeoutMs);
      const { result, control } = active.handle;
      // The report settles with the result: read it before the run is drawn as finished.
      outcome = result.then(async (r) => {
        if (this.active === active) this.lastControl = await control;
        return r;
      });
    } catch (error) {
      outcome = Promise.reject(error);
    }
    this.lastControl = undefined;
    return Promise.race([outcome, forced]).then(
      (result) => this.settle(active, result),
      (error: unknown) => this.settle(active, failedResult(messageOf(error), performance.now() - active.startedAt)),
    );
  }

  /** Calls `listener` whenever a run is asked for, until the returned function is called. */
  onRunStarting(listener: () => void): () => void {
    this.runStarting.add(listener);
    return () => this.runStarting.delete(listener);
  }

  stop(): void {
    const active = this.active;
    if (!active) return;
    try {
      active.handle?.stop();
      this.runtime.stop();
    } catch (error) {
      console.error("stop failed", error);
    }
    setTimeout(() => {
      if (this.active !== active) return;
      const result = failedResult("the runtime did not confirm Stop", performance.now() - active.startedAt);
      active.force({ ...result, status: "stopped" });
    }, STOP_GRACE_MS);
  }

  /** Draws a finished run, unless a newer run has replaced it, and hands the result on. */
  private settle(active: ActiveRun, result: RunResult): RunResult {
    if (this.active !== active) return result;
    this.active = null;
    const run = this.stores.run.getState();
    // A run refused before it started (a syntax error, a bad setting) streamed nothing: its lines are only in the result.
    if (run.output.printed === 0 && result.output.length > 0) run.appendOutput(result.output);
    for (const detail of summaryDetails(result)) run.appendNotice(detail, true);
    for (const note of lessonNotes(active.code, result)) run.appendLesson(note);
    for (const note of timingNotes(active.code, result, currentLanguage(), run.inForce?.settings.gil, globalThis.navigator?.hardwareConcurrency || 1)) run.appendLesson(note);
    const paused = this.lastControl?.end === "paused";
    run.finish(result, summarize(result, undefined, paused), paused);
    this.stores.timeline.getState().end();
    return result;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A RunResult for runs the runtime could not report on itself. */
/** Why code a request brings would be refused (too long), or null: checked before it goes into the editor. */
export function refusedCode(code: unknown): string | null {
  if (code === undefined) return null;
  const length = String(code).length;
  return length > MAX_CODE_CHARS ? codeTooLong(length) : null;
}

export function failedResult(message: string, durationMs: number): RunResult {
  return {
    status: "error",
    exitCode: 1,
    durationMs,
    output: [],
    errors: [{ thread: "MainThread", message }],
    threads: [],
    stats: { events: 0, droppedEvents: 0 },
  };
}
