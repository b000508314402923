// The timeline pane: header (legend, follow/fit/zoom, stats, exports, a
// note when trace events were dropped), the canvas (TimelineView does the
// drawing and input outside React), the hover card and the stats panel.
// The pane's height can be dragged at its top edge.

import { useEffect, useRef, useState } from "react";
import { GUTTER_PX } from "../../timeline/frame";
import { useApp, useRunState, useTimelineState } from "../state/hooks";
import { downloadPng, downloadTrace } from "./export";
import { Legend } from "./Legend";
import { StatsPanel } from "./StatsPanel";
import { TimelineTooltip } from "./TimelineTooltip";
import { TimelineView, type HoverInfo } from "./timeline-view";
import { followEnd, zoom } from "./viewport";
import "./timeline.css";

const MIN_HEIGHT_PX = 160;
const HELP = "Wheel or W/S: zoom · drag, Shift+wheel or A/D: pan · 0: fit · click a print tick to find its line";

export function TimelinePanel() {
  const app = useApp();
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
  const dropped = useRunState((s) => s.lastResult?.stats.droppedEvents ?? 0);

  useEffect(() => {
    const view = new TimelineView(hostRef.current!, canvasRef.current!, app.stores, { onHover: setHover, onFollowChange: setFollow });
    viewRef.current = view;
    const observer = new ResizeObserver(() => setBox({ width: hostRef.current!.clientWidth, height: hostRef.current!.clientHeight }));
    observer.observe(hostRef.current!);
    return () => {
      observer.disconnect();
      view.dispose();
      viewRef.current = null;
    };
  }, [app]);

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
    <section id="timeline" className="pane timeline-pane" aria-label="Timeline" style={heightPx ? { height: heightPx } : undefined}>
      <div className="tl-resize" onPointerDown={onResizeStart} title="Drag to resize" />
      <header className="pane-header tl-header">
        <span>Timeline</span>
        <Legend />
        <div className="tl-actions">
          <span className="tl-help" title={HELP} aria-label={HELP}>?</span>
          {dropped > 0 && (
            <span className="tl-dropped" title="The trace rings filled faster than the page drained them; the timeline misses these events.">
              {dropped.toLocaleString("en-US")} events dropped
            </span>
          )}
          <button type="button" className={`tl-button${follow && live ? " tl-on" : ""}`} disabled={empty} aria-pressed={follow} onClick={act((v) => v.setView(followEnd(v.view, false)))} title="Keep the end of the run in view">
            Follow
          </button>
          <button type="button" className="tl-button" disabled={empty} onClick={act((v) => v.setView(followEnd(v.view, true)))} title="Show the whole run (0)">Fit</button>
          <button type="button" className="tl-button" disabled={empty} onClick={act((v) => v.setView(zoom(v.view, 1 / 1.5, center(v), v.live())))} title="Zoom out (S or -)" aria-label="Zoom out">−</button>
          <button type="button" className="tl-button" disabled={empty} onClick={act((v) => v.setView(zoom(v.view, 1.5, center(v), v.live())))} title="Zoom in (W or +)" aria-label="Zoom in">+</button>
          <button type="button" className={`tl-button${showStats ? " tl-on" : ""}`} aria-pressed={showStats} onClick={() => setShowStats((s) => !s)}>Stats</button>
          <button type="button" className="tl-button" disabled={empty} onClick={() => downloadTrace(app.stores)} title="Chrome Trace Event JSON: open it in ui.perfetto.dev or chrome://tracing">Export JSON</button>
          <button type="button" className="tl-button" disabled={empty} onClick={act((v) => { v.draw(); downloadPng(v.canvas); })} title="The timeline as drawn, as a PNG">PNG</button>
        </div>
      </header>
      <div className="tl-body">
        <div className="tl-canvas-host" ref={hostRef} data-testid="timeline-canvas-host">
          <canvas ref={canvasRef} tabIndex={0} aria-label={`Timeline of the run. ${HELP}`} />
          {empty && (
            <div className="tl-empty">
              {phase === "running" ? "Starting…" : "Run a snippet to see what every thread did, when, and why it waited."}
            </div>
          )}
          <TimelineTooltip hover={hover} width={box.width} height={box.height} />
        </div>
        {showStats && <StatsPanel />}
      </div>
    </section>
  );
}
