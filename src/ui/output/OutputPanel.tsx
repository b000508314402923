// The output of the current or last run. Long lines wrap; it draws only the
// rows in view, placed by their computed heights (row-heights.ts), so a run
// that prints hundreds of thousands of lines costs a few dozen DOM nodes; it
// follows the end until the user scrolls up, and again once they scroll
// back to the bottom (or down to within a screen of an end a running
// program moves on). A traceback's "line 4, column 25" is a link that moves
// the editor's cursor there (editor/editor-link.ts).

import { useLayoutEffect, useMemo, useRef, useState } from "react";
import { formatRunTime, runShortcutLabel } from "../format";
import { useApp, useRunState, useTimelineState } from "../state/hooks";
import type { OutputRow } from "../state/output-log";
import { threadColorClass, threadColorIndex } from "./thread-colors";
import { LINE_PX, RowHeights } from "./row-heights";
import { tracebackParts } from "./traceback-links";
import { editorLink } from "../editor/editor-link";
import { useLanguage, useStrings, type Language, type Strings } from "../i18n/language";
import { localizeRuntimeText } from "./runtime-words";
import "./output.css";
import { visibleText } from "../../base/visible-text";
import { groupedCount } from "../../base/grouped-count";

const STRINGS: Strings<{
  output: string; lines: (n: number) => string; dropped: (n: number) => string; running: string;
  pressRun: (shortcut: string) => string; disabled: string; reveal: string; goToLine: (line: number) => string; system: string;
}> = {
  en: {
    output: "Output",
    lines: (n) => `${groupedCount(n)} ${n === 1 ? "line" : "lines"}`,
    dropped: (n) => `${groupedCount(n)} earlier lines not shown`,
    running: "Running…",
    pressRun: (shortcut) => `Press Run (${shortcut}) to see the output here.`,
    disabled: "Running is disabled on this page (see the note above).",
    reveal: "Show this moment on the timeline",
    goToLine: (line) => `Go to line ${line} in the editor`,
    system: "Said by the playground itself, not printed by the snippet",
  },
  zh: {
    output: "输出",
    lines: (n) => `${groupedCount(n)} 行`,
    dropped: (n) => `前面 ${groupedCount(n)} 行未显示`,
    running: "运行中…",
    pressRun: (shortcut) => `按“运行”（${shortcut}）后，输出会显示在这里。`,
    disabled: "此页面无法运行代码（见上方说明）。",
    reveal: "在时间线上显示这一时刻",
    goToLine: (line) => `在编辑器中转到第 ${line} 行`,
    system: "由练习场本身给出，不是代码片段打印的",
  },
};

const OVERSCAN_PX = 200;
/** The time and thread columns before a row's text (output.css), in ch. */
const PREFIX_CH = 25;
const PADDING_PX = 24;

export function OutputPanel() {
  const log = useRunState((s) => s.output);
  useRunState((s) => s.outputVersion);
  const phase = useRunState((s) => s.phase);
  const t = useStrings(STRINGS);
  const language = useLanguage();
  const app = useApp();
  const canRun = app.controller.canRun;
  // The timeline's link: clicking a print tick there focuses its row here.
  const focus = useTimelineState((s) => s.outputFocus);
  const shownFocus = useRef(0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const follow = useRef(true);
  const lastDropped = useRef(0);
  const [view, setView] = useState({ top: 0, height: 600, width: 800 });

  const rows = log.rows;
  const heights = useMemo(() => new RowHeights(), []);
  const [chPx, setChPx] = useState(7.5);
  const [, setMeasuredTick] = useState(0);
  const windowRef = useRef<HTMLDivElement>(null);
  const perLine = Math.max(8, Math.floor((view.width - PADDING_PX) / chPx) - PREFIX_CH);
  // Rows that left the front: their height, to keep the rows being read in place.
  const droppedShift = log.dropped > lastDropped.current ? heights.top(log.dropped - lastDropped.current) : 0;
  heights.update((i) => rows[i].text, rows.length, log.dropped, perLine, log.takeMoved());
  const contentHeight = heights.totalPx;

  if (phase === "running" && rows.length === 0) follow.current = true;

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    // One character's width in the output's font: how many fit on a line.
    const probe = document.createElement("span");
    probe.textContent = "0".repeat(100);
    // Fixed, so its 100 characters never widen the page's scrollable area (absolute, it let the page scroll sideways).
    probe.style.cssText = "position:fixed;left:0;top:0;visibility:hidden;pointer-events:none;white-space:pre";
    el.appendChild(probe);
    const measure = () => {
      const width = probe.getBoundingClientRect().width / 100;
      if (width > 0) setChPx(width);
      setView({ top: el.scrollTop, height: el.clientHeight, width: el.clientWidth });
    };
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    void document.fonts?.ready.then(measure);
    return () => {
      observer.disconnect();
      probe.remove();
    };
  }, []);

  // Scrolling and measuring read the page's layout. Read in a render's
  // commit, they would lay out the whole page (the editor, the timeline)
  // there and then, each time a run's messages render, and hold up the
  // next messages; read in the next frame's callbacks, they find the layout
  // the frame makes anyway, once, before it paints.
  /** what the last commit showed, for the frame's callback */
  const latest = useRef({ focus, dropped: log.dropped, droppedShift });
  const frame = useRef(0);
  /** where the panel last scrolled itself, and where the last scroll event found it */
  const placedTop = useRef(0);
  const shownTop = useRef(0);
  useLayoutEffect(() => {
    latest.current = { focus, dropped: log.dropped, droppedShift };
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const el = scrollRef.current;
      if (!el) return;
      const { focus, dropped, droppedShift } = latest.current;
      if (focus && focus.seq !== shownFocus.current) {
        shownFocus.current = focus.seq;
        follow.current = false;
        el.scrollTop = Math.max(0, heights.top(focus.row - dropped) - el.clientHeight / 3);
      } else if (follow.current) {
        el.scrollTop = el.scrollHeight;
      } else if (droppedShift > 0) {
        el.scrollTop -= droppedShift;
      }
      placedTop.current = el.scrollTop;
      lastDropped.current = dropped;
      // Where the font disagrees with the column count, take the drawn height.
      const drawn = windowRef.current?.children;
      let corrected = false;
      if (drawn) {
        for (let i = 0; i < drawn.length; i++) {
          const node = drawn[i] as HTMLElement;
          corrected = heights.correct(Number(node.dataset.index), node.offsetHeight) || corrected;
        }
      }
      if (corrected) setMeasuredTick((n) => n + 1);
    });
  });
  useLayoutEffect(() => () => cancelAnimationFrame(frame.current), []);

  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    // Following: at the end; still where this panel put it (its scroll event comes after more rows may have moved the
    // end on); or scrolled down to within a screen of an end that runs away as a running program prints.
    const down = el.scrollTop > shownTop.current;
    shownTop.current = el.scrollTop;
    follow.current = el.scrollTop + el.clientHeight >= el.scrollHeight - LINE_PX || (follow.current && el.scrollTop >= placedTop.current - 1) ||
      (down && el.scrollTop + 2 * el.clientHeight >= el.scrollHeight);
    setView({ top: el.scrollTop, height: el.clientHeight, width: el.clientWidth });
  };

  // While following, draw the end even before the scroll event reports it.
  const top = follow.current ? Math.max(0, contentHeight - view.height) : view.top;
  const first = rows.length === 0 ? 0 : heights.indexAt(Math.max(0, top - OVERSCAN_PX));
  const last = rows.length === 0 ? 0 : heights.indexAt(top + view.height + OVERSCAN_PX) + 1;
  const visible = rows.slice(first, last);
  const link = editorLink(app.stores).getState();

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
            <div className="output-window" ref={windowRef} style={{ transform: `translateY(${heights.top(first)}px)` }}>
              {visible.map((row, i) => (
                <OutputRowView
                  language={language}
                  key={log.dropped + first + i}
                  index={first + i}
                  row={row}
                  focused={focus?.row === log.dropped + first + i}
                  revealTitle={t.reveal}
                  systemTitle={t.system}
                  goToLine={t.goToLine}
                  onReveal={() => app.stores.timeline.getState().revealMoment(row.t, row.thread, row.ident)}
                  onLine={(line, column) => link.showLine(line, { column, colorIndex: row.thread ? threadColorIndex(row.thread) : null, moveCursor: true })}
                />
              ))}
            </div>
          </div>
        )}
      </div>
    </section>
  );
}

interface RowProps {
  index: number;
  row: OutputRow;
  focused: boolean;
  language: Language;
  revealTitle: string;
  systemTitle: string;
  goToLine: (line: number) => string;
  onReveal: () => void;
  onLine: (line: number, column?: number) => void;
}

/** The lines of a traceback as Python prints them (CPython's English, not the playground's words): marked for styling and the language check. */
const PYTHON_TRACEBACK = /^Traceback \(most recent call last\):$|^ {2}line \d+, column \d+, in |^Exception in thread /;

function OutputRowView({ index, row, focused, language, revealTitle, systemTitle, goToLine, onReveal, onLine }: RowProps) {
  // What the playground itself wrote is shown in the learner's language; what the snippet printed, as printed.
  const said = row.stderr || row.kind === "notice" ? localizeRuntimeText(row.text, language) : row.text;
  const text = row.stderr ? <LinkedText text={said} goToLine={goToLine} onLine={onLine} /> : said;
  if (row.kind !== "line") {
    const tone = row.kind === "summary" ? `summary status-${row.status}` : row.kind === "lesson" ? "notice lesson" : row.stderr ? "notice stderr" : "notice";
    return <div className={`out-row ${tone}`} data-index={index}>{text}</div>;
  }
  return (
    <div
      className={`out-row${row.stderr ? " stderr" : ""}${row.stderr && PYTHON_TRACEBACK.test(row.text) ? " traceback" : ""}${focused ? " out-focused" : ""}`}
      data-index={index}
      onClick={Number.isFinite(row.t) ? onReveal : undefined}
      title={Number.isFinite(row.t) ? revealTitle : undefined}
    >
      <span className="out-time">{row.continued ? "" : formatRunTime(row.t)}</span>
      {row.system ? (
        // The playground's own line: marked so, since a thread of the snippet may be named "playground" too.
        <span className="out-thread out-system" title={systemTitle}>
          {row.continued ? "" : <><span aria-hidden="true">⚙ </span>{row.thread}</>}
        </span>
      ) : (
        <span className={`out-thread ${threadColorClass(row.thread)}`} title={visibleText(row.thread)}>
          {row.continued ? "" : visibleText(row.thread)}
        </span>
      )}
      <span className="out-text">{text}</span>
    </div>
  );
}

/** Error text with each place it names ("line 4, column 25") as a link into the editor. */
function LinkedText({ text, goToLine, onLine }: { text: string; goToLine: (line: number) => string; onLine: (line: number, column?: number) => void }) {
  const parts = tracebackParts(text);
  if (parts.length === 1 && parts[0].line === undefined) return <>{text}</>;
  return (
    <>
      {parts.map((part, i) =>
        part.line === undefined ? (
          part.text
        ) : (
          <button
            key={i}
            type="button"
            className="out-link"
            title={goToLine(part.line)}
            onClick={(e) => {
              e.stopPropagation();
              onLine(part.line!, part.column);
            }}
          >
            {part.text}
          </button>
        ),
      )}
    </>
  );
}
