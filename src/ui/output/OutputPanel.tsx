// The output of the current or last run. It draws only the rows in view
// (every row is one line high), so a run that prints tens of thousands of
// lines costs a few dozen DOM nodes; it follows the end until the user
// scrolls up, and again once they scroll back to the bottom.

import { useLayoutEffect, useRef, useState } from "react";
import { formatRunTime, runShortcutLabel } from "../format";
import { useApp, useRunState, useTimelineState } from "../state/hooks";
import type { OutputRow } from "../state/output-log";
import { threadColorClass } from "./thread-colors";
import "./output.css";

const ROW_HEIGHT_PX = 20;
const OVERSCAN_ROWS = 10;
/** Rows never wrap (fixed height); longer text also gets a tooltip. */
const LONG_LINE_CHARS = 100;

export function OutputPanel() {
  const log = useRunState((s) => s.output);
  useRunState((s) => s.outputVersion);
  const phase = useRunState((s) => s.phase);
  const app = useApp();
  const canRun = app.controller.canRun;
  // The timeline's link: clicking a print tick there focuses its row here.
  const focus = useTimelineState((s) => s.outputFocus);
  const shownFocus = useRef(0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const follow = useRef(true);
  const lastDropped = useRef(0);
  const [view, setView] = useState({ top: 0, height: 600 });

  const rows = log.rows;
  const contentHeight = rows.length * ROW_HEIGHT_PX;

  if (phase === "running" && rows.length === 0) follow.current = true;

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setView({ top: el.scrollTop, height: el.clientHeight }));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    if (focus && focus.seq !== shownFocus.current) {
      shownFocus.current = focus.seq;
      follow.current = false;
      el.scrollTop = Math.max(0, (focus.row - log.dropped) * ROW_HEIGHT_PX - el.clientHeight / 3);
    } else if (follow.current) {
      el.scrollTop = el.scrollHeight;
    } else if (log.dropped > lastDropped.current) {
      // Rows left the top: keep the rows the user is reading in place.
      el.scrollTop -= (log.dropped - lastDropped.current) * ROW_HEIGHT_PX;
    }
    lastDropped.current = log.dropped;
  });

  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    follow.current = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_HEIGHT_PX;
    setView({ top: el.scrollTop, height: el.clientHeight });
  };

  // While following, draw the end even before the scroll event reports it.
  const top = follow.current ? Math.max(0, contentHeight - view.height) : view.top;
  const first = Math.max(0, Math.floor(top / ROW_HEIGHT_PX) - OVERSCAN_ROWS);
  const last = Math.min(rows.length, Math.ceil((top + view.height) / ROW_HEIGHT_PX) + OVERSCAN_ROWS);
  const visible = rows.slice(first, last);

  return (
    <section className="pane output-pane" aria-label="Output">
      <header className="pane-header">
        <span>Output</span>
        <span className="pane-header-note">{log.printed > 0 ? `${log.printed.toLocaleString("en-US")} ${log.printed === 1 ? "line" : "lines"}` : ""}</span>
      </header>
      {log.dropped > 0 && (
        <div className="output-dropped">{log.dropped.toLocaleString("en-US")} earlier lines not shown</div>
      )}
      <div className="output-scroll" ref={scrollRef} onScroll={onScroll} role="log" aria-live="off">
        {rows.length === 0 ? (
          <p className="output-empty">
            {phase === "running"
              ? "Running…"
              : canRun
                ? `Press Run (${runShortcutLabel()}) to see the output here.`
                : "Running is disabled on this page (see the note above)."}
          </p>
        ) : (
          <div className="output-content" style={{ height: contentHeight }}>
            <div className="output-window" style={{ transform: `translateY(${first * ROW_HEIGHT_PX}px)` }}>
              {visible.map((row, i) => (
                <OutputRowView
                  key={log.dropped + first + i}
                  row={row}
                  focused={focus?.row === log.dropped + first + i}
                  onReveal={() => app.stores.timeline.getState().revealMoment(row.t, row.thread)}
                />
              ))}
            </div>
          </div>
        )}
      </div>
    </section>
  );
}

function OutputRowView({ row, focused, onReveal }: { row: OutputRow; focused: boolean; onReveal: () => void }) {
  if (row.kind !== "line") {
    const tone = row.kind === "summary" ? `summary status-${row.status}` : row.stderr ? "notice stderr" : "notice";
    return <div className={`out-row ${tone}`}>{row.text}</div>;
  }
  return (
    <div
      className={`out-row${row.stderr ? " stderr" : ""}${focused ? " out-focused" : ""}`}
      onClick={Number.isFinite(row.t) ? onReveal : undefined}
      title={Number.isFinite(row.t) ? "Show this moment on the timeline" : undefined}
    >
      <span className="out-time">{row.continued ? "" : formatRunTime(row.t)}</span>
      <span className={`out-thread ${threadColorClass(row.thread)}`} title={row.thread}>
        {row.continued ? "" : row.thread}
      </span>
      <span className="out-text" title={row.text.length > LONG_LINE_CHARS ? row.text : undefined}>
        {row.text}
      </span>
    </div>
  );
}
