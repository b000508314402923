// A read-only Monaco editor showing an example's Python, coloured by Monaco's
// Python grammar, with one line highlighted: the counterpart of the
// TypeScript line the learner points at. Loaded lazily with Monaco itself
// (monaco-setup.ts registers the Python language). Hovering a Python line
// reports it back, so the panel can highlight the TypeScript side too.

import { currentColorScheme, onColorSchemeChange } from "../color-scheme";
import { monaco } from "../editor/monaco-setup";

export interface MountedPython {
  setCode(code: string): void;
  /** highlights a 1-based line (scrolled into view), or none */
  highlight(line: number | null): void;
  dispose(): void;
}

const PYTHON_URI = monaco.Uri.parse("file:///example.py");

export function mountPython(host: HTMLElement, code: string, ariaLabel: string, onHover: (line: number | null) => void): MountedPython {
  monaco.editor.getModel(PYTHON_URI)?.dispose();
  const model = monaco.editor.createModel(code, "python", PYTHON_URI);
  const editor = monaco.editor.create(host, {
    model,
    readOnly: true,
    domReadOnly: true,
    theme: currentColorScheme() === "dark" ? "playground-dark" : "playground-light",
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 13,
    lineHeight: 20,
    fontFamily: "ui-monospace, 'SF Mono', 'Cascadia Code', Menlo, Consolas, 'DejaVu Sans Mono', monospace",
    scrollBeyondLastLine: false,
    renderLineHighlight: "none",
    padding: { top: 12, bottom: 12 },
    lineNumbersMinChars: 3,
    folding: false,
    contextmenu: false,
    ariaLabel,
  });
  const decorations = editor.createDecorationsCollection();
  const onMove = editor.onMouseMove((e) => onHover(e.target.position?.lineNumber ?? null));
  const onLeave = editor.onMouseLeave(() => onHover(null));
  const stopTheme = onColorSchemeChange((scheme) => monaco.editor.setTheme(scheme === "dark" ? "playground-dark" : "playground-light"));

  return {
    setCode: (next) => { if (model.getValue() !== next) model.setValue(next); },
    highlight: (line) => {
      if (line === null || line > model.getLineCount()) {
        decorations.clear();
        return;
      }
      decorations.set([{
        range: new monaco.Range(line, 1, line, 1),
        options: { isWholeLine: true, className: "python-linked-line", linesDecorationsClassName: "python-linked-gutter" },
      }]);
      editor.revealLineInCenterIfOutsideViewport(line, monaco.editor.ScrollType.Smooth);
    },
    dispose: () => {
      stopTheme();
      onMove.dispose();
      onLeave.dispose();
      editor.dispose();
      model.dispose();
    },
  };
}
