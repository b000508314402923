// Puts a Monaco editor into a host element and keeps it in step with the
// stores: the editor store's code is the source of truth (the automation
// API and the placeholder write it too), diagnostics become markers, and
// the theme follows the system's colour scheme. The line the learner points
// at goes to ts-line-focus.ts (the Python panel follows it), and the lines
// it names there are highlighted. In step mode, each thread's next line is
// marked (step-markers.ts).

import { currentColorScheme, onColorSchemeChange, type ColorScheme } from "../color-scheme";
import type { PlaygroundApp } from "../playground-app";
import type { EditorState } from "../state/stores";
import { tsLineFocus } from "../examples/ts-line-focus";
import { MarkerSync } from "./markers";
import { installLineLink } from "./line-link-view";
import { installRuntimeMarkers } from "./runtime-markers";
import { installStepMarkers } from "./step-markers";
import { controlledSession } from "../controlled/controlled-session";
import { monaco, SNIPPET_URI } from "./monaco-setup";

export interface MountedEditor {
  /** focus the editor, with `selection` (1-based lines and columns) selected if given */
  focus(selection?: { from: { line: number; column: number }; to: { line: number; column: number } }): void;
  /** what a screen reader calls the editor, in the page's language */
  setLabel(label: string): void;
  dispose(): void;
}

const themeFor = (scheme: ColorScheme) => (scheme === "dark" ? "playground-dark" : "playground-light");

export function mountEditor(host: HTMLElement, app: PlaygroundApp, options: { readOnly?: boolean; label?: string } = {}): MountedEditor {
  const store = app.stores.editor;
  monaco.editor.getModel(SNIPPET_URI)?.dispose();
  const model = monaco.editor.createModel(store.getState().code, "typescript", SNIPPET_URI);
  model.updateOptions({ tabSize: 2, insertSpaces: true });

  const editor = monaco.editor.create(host, {
    model,
    theme: themeFor(currentColorScheme()),
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 13,
    lineHeight: 20,
    fontFamily: "ui-monospace, 'SF Mono', 'Cascadia Code', Menlo, Consolas, 'DejaVu Sans Mono', monospace",
    scrollBeyondLastLine: false,
    renderLineHighlight: "line",
    padding: { top: 12, bottom: 12 },
    fixedOverflowWidgets: true,
    tabSize: 2,
    ariaLabel: options.label ?? "Snippet editor",
    // The embed's read-only option: the learner cannot type, the store (setCode, a parent page) still can.
    readOnly: options.readOnly ?? false,
  });

  const markers = new MarkerSync(model);
  const shown = (state: EditorState) => [...state.diagnostics, ...state.runDiagnostics];
  markers.show(shown(store.getState()));
  const stopRuntimeMarkers = installRuntimeMarkers(model, app.stores);
  const stopLineLink = installLineLink(editor, app.stores);
  const stopStepMarkers = installStepMarkers(editor, controlledSession(app));

  const onEdit = model.onDidChangeContent(() => store.getState().setCode(model.getValue()));
  const focus = tsLineFocus.getState();
  const onMove = editor.onMouseMove((e) => focus.setHover(e.target.position?.lineNumber ?? null));
  const onLeave = editor.onMouseLeave(() => focus.setHover(null));
  const onCursor = editor.onDidChangeCursorPosition((e) => focus.setCursor(e.position.lineNumber));
  const linked = editor.createDecorationsCollection();
  const stopLinked = tsLineFocus.subscribe((state, previous) => {
    if (state.linkedTsLines === previous.linkedTsLines) return;
    linked.set(state.linkedTsLines.map((line) => ({
      range: new monaco.Range(line, 1, line, 1),
      options: { isWholeLine: true, className: "python-linked-line", linesDecorationsClassName: "python-linked-gutter" },
    })));
  });
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.diagnostics !== previous.diagnostics || state.runDiagnostics !== previous.runDiagnostics) markers.show(shown(state));
    if (state.code !== model.getValue()) {
      // An edit operation, not setValue, so Ctrl+Z can undo a programmatic change.
      editor.pushUndoStop();
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text: state.code }], () => null);
      editor.pushUndoStop();
    }
  });
  const stopTheme = onColorSchemeChange((scheme) => monaco.editor.setTheme(themeFor(scheme)));

  return {
    focus: (selection) => {
      if (selection) {
        const { from, to } = selection;
        editor.setSelection(new monaco.Selection(from.line, from.column, to.line, to.column));
        editor.revealPositionInCenterIfOutsideViewport({ lineNumber: to.line, column: to.column });
      }
      editor.focus();
    },
    setLabel: (label) => editor.updateOptions({ ariaLabel: label }),
    dispose: () => {
      stopTheme();
      stopLineLink();
      stopStepMarkers();
      stopRuntimeMarkers();
      stopLinked();
      onMove.dispose();
      onLeave.dispose();
      onCursor.dispose();
      focus.setHover(null);
      unsubscribe();
      onEdit.dispose();
      markers.dispose();
      editor.dispose();
      model.dispose();
    },
  };
}
