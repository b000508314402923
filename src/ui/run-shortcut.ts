// Ctrl+Enter (⌘+Enter on a Mac) runs from anywhere on the page, and with
// Shift it stops the run. It listens in the capture phase so that Monaco,
// which binds the same keys to "insert line below/above", never sees them.

import type { PlaygroundApp } from "./playground-app";

export function installRunShortcut(app: PlaygroundApp): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== "Enter" || event.altKey) return;
    if (!(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    event.stopPropagation();
    if (event.repeat) return;
    if (event.shiftKey) app.controller.stop();
    else if (app.controller.canRun) void app.controller.run();
  };
  window.addEventListener("keydown", onKeyDown, { capture: true });
  return () => window.removeEventListener("keydown", onKeyDown, { capture: true });
}
