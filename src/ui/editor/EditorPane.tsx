// The editor column. It paints a plain text area with the code at once and
// swaps in Monaco when the page lets it load (after `ready`: playground-app.ts)
// and it has; if Monaco cannot load, the plain text area stays and remains a
// working editor. A gallery example can show its Python beside the code
// (examples/PythonPanel.tsx).

import { useEffect, useMemo, useRef } from "react";
import type { SnippetDiagnostic } from "../../runtime/types";
import { useApp, useEditorState } from "../state/hooks";
import type { MountedEditor } from "./mount-editor";
import { useStrings, type Strings } from "../i18n/language";
import { PythonPanel, PythonToggle, usePythonShown } from "../examples/PythonPanel";
import { followLanguageInMonaco } from "./monaco-words";

const STRINGS: Strings<{ editor: string; snippetEditor: string; errors: (n: number) => string; warnings: (n: number) => string }> = {
  en: {
    editor: "Editor",
    snippetEditor: "Snippet editor",
    errors: (n) => (n === 1 ? "1 error" : `${n} errors`),
    warnings: (n) => (n === 1 ? "1 warning" : `${n} warnings`),
  },
  zh: {
    editor: "编辑器",
    snippetEditor: "代码编辑器",
    errors: (n) => `${n} 个错误`,
    warnings: (n) => `${n} 个警告`,
  },
};

/** `readOnly`: the embed view's option; the code can still be replaced through the store. */
export function EditorPane({ readOnly = false }: { readOnly?: boolean }) {
  const app = useApp();
  const code = useEditorState((s) => s.code);
  const editorKind = useEditorState((s) => s.editorKind);
  const compiled = useEditorState((s) => s.diagnostics);
  const found = useEditorState((s) => s.runDiagnostics);
  const diagnostics = useMemo(() => [...compiled, ...found], [compiled, found]);
  const t = useStrings(STRINGS);
  const hostRef = useRef<HTMLDivElement>(null);
  const plainRef = useRef<HTMLTextAreaElement>(null);
  const withPython = usePythonShown();
  const mountedRef = useRef<MountedEditor | undefined>(undefined);
  const labelRef = useRef(t.snippetEditor);
  labelRef.current = t.snippetEditor;
  // Monaco's own text area is named once, at its mount: the language can change after.
  useEffect(() => mountedRef.current?.setLabel(t.snippetEditor), [t.snippetEditor]);

  useEffect(() => {
    let cancelled = false;
    let mounted: MountedEditor | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const editor = app.stores.editor.getState();

    const load = async () => {
      try {
        // Monaco's own words first: some it words once, as it loads.
        await followLanguageInMonaco();
        const { mountEditor } = await import("./mount-editor");
        if (cancelled || !hostRef.current) return;
        // A learner typing in the plain text area keeps typing, at the same place, in Monaco.
        const plain = plainRef.current;
        const typing = plain && document.activeElement === plain
          ? { from: positionIn(plain.value, plain.selectionStart), to: positionIn(plain.value, plain.selectionEnd) }
          : undefined;
        mounted = mountedRef.current = mountEditor(hostRef.current, app, { readOnly, label: labelRef.current });
        editor.setEditorKind("monaco");
        if (typing) mounted.focus(typing);
      } catch (error) {
        console.error("Monaco failed to load; keeping the plain editor", error);
        if (!cancelled) editor.setEditorKind("failed");
      }
    };
    // Not before the page allows it (playground-app.ts, editorMayLoad); then
    // two frames, so that a paint shows the page before the big chunk runs.
    let frame = 0;
    void app.editorMayLoad.then(() => {
      if (!cancelled) frame = requestAnimationFrame(() => { timer = setTimeout(load, 0); });
    });

    return () => {
      cancelled = true;
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      mounted?.dispose();
      mountedRef.current = undefined;
    };
  }, [app, readOnly]);

  return (
    <section className="pane editor-pane" aria-label={t.editor} data-readonly={readOnly || undefined}>
      <header className="pane-header">
        <span>snippet.ts</span>
        <span className="pane-header-note">{countLabel(diagnostics, t)}</span>
        <PythonToggle />
      </header>
      <div className={withPython ? "editor-body with-python" : "editor-body"}>
        <div className="monaco-host" ref={hostRef} />
        {editorKind !== "monaco" && (
          <textarea
            ref={plainRef}
            className="plain-editor"
            value={code}
            spellCheck={false}
            readOnly={readOnly}
            aria-label={t.snippetEditor}
            onChange={(e) => app.stores.editor.getState().setCode(e.target.value)}
          />
        )}
        <PythonPanel />
      </div>
    </section>
  );
}

/** Line and column (1-based) of `offset` in a text area's value, whose line breaks are always "\n" (the code's may be "\r\n"). */
function positionIn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length, column: offset - lineStart + 1 };
}

function countLabel(diagnostics: readonly SnippetDiagnostic[], t: { errors: (n: number) => string; warnings: (n: number) => string }): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const parts: string[] = [];
  if (errors > 0) parts.push(t.errors(errors));
  if (warnings > 0) parts.push(t.warnings(warnings));
  return parts.join(", ");
}
