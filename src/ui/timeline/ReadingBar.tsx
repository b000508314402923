// The strip under the timeline's header for reading a run as Perfetto
// does: a search over the trace's bars (by thread, kind, object: "acquire
// lockA") with the match count and previous/next, and, once a range is
// selected, its duration with "zoom to selection" and "clear".

import { useEffect, useState } from "react";
import { useStore } from "zustand";
import { formatDuration, formatTime } from "../../timeline/axis";
import { MAX_MATCHES } from "../../timeline/search";
import { useStrings, type Strings } from "../i18n/language";
import type { ReadingStore } from "./reading-store";
import type { TimelineReader } from "./timeline-reader";
import { groupedCount } from "../../base/grouped-count";

const STRINGS: Strings<{
  search: string; placeholder: string; prev: string; next: string; none: string;
  count: (current: number, total: number, capped: boolean) => string;
  selection: string; range: (from: string, to: string) => string; zoom: string; clear: string; hint: string;
}> = {
  en: {
    search: "Search the timeline",
    placeholder: "Search: acquire lockA, Thread-2 blocked, put jobs",
    prev: "Previous match (Shift+Enter)", next: "Next match (Enter)",
    none: "no match",
    count: (current, total, capped) => `${groupedCount(current)} / ${groupedCount(total)}${capped ? ` (first ${groupedCount(MAX_MATCHES)} shown)` : ""}`,
    selection: "Selection",
    range: (from, to) => `${from} – ${to}`,
    zoom: "Zoom to selection (F)", clear: "Clear selection (Esc)",
    hint: "Drag on the time axis (or Shift+drag) to select a range",
  },
  zh: {
    search: "搜索时间线",
    placeholder: "搜索：如 acquire lockA、Thread-2 等待锁、put jobs",
    prev: "上一个匹配（Shift+Enter）", next: "下一个匹配（Enter）",
    none: "无匹配",
    count: (current, total, capped) => `${groupedCount(current)} / ${groupedCount(total)}${capped ? `（仅显示前 ${groupedCount(MAX_MATCHES)} 个）` : ""}`,
    selection: "选区",
    range: (from, to) => `${from} – ${to}`,
    zoom: "缩放到选区（F）", clear: "清除选区（Esc）",
    hint: "在时间轴上拖动（或按住 Shift 拖动）以选择时间范围",
  },
};

/** How long typing pauses before the search runs (a query over millions of bars is a pass over them). */
const SEARCH_DEBOUNCE_MS = 150;

export function ReadingBar({ store, reader, disabled }: { store: ReadingStore; reader: () => TimelineReader | null; disabled: boolean }) {
  const t = useStrings(STRINGS);
  const selection = useStore(store, (s) => s.selection);
  const result = useStore(store, (s) => s.result);
  const current = useStore(store, (s) => s.current);
  const query = useStore(store, (s) => s.query);
  const [text, setText] = useState(query);

  // A new run clears the store's query: clear the box with it.
  useEffect(() => { if (query === "") setText(""); }, [query]);
  useEffect(() => {
    if (text === store.getState().query) return;
    const timer = setTimeout(() => reader()?.search(text), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, store, reader]);

  const onKey = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== "Enter") return;
    e.preventDefault();
    const r = reader();
    if (!r) return;
    // Enter before the debounce fired searches at once.
    if (text !== store.getState().query) r.search(text);
    else r.stepMatch(e.shiftKey ? -1 : 1);
  };

  const total = result?.total ?? 0;
  const shown = result?.matches.length ?? 0;
  return (
    <div className="tl-readbar">
      <input
        type="search"
        className="tl-search"
        data-testid="tl-search"
        value={text}
        disabled={disabled}
        placeholder={t.placeholder}
        aria-label={t.search}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKey}
      />
      {result && (
        <span className="tl-match-count" data-testid="tl-match-count" aria-live="polite">
          {total === 0 ? t.none : t.count(current + 1, total, total > shown)}
        </span>
      )}
      <button type="button" className="tl-button" disabled={shown === 0} onClick={() => reader()?.stepMatch(-1)} title={t.prev} aria-label={t.prev}>‹</button>
      <button type="button" className="tl-button" disabled={shown === 0} onClick={() => reader()?.stepMatch(1)} title={t.next} aria-label={t.next}>›</button>
      <span className="tl-readbar-gap" />
      {selection ? (
        <span className="tl-selection" data-testid="tl-selection" data-start-ms={selection.startMs} data-end-ms={selection.endMs}>
          <span className="tl-selection-label">{t.selection}</span>
          <strong data-testid="tl-selection-duration">{formatDuration(selection.endMs - selection.startMs)}</strong>
          <span className="tl-muted">{t.range(formatTime(selection.startMs), formatTime(selection.endMs))}</span>
          <button type="button" className="tl-button" onClick={() => reader()?.zoomToSelection()} title={t.zoom}>{t.zoom.replace(/ ?[（(].*$/, "")}</button>
          <button type="button" className="tl-button" onClick={() => reader()?.clearSelection()} title={t.clear} aria-label={t.clear}>×</button>
        </span>
      ) : (
        <span className="tl-muted tl-readbar-hint">{t.hint}</span>
      )}
    </div>
  );
}
