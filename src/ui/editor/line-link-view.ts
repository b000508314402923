// Draws the editor link (editor-link.ts) in Monaco: the linked line gets a
// whole-line band and a bar in the gutter, in the thread's colour when the
// link came from a thread (as Python Tutor marks where each frame is); a
// click also moves the cursor there and scrolls it into view.

import type { PlaygroundStores } from "../state/stores";
import { editorLink, type LineLink } from "./editor-link";
import { monaco } from "./monaco-setup";
import "./line-link.css";

export function installLineLink(editor: monaco.editor.IStandaloneCodeEditor, stores: PlaygroundStores): () => void {
  const decorations = editor.createDecorationsCollection();
  const show = (link: LineLink | null) => {
    const model = editor.getModel();
    if (!link || !model) {
      decorations.clear();
      return;
    }
    const line = Math.min(Math.max(1, link.line), model.getLineCount());
    const tone = link.colorIndex === null ? "code-link-accent" : `code-link-tc-${link.colorIndex}`;
    decorations.set([{
      range: new monaco.Range(line, 1, line, 1),
      options: { isWholeLine: true, className: `code-link-line ${tone}`, linesDecorationsClassName: `code-link-gutter ${tone}` },
    }]);
    if (link.moveCursor) {
      const column = Math.max(1, Math.min(link.column ?? 1, model.getLineMaxColumn(line)));
      editor.setPosition({ lineNumber: line, column });
      editor.revealLineInCenterIfOutsideViewport(line);
      editor.focus();
    }
  };
  const store = editorLink(stores);
  show(store.getState().link);
  const unsubscribe = store.subscribe((s, prev) => { if (s.link !== prev.link) show(s.link); });
  // A new run's links start afresh.
  const unsubscribeRun = stores.run.subscribe((s, prev) => { if (s.phase === "running" && prev.phase !== "running") store.getState().clear(); });
  return () => {
    unsubscribe();
    unsubscribeRun();
    decorations.clear();
  };
}
