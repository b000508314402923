// Wires one page: runtime, stores, run controller and compile checks, plus
// the signals tests and embedding pages wait on instead of sleeping:
//   <body data-run-state="loading|idle|running|ok|error|deadlock|stopped|timeout"
//         data-editor="placeholder|monaco|failed">
// and the `ready` / `editorReady` promises.

import type { PlaygroundRuntime } from "../session/runtime-api";
import { startDiagnosticsCheck, type DiagnosticsCheck } from "./diagnostics-check";
import { RunController } from "./run-controller";
import type { StoreApi } from "zustand/vanilla";
import { createPlaygroundStores, type EditorState, type PlaygroundStores, type RunState } from "./state/stores";

export interface PlaygroundApp {
  readonly runtime: PlaygroundRuntime;
  readonly stores: PlaygroundStores;
  readonly controller: RunController;
  readonly check: DiagnosticsCheck;
  /**
   * resolves once the page can take requests: rendered and the compiler
   * loaded (it answered an empty snippet; or given up on after
   * COMPILER_WARMUP_MS). The editor's code is checked just after.
   * The editor may still be the plain text area then (see editorMayLoad).
   */
  readonly ready: Promise<void>;
  /** resolves when the page may load Monaco: after `ready`, and after a run begun at ready has ended */
  readonly editorMayLoad: Promise<void>;
  /** resolves once Monaco has loaded (or failed to, leaving the plain editor) */
  readonly editorReady: Promise<void>;
  /** called by the UI once it has rendered */
  markReady(): void;
}

// Upper bound on what `ready` waits for: a slow compiler must not keep an
// embedding page from running snippets at all.
const COMPILER_WARMUP_MS = 10_000;

/*
 * When Monaco loads. Its script is about 4 MB, some 400 ms of the page's
 * thread to parse and run on a 2-core machine, and it used to load at once,
 * beside the compiler's worker warming up, which `ready` and so the first
 * Run wait for; the two then shared the cores. Now Monaco waits for `ready`
 * and then EDITOR_AFTER_READY_MS more, so that a run asked for at ready (an
 * embed's autorun, a course page's request, a quick click) begins first and
 * keeps it waiting until that run ends (EDITOR_RUN_WAIT_MS at most). The
 * plain text area shows the code meanwhile and is a working editor.
 * Measured cold on 2 cores (a one-line run at ready, a fresh context each),
 * its result came at 1,390-1,710 ms with Monaco loading beside the
 * compiler, and at 890-1,060 ms with Monaco after it.
 */
const EDITOR_AFTER_READY_MS = 100;
/** how long a run going on at that moment may keep Monaco waiting */
const EDITOR_RUN_WAIT_MS = 10_000;

/**
 * How long after `ready` the runtime is told the page has loaded (its pools
 * boot the workers they held back): not at once, so that an embed's autorun,
 * sent at ready, begins first (a run going on defers the boots to its end).
 */
const WARM_AFTER_READY_MS = 300;

const after = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createPlaygroundApp(runtime: PlaygroundRuntime, initialCode: string): PlaygroundApp {
  const stores = createPlaygroundStores(initialCode);
  const controller = new RunController(runtime, stores);
  const check = startDiagnosticsCheck(runtime, stores.editor);

  let markRendered!: () => void;
  const rendered = new Promise<void>((resolve) => { markRendered = resolve; });
  const editorReady = new Promise<void>((resolve) => {
    const settled = (s: EditorState) => s.editorKind !== "placeholder";
    if (settled(stores.editor.getState())) return resolve();
    const unsubscribe = stores.editor.subscribe((s) => {
      if (settled(s)) { unsubscribe(); resolve(); }
    });
  });

  // Ready once the compiler answers (an empty snippet). The editor's code is
  // checked only then, a task later: a run of other code asked for at ready
  // (a course page's, window.playground's) compiles first instead of
  // queueing behind the check of code it does not run (65-115 ms of a cold
  // compiler). A run of the editor's code (Run, an embed's autorun) is the
  // same compile as that check, whichever asks first.
  const compilerLoaded = runtime.check("").then(() => undefined, () => undefined);
  const warmedUp = Promise.race([compilerLoaded, after(COMPILER_WARMUP_MS)]);
  const ready = Promise.all([rendered, warmedUp]).then(() => undefined);
  void ready.then(() => setTimeout(() => void check.checkNow(), 0));
  const editorMayLoad = ready
    .then(() => after(EDITOR_AFTER_READY_MS))
    .then(() => Promise.race([noRunGoingOn(stores.run), after(EDITOR_RUN_WAIT_MS)]));

  const body = document.body.dataset;
  body.runState = "loading";
  body.editor = stores.editor.getState().editorKind;
  stores.editor.subscribe((s) => { body.editor = s.editorKind; });
  void ready.then(() => {
    setTimeout(() => runtime.warm?.(), WARM_AFTER_READY_MS);
    body.runState = stores.run.getState().phase;
    stores.run.subscribe((s) => { body.runState = s.phase; });
  });

  return { runtime, stores, controller, check, ready, editorMayLoad, editorReady, markReady: () => markRendered() };
}

/** resolves when no run is going on: at once, or when the one going on ends */
function noRunGoingOn(run: StoreApi<RunState>): Promise<void> {
  return new Promise((resolve) => {
    if (run.getState().phase !== "running") return resolve();
    const unsubscribe = run.subscribe((state) => {
      if (state.phase !== "running") { unsubscribe(); resolve(); }
    });
  });
}
