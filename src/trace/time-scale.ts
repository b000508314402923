// All time↔pixel conversion of the timeline in one small immutable class,
// so the renderer, hit-testing, the axis and input handling can never
// disagree about where a moment is drawn (Perfetto keeps the same habit in
// its time_scale.ts). Times are ms on the run's clock; pixels are CSS pixels
// of the canvas, with the time area spanning [leftPx, rightPx).

/**
 * The shortest window the view may zoom to: 5 µs, the clock's own grain in
 * isolated pages, and a few steps of a controlled run (whose virtual clock
 * counts a µs a step).
 */
export const MIN_SPAN_MS = 0.005;

export class TimeScale {
  readonly pxPerMs: number;

  constructor(
    readonly startMs: number,
    readonly endMs: number,
    readonly leftPx: number,
    readonly rightPx: number,
  ) {
    const spanMs = endMs - startMs;
    const widthPx = rightPx - leftPx;
    // A degenerate window (empty trace, zero-width canvas) still maps finitely.
    this.pxPerMs = spanMs > 0 && widthPx > 0 ? widthPx / spanMs : 1;
  }

  get spanMs(): number {
    return this.endMs - this.startMs;
  }

  get widthPx(): number {
    return this.rightPx - this.leftPx;
  }

  get msPerPx(): number {
    return 1 / this.pxPerMs;
  }

  msToPx(tMs: number): number {
    return this.leftPx + (tMs - this.startMs) * this.pxPerMs;
  }

  pxToMs(xPx: number): number {
    return this.startMs + (xPx - this.leftPx) / this.pxPerMs;
  }

  durationToPx(ms: number): number {
    return ms * this.pxPerMs;
  }

  pxToDuration(px: number): number {
    return px / this.pxPerMs;
  }

  /** The same pixels showing another window. */
  withWindow(startMs: number, endMs: number): TimeScale {
    return new TimeScale(startMs, endMs, this.leftPx, this.rightPx);
  }

  /** The same window on other pixels (the canvas was resized): the window is kept, so nothing jumps. */
  withPixels(leftPx: number, rightPx: number): TimeScale {
    return new TimeScale(this.startMs, this.endMs, leftPx, rightPx);
  }

  /**
   * Zoom by `factor` (> 1 zooms in) keeping the moment under `anchorPx`
   * where it is, as a map keeps the point under the cursor.
   */
  zoomedAt(factor: number, anchorPx: number): TimeScale {
    const anchorMs = this.pxToMs(anchorPx);
    const spanMs = Math.max(MIN_SPAN_MS, this.spanMs / factor);
    const ratio = this.widthPx > 0 ? (anchorPx - this.leftPx) / this.widthPx : 0.5;
    const startMs = anchorMs - spanMs * ratio;
    return this.withWindow(startMs, startMs + spanMs);
  }

  /** Move the window by `dxPx`: positive shows later times (content moves left). */
  pannedBy(dxPx: number): TimeScale {
    const dMs = this.pxToDuration(dxPx);
    return this.withWindow(this.startMs + dMs, this.endMs + dMs);
  }

  /**
   * Keep the window inside [minMs, maxMs] (the run, plus a margin) and no
   * wider than it, so the user cannot lose the trace off either edge.
   */
  clampedTo(minMs: number, maxMs: number): TimeScale {
    const limitMs = Math.max(MIN_SPAN_MS, maxMs - minMs);
    let spanMs = Math.min(Math.max(this.spanMs, MIN_SPAN_MS), limitMs);
    let startMs = this.startMs;
    if (!(spanMs > 0)) spanMs = limitMs;
    if (startMs < minMs) startMs = minMs;
    if (startMs + spanMs > maxMs) startMs = maxMs - spanMs;
    if (startMs === this.startMs && spanMs === this.spanMs) return this;
    return this.withWindow(startMs, startMs + spanMs);
  }
}
