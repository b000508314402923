// Step mode's marks in the editor (API.md §10): the line each thread will
// execute next, as a band in the thread's lane colour (the timeline's and
// the output's, output/thread-colors.ts) and, after the line, the thread's
// name and its next step ("Thread-1: read counter"), as Python Tutor marks
// where each frame is. Threads whose next step is on the same line share
// its mark. Leaving step mode removes them. While they show, the editor
// wraps long lines: two threads' marks on one line ("◀ Thread-1: write
// counter · Thread-2: read counter") ran past its right edge, and on a
// phone past the screen's.

import type { ControlledSession } from "../controlled/controlled-session";
import { nextLineMarks } from "../controlled/next-line-marks";
import { currentLanguage, languageStore } from "../i18n/language";
import { monaco } from "./monaco-setup";
import "./step-markers.css";
import { visibleText } from "../../base/visible-text";

export function installStepMarkers(editor: monaco.editor.IStandaloneCodeEditor, session: ControlledSession): () => void {
  const decorations = editor.createDecorationsCollection();
  /** the editor's own wrapping, while step mode wraps it */
  let unwrapped: monaco.editor.IEditorOptions["wordWrap"] | null = null;
  const wrap = (on: boolean) => {
    if (on && unwrapped === null) {
      unwrapped = editor.getRawOptions().wordWrap ?? "off";
      editor.updateOptions({ wordWrap: "on" });
    } else if (!on && unwrapped !== null) {
      editor.updateOptions({ wordWrap: unwrapped });
      unwrapped = null;
    }
  };
  /** each marked line's label as last drawn: the line whose mark changed is the one to bring into view */
  let drawn = new Map<number, string>();
  const show = () => {
    const model = editor.getModel();
    const { stepping, view } = session.store.getState();
    if (!model || !stepping) {
      drawn = new Map();
      wrap(false);
      return decorations.clear();
    }
    wrap(true);
    const marks = nextLineMarks(view, currentLanguage()).filter((m) => m.line >= 1 && m.line <= model.getLineCount());
    decorations.set(marks.map((mark) => ({
      range: new monaco.Range(mark.line, 1, mark.line, model.getLineMaxColumn(mark.line)),
      options: {
        isWholeLine: true,
        className: `step-next-line code-link-tc-${mark.colorIndex}`,
        linesDecorationsClassName: `step-next-gutter code-link-tc-${mark.colorIndex}`,
        after: { content: `  ◀ ${visibleText(mark.label)}`, inlineClassName: `step-next-label code-link-tc-${mark.colorIndex}` },
        hoverMessage: { value: visibleText(mark.label) },
      },
    })));
    // Bring the step just taken into view (the thread that moved), as a debugger shows where it stopped.
    const moved = marks.find((m) => drawn.get(m.line) !== m.label);
    if (moved) editor.revealLineInCenterIfOutsideViewport(moved.line);
    drawn = new Map(marks.map((m) => [m.line, m.label]));
  };
  const unsubscribe = session.store.subscribe((s, prev) => { if (s.view !== prev.view || s.stepping !== prev.stepping) show(); });
  const unsubscribeLanguage = languageStore.subscribe(show);
  show();
  return () => {
    unsubscribe();
    unsubscribeLanguage();
    decorations.clear();
    wrap(false);
  };
}
