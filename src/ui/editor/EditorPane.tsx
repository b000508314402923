// The editor column. It paints a plain text area with the code at once and
// swaps in Monaco when that has loaded after first paint; if Monaco cannot
// load, the plain text area stays and remains a working editor.

import { useEffect, useRef } from "react";
import { useApp, useEditorState } from "../state/hooks";
import type { MountedEditor } from "./mount-editor";

export function EditorPane() {
  const app = useApp();
  const code = useEditorState((s) => s.code);
  const editorKind = useEditorState((s) => s.editorKind);
  const hostRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let cancelled = false;
    let mounted: MountedEditor | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const editor = app.stores.editor.getState();

    const load = async () => {
      try {
        const { mountEditor } = await import("./mount-editor");
        if (cancelled || !hostRef.current) return;
        mounted = mountEditor(hostRef.current, app);
        editor.setEditorKind("monaco");
      } catch (error) {
        console.error("Monaco failed to load; keeping the plain editor", error);
        if (!cancelled) editor.setEditorKind("failed");
      }
    };
    // Two frames: the first paint shows the page before the big chunk is fetched.
    const frame = requestAnimationFrame(() => { timer = setTimeout(load, 0); });

    return () => {
      cancelled = true;
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      mounted?.dispose();
    };
  }, [app]);

  return (
    <section className="pane editor-pane" aria-label="Editor">
      <div className="monaco-host" ref={hostRef} />
      {editorKind !== "monaco" && (
        <textarea
          className="plain-editor"
          value={code}
          spellCheck={false}
          aria-label="Snippet editor"
          onChange={(e) => app.stores.editor.getState().setCode(e.target.value)}
        />
      )}
    </section>
  );
}
