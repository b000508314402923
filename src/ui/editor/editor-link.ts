// The links into the editor from the other panes: a timeline bar that knows
// its source line and a traceback line in the output ask here for a line
// to be shown, and the mounted editor (mount-editor.ts) draws it. A vanilla
// store per page, found from the page's stores, so neither the timeline nor
// the output needs the editor (or Monaco) to be loaded, and the editor
// needs neither of them.

import { createStore, type StoreApi } from "zustand/vanilla";
import type { PlaygroundStores } from "../state/stores";

export interface LineLink {
  /** 1-based, as tracebacks print them */
  line: number;
  column?: number;
  /** the thread's colour (output/thread-colors.ts index), or null for the editor's own accent */
  colorIndex: number | null;
  /** move the cursor there and focus the editor (a click), or only highlight (a hover) */
  moveCursor: boolean;
  seq: number;
}

export interface EditorLinkState {
  link: LineLink | null;
  showLine(line: number, options: { column?: number; colorIndex?: number | null; moveCursor?: boolean }): void;
  clear(): void;
}

const links = new WeakMap<PlaygroundStores, StoreApi<EditorLinkState>>();

export function editorLink(stores: PlaygroundStores): StoreApi<EditorLinkState> {
  let store = links.get(stores);
  if (!store) {
    let seq = 0;
    store = createStore<EditorLinkState>()((set) => ({
      link: null,
      showLine: (line, { column, colorIndex = null, moveCursor = false }) => {
        if (!Number.isInteger(line) || line < 1) return;
        set({ link: { line, column, colorIndex, moveCursor, seq: ++seq } });
      },
      clear: () => set({ link: null }),
    }));
    links.set(stores, store);
  }
  return store;
}
