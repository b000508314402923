// The output of the current or last run. It draws only the rows in view
// (every row is one line high), so a run that prints tens of thousands of
// lines costs a few dozen DOM nodes; it follows the end until the user
// scrolls up, and again once they scroll back to the bottom.

import { useLayoutEffect, useRef, useState } from "react";
import { formatRunTime, runShortcutLabel } from "../format";
import { useApp, useRunState, useTimelineState } from "../state/hooks";
import type { OutputRow } from "../state/output-log";
import { threadColorClass } from "./thread-colors";
import { useStrings, type Strings } from "../i18n/language";
import "./output.css";

const STRINGS: Strings<{
  output: string; lines: (n: number) => string; dropped: (n: number) => string; running: string;
  pressRun: (shortcut: string) => string; disabled: string; reveal: string;
}> = {
  en: {
    output: "Output",
    lines: (n) => `${n.toLocaleString("en-US")} ${n === 1 ? "line" : "lines"}`,
    dropped: (n) => `${n.toLocaleString("en-US")} earlier lines not shown`,
    running: "Running…",
    pressRun: (shortcut) => `Press Run (${shortcut}) to see the output here.`,
    disabled: "Running is disabled on this page (see the note above).",
    reveal: "Show this moment on the timeline",
  },
  zh: {
    output: "输出",
    lines: (n) => `${n.toLocaleString("zh-CN")} 行`,
    dropped: (n) => `前面 ${n.toLocaleString("zh-CN")} 行未显示`,
    running: "运行中…",
    pressRun: (shortcut) => `按“运行”（${shortcut}）后，输出会显示在这里。`,
    disabled: "此页面无法运行代码（见上方说明）。",
    reveal: "在时间线上显示这一时刻",
  },
};

const ROW_HEIGHT_PX = 20;
const OVERSCAN_ROWS = 10;
/** Rows never wrap (fixed height); longer text also gets a tooltip. */
const LONG_LINE_CHARS = 100;

export function OutputPanel() {
  const log = useRunState((s) => s.output);
  useRunState((s) => s.outputVersion);
  const phase = useRunState((s) => s.phase);
  const t = useStrings(STRINGS);
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
    <section className="pane output-pane" aria-label={t.output}>
      <header className="pane-header">
        <span>{t.output}</span>
        <span className="pane-header-note">{log.printed > 0 ? t.lines(log.printed) : ""}</span>
      </header>
      {log.dropped > 0 && <div className="output-dropped">{t.dropped(log.dropped)}</div>}
      <div className="output-scroll" ref={scrollRef} onScroll={onScroll} role="log" aria-live="off">
        {rows.length === 0 ? (
          <p className="output-empty">
            {phase === "running" ? t.running : canRun ? t.pressRun(runShortcutLabel()) : t.disabled}
          </p>
        ) : (
          <div className="output-content" style={{ height: contentHeight }}>
            <div className="output-window" style={{ transform: `translateY(${first * ROW_HEIGHT_PX}px)` }}>
              {visible.map((row, i) => (
                <OutputRowView
                  key={log.dropped + first + i}
                  row={row}
                  focused={focus?.row === log.dropped + first + i}
                  revealTitle={t.reveal}
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

function OutputRowView({ row, focused, revealTitle, onReveal }: { row: OutputRow; focused: boolean; revealTitle: string; onReveal: () => void }) {
  if (row.kind !== "line") {
    const tone = row.kind === "summary" ? `summary status-${row.status}` : row.stderr ? "notice stderr" : "notice";
    return <div className={`out-row ${tone}`}>{row.text}</div>;
  }
  return (
    <div
      className={`out-row${row.stderr ? " stderr" : ""}${focused ? " out-focused" : ""}`}
      onClick={Number.isFinite(row.t) ? onReveal : undefined}
      title={Number.isFinite(row.t) ? revealTitle : undefined}
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
