// The selected range's per-thread totals, as Perfetto's area selection
// lists them: how long each thread ran and was blocked (every wait state,
// as RunResult counts blockedMs) inside the range. A card over the canvas's
// right edge; the figures are range-stats.ts over the trace model.

import { useMemo } from "react";
import { useStore } from "zustand";
import { formatDuration } from "../../timeline/axis";
import { rangeTotals } from "../../timeline/range-stats";
import { useStrings, type Strings } from "../i18n/language";
import { useTimelineState } from "../state/hooks";
import { threadColorClass } from "../output/thread-colors";
import type { ReadingStore } from "./reading-store";
import { visibleText } from "../../base/visible-text";
import { groupedCount } from "../../base/grouped-count";

const STRINGS: Strings<{ title: string; thread: string; running: string; blocked: string; more: (n: number) => string }> = {
  en: { title: "In the selection", thread: "Thread", running: "Running", blocked: "Blocked", more: (n) => `${groupedCount(n)} more threads` },
  zh: { title: "选区内", thread: "线程", running: "运行", blocked: "阻塞", more: (n) => `还有 ${groupedCount(n)} 个线程` },
};

/** Rows drawn at most (a run may have thousands of threads). */
const MAX_ROWS = 200;

export function RangeCard({ store, endMs }: { store: ReadingStore; endMs: () => number }) {
  const t = useStrings(STRINGS);
  const selection = useStore(store, (s) => s.selection);
  const model = useTimelineState((s) => s.model);
  const version = useTimelineState((s) => s.version);
  const totals = useMemo(
    () => (model && selection && selection.endMs > selection.startMs ? rangeTotals(model, selection.startMs, selection.endMs, endMs()) : null),
    // The model is mutable: `version` says when it changed.
    [model, selection, version, endMs],
  );
  if (!totals) return null;
  const rows = totals.threads.slice(0, MAX_ROWS);
  return (
    <div className="tl-range" data-testid="tl-range" role="region" aria-label={t.title}>
      <div className="tl-range-title">{t.title} · {formatDuration(totals.durationMs)}</div>
      <table>
        <thead>
          <tr><th>{t.thread}</th><th>{t.running}</th><th>{t.blocked}</th></tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.ident} data-thread={row.name} data-running-ms={row.runningMs} data-blocked-ms={row.blockedMs}>
              <td className={threadColorClass(row.name)}>{visibleText(row.name)}</td>
              <td>{formatDuration(row.runningMs)}</td>
              <td>{formatDuration(row.blockedMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {totals.threads.length > MAX_ROWS && <div className="tl-muted">{t.more(totals.threads.length - MAX_ROWS)}</div>}
    </div>
  );
}
