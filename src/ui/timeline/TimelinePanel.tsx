// The timeline pane: header (legend, follow/fit/zoom, stats, exports and
// Open in Perfetto, a note when trace events were dropped), the reading
// strip (search, selected range), the canvas (TimelineView does the
// drawing and input outside React), the hover card, the range's card, the
// keyboard's spoken bar and the stats panel.
// The pane's height can be dragged at its top edge.

import { useCallback, useEffect, useRef, useState } from "react";
import { useStore } from "zustand";

import { useApp, useRunState, useTimelineState } from "../state/hooks";
import { downloadPng, downloadTrace } from "./export";
import { Legend } from "./Legend";
import { PerfettoButton } from "./PerfettoButton";
import { StatsPanel } from "./StatsPanel";
import { TimelineTooltip } from "./TimelineTooltip";
import { ReadingBar } from "./ReadingBar";
import { RangeCard } from "./RangeCard";
import { createReadingStore } from "./reading-store";
import "./reading.css";
import { TimelineView, type HoverInfo } from "./timeline-view";
import { followEnd, zoom } from "./viewport";
import { useStrings, type Strings } from "../i18n/language";
import "./timeline.css";
import { GUTTER_PX } from "../../timeline/geometry";
import { formatDuration } from "../../timeline/axis";
import { groupedCount } from "../../base/grouped-count";

const MIN_HEIGHT_PX = 160;

const STRINGS: Strings<Record<"timeline" | "help" | "resize" | "droppedTitle" | "follow" | "followTitle" | "fit" | "fitTitle" | "zoomOut" | "zoomOutTitle" | "zoomIn" | "zoomInTitle" | "stats" | "exportJson" | "exportJsonTitle" | "png" | "pngTitle" | "starting" | "empty", string> & { dropped: (n: number) => string; cappedTitle: (cap: number) => string; capped: (n: number, at: string) => string }> = {
  en: {
    timeline: "Timeline",
    help: "Wheel or W/S: zoom · drag, Shift+wheel or A/D: pan · drag the time axis or Shift+drag: select a range, F: zoom to it · arrow keys: move between bars · L or click a lane's name: fit the lane · 0: fit · click a print tick to find its line",
    resize: "Drag to resize",
    droppedTitle: "The run ended (stopped, timed out, or the page stopped taking its trace in) before these events reached the page; the timeline misses them.",
    dropped: (n) => `${groupedCount(n)} events dropped`,
    cappedTitle: (cap) => `The trace keeps ${groupedCount(cap)} events. The run went on past them: its figures (Stats, the run's result) count every event, but the timeline after this point is hatched, not drawn.`,
    capped: (n, at) => `trace full at ${at}: ${groupedCount(n)} later events counted, not drawn`,
    follow: "Follow", followTitle: "Keep the end of the run in view",
    fit: "Fit", fitTitle: "Show the whole run (0)",
    zoomOut: "Zoom out", zoomOutTitle: "Zoom out (S or -)",
    zoomIn: "Zoom in", zoomInTitle: "Zoom in (W or +)",
    stats: "Stats",
    exportJson: "Export JSON", exportJsonTitle: "Chrome Trace Event JSON: open it in ui.perfetto.dev or chrome://tracing",
    png: "PNG", pngTitle: "The timeline as drawn, as a PNG",
    starting: "Starting…",
    empty: "Run a snippet to see what every thread did, when, and why it waited.",
  },
  zh: {
    timeline: "时间线",
    help: "滚轮或 W/S：缩放 · 拖动、Shift+滚轮或 A/D：平移 · 在时间轴上拖动或 Shift+拖动：选择范围，F：缩放到选区 · 方向键：在色条之间移动 · L 或点击通道名称：缩放到该通道 · 0：显示全部 · 点击输出刻度可找到对应的行",
    resize: "拖动以调整高度",
    droppedTitle: "运行在这些事件送达页面之前已结束（被停止、超时，或页面不再接收它的轨迹），时间线缺少它们。",
    dropped: (n) => `丢失 ${groupedCount(n)} 个事件`,
    cappedTitle: (cap) => `跟踪最多保存 ${groupedCount(cap)} 个事件。运行超过了这个数量：统计和运行结果仍计入全部事件，但此后的时间线以斜线标出，不再绘制。`,
    capped: (n, at) => `跟踪已满（${at}）：之后的 ${groupedCount(n)} 个事件只计数，不绘制`,
    follow: "跟随", followTitle: "始终显示运行的最新部分",
    fit: "全部", fitTitle: "显示整个运行过程（0）",
    zoomOut: "缩小", zoomOutTitle: "缩小（S 或 -）",
    zoomIn: "放大", zoomInTitle: "放大（W 或 +）",
    stats: "统计",
    exportJson: "导出 JSON", exportJsonTitle: "Chrome Trace Event JSON：可在 ui.perfetto.dev 或 chrome://tracing 中打开",
    png: "PNG", pngTitle: "把时间线保存为 PNG 图片",
    starting: "启动中…",
    empty: "运行代码后，这里会显示每个线程做了什么、在什么时候、又为什么等待。",
  },
};

export function TimelinePanel() {
  const app = useApp();
  const t = useStrings(STRINGS);
  const hostRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const viewRef = useRef<TimelineView | null>(null);
  const [hover, setHover] = useState<HoverInfo | null>(null);
  const [follow, setFollow] = useState(true);
  const [showStats, setShowStats] = useState(false);
  const [heightPx, setHeightPx] = useState<number | null>(null);
  const [box, setBox] = useState({ width: 0, height: 0 });
  const hasModel = useTimelineState((s) => s.model !== null);
  const live = useTimelineState((s) => s.live);
  const phase = useRunState((s) => s.phase);
  // Read from the model when the run settles (the model is not a store): past the cap, or stopped with events in flight.
  const model = useTimelineState((s) => s.model);
  const settledResult = useRunState((s) => s.lastResult);
  const dropped = settledResult && model ? model.droppedEvents : 0;
  // (A trace cut by the run's end, not filled: the dropped count says what it misses, and the hatch where from.)
  const capped = settledResult && model && model.cappedAtMs !== null && !model.traceCut ? { n: model.unrecordedEvents, at: formatDuration(model.cappedAtMs), cap: model.eventCap } : null;
  const [reading] = useState(createReadingStore);
  const announcement = useStore(reading, (s) => s.announcement);
  const reader = useCallback(() => viewRef.current?.reader ?? null, []);
  const endMs = useCallback(() => viewRef.current?.endMs() ?? 0, []);

  useEffect(() => {
    const view = new TimelineView(hostRef.current!, canvasRef.current!, app.stores, { onHover: setHover, onFollowChange: setFollow }, reading);
    viewRef.current = view;
    const observer = new ResizeObserver(() => setBox({ width: hostRef.current!.clientWidth, height: hostRef.current!.clientHeight }));
    observer.observe(hostRef.current!);
    return () => {
      observer.disconnect();
      view.dispose();
      viewRef.current = null;
    };
  }, [app, reading]);

  const act = (step: (view: TimelineView) => void) => () => {
    const view = viewRef.current;
    if (view) step(view);
  };
  const center = (view: TimelineView) => GUTTER_PX + view.view.scale.widthPx / 2;

  const onResizeStart = (e: React.PointerEvent<HTMLDivElement>) => {
    const pane = e.currentTarget.parentElement!;
    const startY = e.clientY;
    const startHeight = pane.getBoundingClientRect().height;
    const onMove = (m: PointerEvent) => setHeightPx(Math.max(MIN_HEIGHT_PX, Math.min(window.innerHeight - 120, startHeight - (m.clientY - startY))));
    const onUp = () => {
      window.removeEventListener("pointermove", onMove);
      window.removeEventListener("pointerup", onUp);
    };
    window.addEventListener("pointermove", onMove);
    window.addEventListener("pointerup", onUp);
  };

  const empty = !hasModel;
  return (
    <section id="timeline" className="pane timeline-pane" aria-label={t.timeline} style={heightPx ? { height: heightPx } : undefined}>
      <div className="tl-resize" onPointerDown={onResizeStart} title={t.resize} />
      <header className="pane-header tl-header">
        <span>{t.timeline}</span>
        <Legend />
        <div className="tl-actions">
          <span className="tl-help" title={t.help} aria-label={t.help}>?</span>
          {dropped > 0 && <span className="tl-dropped" title={t.droppedTitle}>{t.dropped(dropped)}</span>}
          {capped && <span className="tl-dropped" title={t.cappedTitle(capped.cap)} data-testid="tl-capped">{t.capped(capped.n, capped.at)}</span>}
          <button type="button" className={`tl-button${follow && live ? " tl-on" : ""}`} disabled={empty} aria-pressed={follow} onClick={act((v) => v.setView(followEnd(v.view, false)))} title={t.followTitle}>
            {t.follow}
          </button>
          <button type="button" className="tl-button" disabled={empty} onClick={act((v) => v.setView(followEnd(v.view, true)))} title={t.fitTitle}>{t.fit}</button>
          <button type="button" className="tl-button" disabled={empty} onClick={act((v) => v.setView(zoom(v.view, 1 / 1.5, center(v), v.live())))} title={t.zoomOutTitle} aria-label={t.zoomOut}>−</button>
          <button type="button" className="tl-button" disabled={empty} onClick={act((v) => v.setView(zoom(v.view, 1.5, center(v), v.live())))} title={t.zoomInTitle} aria-label={t.zoomIn}>+</button>
          <button type="button" className={`tl-button${showStats ? " tl-on" : ""}`} aria-pressed={showStats} onClick={() => setShowStats((s) => !s)}>{t.stats}</button>
          <button type="button" className="tl-button" disabled={empty} onClick={() => downloadTrace(app.stores)} title={t.exportJsonTitle}>{t.exportJson}</button>
          <PerfettoButton />
          <button type="button" className="tl-button" disabled={empty} onClick={act((v) => { v.draw(); downloadPng(v.canvas); })} title={t.pngTitle}>{t.png}</button>
        </div>
      </header>
      <ReadingBar store={reading} reader={reader} disabled={empty} />
      <div className="tl-body">
        <div className="tl-canvas-host" ref={hostRef} data-testid="timeline-canvas-host">
          <canvas ref={canvasRef} tabIndex={0} aria-label={`${t.timeline}. ${t.help}`} />
          {empty && <div className="tl-empty">{phase === "running" ? t.starting : t.empty}</div>}
          <RangeCard store={reading} endMs={endMs} />
          <TimelineTooltip hover={hover} width={box.width} height={box.height} />
          <div className="tl-announce" role="status" aria-live="polite" data-testid="tl-announce">{announcement}</div>
        </div>
        {showStats && <StatsPanel />}
      </div>
    </section>
  );
}
