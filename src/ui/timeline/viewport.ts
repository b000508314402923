// Where the timeline looks, as plain data and pure steps, so input handling
// stays a few lines and the rules can be tested:
// - following (the default, and after the Follow or Fit button): the window
//   tracks the end of the trace. Until the user zooms it shows the whole
//   run ("fit"); after a zoom it keeps the zoomed span, ending at "now".
// - panning back in time stops following; zooming keeps following.
// - the window never leaves the run (plus a margin) and is never wider.

import { MIN_SPAN_MS, TimeScale } from "../../trace/time-scale";

export interface Viewport {
  scale: TimeScale;
  follow: boolean;
  /** following shows the whole run (no zoom yet) */
  fit: boolean;
  /** vertical scroll of the lanes, px */
  scrollY: number;
}

/** A freshly started run shows at least this much time, so its first ms do not fill the screen. */
const MIN_LIVE_SPAN_MS = 50;


export function initialViewport(leftPx: number, rightPx: number): Viewport {
  return { scale: new TimeScale(0, MIN_LIVE_SPAN_MS, leftPx, rightPx), follow: true, fit: true, scrollY: 0 };
}

/** The window limits: the run from 0 to its end, with a margin either side. */
export function limits(endMs: number): { minMs: number; maxMs: number } {
  const spanMs = Math.max(endMs, MIN_SPAN_MS);
  return { minMs: -0.03 * spanMs, maxMs: endMs + 0.08 * spanMs };
}

/** The window for this frame: followed to `endMs` when following, else clamped into the run. */
export function frameViewport(view: Viewport, endMs: number, live: boolean): Viewport {
  if (view.follow) {
    let scale: TimeScale;
    if (view.fit) {
      // Live: room to grow (the bars advance into it); finished: the run, snug (at 50 µs at least, a
      // controlled run's lost update of 7 steps filled a tenth of the width, paused in step mode or finished).
      const spanMs = live ? Math.max(MIN_LIVE_SPAN_MS, endMs * 1.15) : Math.max(MIN_SPAN_MS, endMs * 1.02);
      scale = view.scale.withWindow(live ? 0 : -0.01 * spanMs, spanMs);
    } else {
      const spanMs = view.scale.spanMs;
      scale = view.scale.withWindow(endMs + 0.05 * spanMs - spanMs, endMs + 0.05 * spanMs);
    }
    return scale === view.scale ? view : { ...view, scale };
  }
  const { minMs, maxMs } = limits(endMs);
  const scale = view.scale.clampedTo(minMs, maxMs);
  return scale === view.scale ? view : { ...view, scale };
}

/**
 * Zoom about `anchorPx`. While a live run is followed, zoom about its end
 * instead (following puts the end there anyway) and keep following; once
 * the run is over there is nothing to follow, and the zoom goes where the
 * pointer is.
 */
export function zoom(view: Viewport, factor: number, anchorPx: number, live: boolean): Viewport {
  if (view.follow && live) {
    const anchor = view.scale.msToPx(view.scale.endMs - 0.05 * view.scale.spanMs);
    return { ...view, scale: view.scale.zoomedAt(factor, anchor), fit: false };
  }
  return { ...view, scale: view.scale.zoomedAt(factor, anchorPx), follow: false, fit: false };
}

/** Pan by `dxPx` (positive: later times). Going back in time stops following. */
export function pan(view: Viewport, dxPx: number): Viewport {
  if (dxPx === 0) return view;
  return { ...view, scale: view.scale.pannedBy(dxPx), follow: view.follow && dxPx > 0, fit: view.fit && dxPx > 0 && view.follow };
}

export function scrollLanes(view: Viewport, dyPx: number, contentPx: number, visiblePx: number): Viewport {
  const scrollY = Math.max(0, Math.min(Math.max(0, contentPx - visiblePx), view.scrollY + dyPx));
  return scrollY === view.scrollY ? view : { ...view, scrollY };
}

/** Show `tMs`: keep the zoom, centre on it when it is out of view (or near an edge); stops following. */
export function reveal(view: Viewport, tMs: number): Viewport {
  const { scale } = view;
  const margin = scale.spanMs * 0.1;
  if (tMs >= scale.startMs + margin && tMs <= scale.endMs - margin) return { ...view, follow: false, fit: false };
  const startMs = tMs - scale.spanMs / 2;
  return { ...view, scale: scale.withWindow(startMs, startMs + scale.spanMs), follow: false, fit: false };
}

/** Follow again; `fit`: show the whole run. */
export function followEnd(view: Viewport, fit: boolean): Viewport {
  return { ...view, follow: true, fit: fit || view.fit };
}

/** A wheel event's vertical travel in px, whatever its deltaMode (lines, pages). */
export function wheelPx(delta: number, deltaMode: number, pagePx: number): number {
  return deltaMode === 1 ? delta * 16 : deltaMode === 2 ? delta * pagePx : delta;
}

/** Zoom factor for a wheel travel: smooth and symmetric (in then out returns to the start). */
export function wheelZoomFactor(dyPx: number): number {
  return Math.exp(-Math.max(-300, Math.min(300, dyPx)) * 0.0025);
}
