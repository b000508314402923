// Thin React bindings over the vanilla stores: components select what they
// draw and call the controller for what they do; no logic lives here.

import { createContext, useContext } from "react";
import { useStore } from "zustand";
import type { PlaygroundApp } from "../playground-app";
import type { EditorState, RunState, SettingsState } from "./stores";
import type { TimelineState } from "./timeline-store";

export const AppContext = createContext<PlaygroundApp | null>(null);

export function useApp(): PlaygroundApp {
  const app = useContext(AppContext);
  if (!app) throw new Error("useApp outside <AppContext.Provider>");
  return app;
}

export function useEditorState<T>(select: (s: EditorState) => T): T {
  return useStore(useApp().stores.editor, select);
}

export function useSettings<T>(select: (s: SettingsState) => T): T {
  return useStore(useApp().stores.settings, select);
}

export function useRunState<T>(select: (s: RunState) => T): T {
  return useStore(useApp().stores.run, select);
}

export function useTimelineState<T>(select: (s: TimelineState) => T): T {
  return useStore(useApp().stores.timeline, select);
}
