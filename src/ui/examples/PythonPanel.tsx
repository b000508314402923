// The Python beside the TypeScript: a toggle in the editor's header and a
// read-only panel under (or, in a wide editor, beside) the snippet showing
// the loaded example's Python program, in the tutorials' language. Pointing
// at a TypeScript line (mouse, or the text cursor on a phone) highlights its
// Python counterpart; hovering a Python line highlights its TypeScript lines.
// The panel paints the code as plain text at once and swaps in Monaco's
// Python colouring when that has loaded (as EditorPane does).

import { useEffect, useMemo, useRef, useState } from "react";
import { createStore } from "zustand/vanilla";
import { useStore } from "zustand";
import { findExample } from "../../examples/catalog";
import { useLanguage, useStrings, type Strings } from "../i18n/language";
import { useApp, useEditorState } from "../state/hooks";
import { pythonLineFor, pythonView, tsLinesFor, type PythonView } from "./python-view";
import { tsLineFocus, useFocusedTsLine } from "./ts-line-focus";
import type { MountedPython } from "./mount-python";
import "./python.css";

const STRINGS: Strings<{ toggle: string; toggleTitle: string; panel: string; code: string; edited: string }> = {
  en: {
    toggle: "Python",
    toggleTitle: "Show this example's Python program beside the TypeScript (point at a TypeScript line to find its Python line)",
    panel: "The example in Python",
    code: "Python code (read-only)",
    edited: "code edited: lines no longer linked",
  },
  zh: {
    toggle: "Python 对照",
    toggleTitle: "在 TypeScript 旁边显示这个示例的 Python 程序（指向一行 TypeScript 即可找到对应的 Python 行）",
    panel: "这个示例的 Python 版本",
    code: "Python 代码（只读）",
    edited: "代码已修改：行不再对应",
  },
};

const STORAGE_KEY = "playground.pythonPanel";

function readOpen(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === "1";
  } catch {
    return false;
  }
}

/** Whether the panel is open; remembered, so it stays open from one example to the next. */
const panelStore = createStore<{ open: boolean; toggle(): void }>()((set, get) => ({
  open: typeof window === "undefined" ? false : readOpen(),
  toggle: () => {
    const open = !get().open;
    try {
      localStorage.setItem(STORAGE_KEY, open ? "1" : "0");
    } catch {
      // not remembered, still toggled
    }
    set({ open });
  },
}));

/** The loaded example's Python, or null (no example, or the starter). */
export function usePythonView(): PythonView | null {
  const exampleId = useEditorState((s) => s.exampleId);
  const code = useEditorState((s) => s.code);
  const language = useLanguage();
  return useMemo(() => pythonView(exampleId ? findExample(exampleId) : undefined, code, language), [exampleId, code, language]);
}

/** Whether the Python panel shows now: open, and the code has a Python version. */
export function usePythonShown(): boolean {
  const open = useStore(panelStore, (s) => s.open);
  const view = usePythonView();
  return open && view !== null;
}

export function PythonToggle() {
  const s = useStrings(STRINGS);
  const open = useStore(panelStore, (x) => x.open);
  const view = usePythonView();
  if (!view) return null;
  return (
    <button
      type="button"
      className="python-toggle"
      aria-pressed={open}
      title={s.toggleTitle}
      onClick={() => panelStore.getState().toggle()}
      data-testid="python-toggle"
    >
      {s.toggle}
    </button>
  );
}

export function PythonPanel() {
  const s = useStrings(STRINGS);
  const app = useApp();
  const view = usePythonView();
  const open = useStore(panelStore, (x) => x.open);
  const tsLine = useFocusedTsLine();
  const pyLine = pythonLineFor(view, tsLine);
  const hostRef = useRef<HTMLDivElement>(null);
  const mountedRef = useRef<MountedPython | null>(null);
  const [monacoReady, setMonacoReady] = useState(false);
  const [hoverPy, setHoverPy] = useState<number | null>(null);
  const shown = open && view !== null;
  const code = view?.code ?? "";
  const label = s.code;

  useEffect(() => {
    if (!shown) return;
    let cancelled = false;
    // Monaco loads when the page lets it (playground-app.ts, editorMayLoad), not beside the compiler's warm-up.
    void app.editorMayLoad.then(() => (cancelled ? null : import("./mount-python"))).then((loaded) => {
      if (!loaded) return;
      const { mountPython } = loaded;
      if (cancelled || !hostRef.current) return;
      mountedRef.current = mountPython(hostRef.current, code, label, setHoverPy);
      setMonacoReady(true);
    }, (error: unknown) => console.error("Monaco failed to load; the Python stays plain text", error));
    return () => {
      cancelled = true;
      mountedRef.current?.dispose();
      mountedRef.current = null;
      setMonacoReady(false);
    };
    // Mounted once per opening; later code goes through setCode below.
  }, [shown, app]);

  useEffect(() => { mountedRef.current?.setCode(code); }, [code, monacoReady]);
  useEffect(() => { mountedRef.current?.highlight(pyLine); }, [pyLine, code, monacoReady]);
  useEffect(() => {
    tsLineFocus.getState().setLinkedTsLines(tsLinesFor(view, hoverPy));
  }, [view, hoverPy]);
  useEffect(() => () => tsLineFocus.getState().setLinkedTsLines([]), []);

  if (!shown) return null;
  return (
    <section className="python-panel" aria-label={s.panel} data-testid="python-panel" data-python-line={pyLine ?? ""}>
      <header className="python-panel-header">
        <span>{view.exampleId}.py</span>
        {!view.linesMatch && <span className="python-panel-note">{s.edited}</span>}
      </header>
      <div className="python-panel-body">
        <div className="python-host" ref={hostRef} />
        {!monacoReady && (
          <pre className="python-plain" aria-label={label} tabIndex={0}>
            {code.replace(/\n$/, "").split("\n").map((line, i) => (
              <span key={i} className={i + 1 === pyLine ? "python-plain-line python-linked-line" : "python-plain-line"}>
                {line}
                {"\n"}
              </span>
            ))}
          </pre>
        )}
      </div>
    </section>
  );
}
