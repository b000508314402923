// Keeps the editor's compile diagnostics current while the learner types.
// The compiler behind `runtime.check` is large and loaded on first use, so
// it is asked only once typing pauses, and answers for code that has since
// changed are dropped.

import type { StoreApi } from "zustand/vanilla";
import type { PlaygroundRuntime } from "../session/runtime-api";
import type { EditorState } from "./state/stores";

export const CHECK_DELAY_MS = 300;

export interface DiagnosticsCheck {
  /** checks the current code now; settles when the answer is in (never rejects) */
  checkNow(): Promise<void>;
  dispose(): void;
}

export function startDiagnosticsCheck(
  runtime: PlaygroundRuntime,
  editor: StoreApi<EditorState>,
  delayMs = CHECK_DELAY_MS,
): DiagnosticsCheck {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  const check = (): Promise<void> => {
    timer = undefined;
    const code = editor.getState().code;
    return Promise.resolve().then(() => runtime.check(code)).then(
      (diagnostics) => {
        if (!disposed && editor.getState().code === code) editor.getState().setDiagnostics(diagnostics);
      },
      (error: unknown) => console.warn("compile check failed", error),
    );
  };

  const unsubscribe = editor.subscribe((state, previous) => {
    if (state.code === previous.code) return;
    clearTimeout(timer);
    timer = setTimeout(check, delayMs);
  });

  return {
    checkNow: () => {
      clearTimeout(timer);
      return check();
    },
    dispose: () => {
      disposed = true;
      clearTimeout(timer);
      unsubscribe();
    },
  };
}
