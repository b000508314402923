// Runtime errors as editor markers: each of the last run's errors that has
// a line (RunResult.errors, mapped to TypeScript lines by the session's
// source map) is underlined where it was thrown, with the thread and the
// message in the hover, beside the compiler's markers (markers.ts) under an
// owner of its own. A new run clears them: they describe the run they came from.

import type { RunErrorInfo } from "../../runtime/types";
import type { PlaygroundStores } from "../state/stores";
import { monaco } from "./monaco-setup";
import { visibleText } from "../../base/visible-text";

export const RUNTIME_MARKER_OWNER = "playground-runtime";

export function runtimeMarkers(errors: readonly RunErrorInfo[], model: monaco.editor.ITextModel): monaco.editor.IMarkerData[] {
  const lastLine = model.getLineCount();
  const markers: monaco.editor.IMarkerData[] = [];
  for (const error of errors) {
    if (error.line === undefined || !Number.isInteger(error.line) || error.line < 1 || error.line > lastLine) continue;
    const maxColumn = model.getLineMaxColumn(error.line);
    const column = Math.max(1, Math.min(error.column ?? 1, maxColumn));
    // Underline the word thrown from when there is one, else the rest of the line.
    const word = model.getWordAtPosition({ lineNumber: error.line, column });
    markers.push({
      severity: monaco.MarkerSeverity.Error,
      message: `${visibleText(error.thread)}: ${error.message}`,
      startLineNumber: error.line,
      startColumn: word ? word.startColumn : column,
      endLineNumber: error.line,
      endColumn: word ? word.endColumn : Math.max(column + 1, maxColumn),
      source: "run",
    });
  }
  return markers;
}

export function installRuntimeMarkers(model: monaco.editor.ITextModel, stores: PlaygroundStores): () => void {
  const apply = (errors: readonly RunErrorInfo[]) => {
    if (model.isDisposed()) return;
    // A run the compiler refused reports its diagnostics as errors too: those are marked already (markers.ts).
    const compiled = new Set(stores.editor.getState().diagnostics.map((d) => `${d.line}:${d.message}`));
    const fresh = errors.filter((e) => !compiled.has(`${e.line}:${e.message}`));
    monaco.editor.setModelMarkers(model, RUNTIME_MARKER_OWNER, runtimeMarkers(fresh, model));
  };
  const unsubscribe = stores.run.subscribe((s, prev) => {
    if (s.phase === "running" && prev.phase !== "running") apply([]);
    else if (s.lastResult !== prev.lastResult) apply(s.lastResult?.errors ?? []);
  });
  apply(stores.run.getState().lastResult?.errors ?? []);
  return () => {
    unsubscribe();
    if (!model.isDisposed()) monaco.editor.setModelMarkers(model, RUNTIME_MARKER_OWNER, []);
  };
}
