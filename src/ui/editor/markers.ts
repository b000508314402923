// The compiler's diagnostics as Monaco markers (owner "playground"), in the
// interface's language (compiler-words.ts), shown again when it changes.
// Monaco's own TypeScript service marks type errors too; a diagnostic it
// already shows at the same place is left out, so no error is listed twice
// in hovers.

import type { SnippetDiagnostic } from "../../runtime/types";
import { monaco } from "./monaco-setup";
import { localizeCompilerMessage } from "./compiler-words";
import { currentLanguage, languageStore, type Language } from "../i18n/language";

export const MARKER_OWNER = "playground";

type Marker = monaco.editor.IMarkerData;

function toMarker(d: SnippetDiagnostic, model: monaco.editor.ITextModel, language: Language): Marker {
  const lastLine = model.getLineCount();
  const startLineNumber = clamp(d.line, 1, lastLine);
  const endLineNumber = clamp(d.endLine, startLineNumber, lastLine);
  let endColumn = d.endColumn;
  // A zero-width range would draw nothing: underline at least one character.
  if (endLineNumber === startLineNumber && endColumn <= d.column) endColumn = d.column + 1;
  return {
    severity: d.severity === "error" ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
    message: localizeCompilerMessage(d.message, language),
    startLineNumber,
    startColumn: Math.max(1, d.column),
    endLineNumber,
    endColumn: Math.max(1, endColumn),
    source: "playground",
  };
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(Math.max(n, lo), Math.max(lo, hi));
}

const placeKey = (m: { startLineNumber: number; startColumn: number; message: string }) =>
  `${m.startLineNumber}:${m.startColumn}:${m.message.split("\n")[0]}`;

/** Keeps one model's "playground" markers equal to the latest diagnostics. */
export class MarkerSync {
  private diagnostics: SnippetDiagnostic[] = [];
  private shown = "";
  private readonly listener: monaco.IDisposable;
  private readonly stopLanguage: () => void;

  constructor(private readonly model: monaco.editor.ITextModel) {
    // Monaco's TypeScript markers arrive on their own schedule: re-filter when they change.
    this.listener = monaco.editor.onDidChangeMarkers((uris) => {
      if (uris.some((uri) => uri.toString() === model.uri.toString())) this.apply();
    });
    this.stopLanguage = languageStore.subscribe((s, previous) => {
      if (s.language !== previous.language) this.apply();
    });
  }

  show(diagnostics: SnippetDiagnostic[]): void {
    this.diagnostics = diagnostics;
    this.apply();
  }

  private apply(): void {
    if (this.model.isDisposed()) return;
    const typescript = monaco.editor.getModelMarkers({ resource: this.model.uri, owner: "typescript" });
    const already = new Set(typescript.map(placeKey));
    const language = currentLanguage();
    const markers = this.diagnostics.map((d) => toMarker(d, this.model, language)).filter((m) => !already.has(placeKey(m)));
    // Setting markers fires onDidChangeMarkers again; only a real change may set them.
    const signature = JSON.stringify(markers);
    if (signature === this.shown) return;
    this.shown = signature;
    monaco.editor.setModelMarkers(this.model, MARKER_OWNER, markers);
  }

  dispose(): void {
    this.listener.dispose();
    this.stopLanguage();
    if (!this.model.isDisposed()) monaco.editor.setModelMarkers(this.model, MARKER_OWNER, []);
  }
}
