// Ctrl+Enter (⌘+Enter on a Mac) runs from anywhere on the page. It listens
// in the capture phase so that Monaco, which binds the same keys to "insert
// line below", never sees the keystroke.

import type { PlaygroundApp } from "./playground-app";

export function installRunShortcut(app: PlaygroundApp): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== "Enter" || event.altKey || event.shiftKey) return;
    if (!(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    event.stopPropagation();
    if (app.controller.canRun && !event.repeat) void app.controller.run();
  };
  window.addEventListener("keydown", onKeyDown, { capture: true });
  return () => window.removeEventListener("keydown", onKeyDown, { capture: true });
}
