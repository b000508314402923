// Which TypeScript line the learner is pointing at in the snippet editor:
// the line under the mouse while it hovers the code, else the line of the
// text cursor. The Python panel highlights that line's Python counterpart.
// The other way too: the TypeScript lines whose counterpart is the Python
// line under the mouse, which the snippet editor highlights.
// A vanilla store, so the editor glue (mount-editor.ts) can write it without
// React and the panel can read it through a hook.

import { createStore } from "zustand/vanilla";
import { useStore } from "zustand";

interface TsLineFocusState {
  /** 1-based line under the mouse, or null when the mouse is not over the code */
  hoverLine: number | null;
  /** 1-based line of the text cursor, or null before the editor has one */
  cursorLine: number | null;
  /** TypeScript lines to highlight: the counterparts of the hovered Python line */
  linkedTsLines: readonly number[];
  setHover(line: number | null): void;
  setCursor(line: number | null): void;
  setLinkedTsLines(lines: readonly number[]): void;
}

export const tsLineFocus = createStore<TsLineFocusState>()((set) => ({
  hoverLine: null,
  cursorLine: null,
  setHover: (hoverLine) => set({ hoverLine }),
  linkedTsLines: [],
  setCursor: (cursorLine) => set({ cursorLine }),
  setLinkedTsLines: (linkedTsLines) => set({ linkedTsLines }),
}));

/** The line the learner points at: hover wins over the cursor (a phone has no hover). */
export function focusedLine(state: Pick<TsLineFocusState, "hoverLine" | "cursorLine">): number | null {
  return state.hoverLine ?? state.cursorLine;
}

export function useFocusedTsLine(): number | null {
  return useStore(tsLineFocus, focusedLine);
}
