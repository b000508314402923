// What the reader of a finished (or live) timeline has picked, as Perfetto
// keeps it: a selected time range, a search and which match is current,
// the bar the keyboard is on, and the sentence the aria-live region reads.
// A vanilla store per timeline pane: the canvas view draws from it, the
// range card and the search box render it, input handlers change it.

import { createStore, type StoreApi } from "zustand/vanilla";
import type { BarFocus } from "../../timeline/bar-nav";
import type { SearchResult } from "../../timeline/search";

export interface ReadingState {
  selection: { startMs: number; endMs: number } | null;
  query: string;
  result: SearchResult | null;
  /** index into result.matches, -1 when none is current */
  current: number;
  focus: BarFocus | null;
  /** what the keyboard's bar is, in words, for screen readers */
  announcement: string;
}

export type ReadingStore = StoreApi<ReadingState>;

export const EMPTY_READING: ReadingState = { selection: null, query: "", result: null, current: -1, focus: null, announcement: "" };

export function createReadingStore(): ReadingStore {
  return createStore<ReadingState>()(() => EMPTY_READING);
}
