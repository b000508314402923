// Wires one page: runtime, stores, run controller and compile checks, plus
// the signals tests and embedding pages wait on instead of sleeping:
//   <body data-run-state="loading|idle|running|ok|error|deadlock|stopped|timeout"
//         data-editor="placeholder|monaco|failed">
// and the `ready` / `editorReady` promises.

import type { PlaygroundRuntime } from "../session/runtime-api";
import { startDiagnosticsCheck, type DiagnosticsCheck } from "./diagnostics-check";
import { RunController } from "./run-controller";
import { createPlaygroundStores, type EditorState, type PlaygroundStores } from "./state/stores";

export interface PlaygroundApp {
  readonly runtime: PlaygroundRuntime;
  readonly stores: PlaygroundStores;
  readonly controller: RunController;
  readonly check: DiagnosticsCheck;
  /**
   * resolves once the page can take requests: rendered, the editor settled
   * (Monaco loaded, or failed and the plain editor stays) and the compiler
   * warmed up by a first check (or given up on after COMPILER_WARMUP_MS)
   */
  readonly ready: Promise<void>;
  /** resolves once Monaco has loaded (or failed to, leaving the plain editor) */
  readonly editorReady: Promise<void>;
  /** called by the UI once it has rendered */
  markReady(): void;
}

// Upper bounds on what `ready` waits for: a slow editor or compiler must not
// keep an embedding page from running snippets at all.
const EDITOR_LOAD_MS = 20_000;
const COMPILER_WARMUP_MS = 10_000;

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

  const warmedUp = Promise.race([editorReady, after(EDITOR_LOAD_MS)]).then(() =>
    Promise.race([check.checkNow(), after(COMPILER_WARMUP_MS)]),
  );
  const ready = Promise.all([rendered, warmedUp]).then(() => undefined);

  const body = document.body.dataset;
  body.runState = "loading";
  body.editor = stores.editor.getState().editorKind;
  stores.editor.subscribe((s) => { body.editor = s.editorKind; });
  void ready.then(() => {
    setTimeout(() => runtime.warm?.(), WARM_AFTER_READY_MS);
    body.runState = stores.run.getState().phase;
    stores.run.subscribe((s) => { body.runState = s.phase; });
  });

  return { runtime, stores, controller, check, ready, editorReady, markReady: () => markRendered() };
}
