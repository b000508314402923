// One frame of the timeline, as a pure function of FrameInput: background
// and lane bands, grid, every visible lane's bars (batched by colour), text
// where it fits, marks, arrows, the deadlock, highlight and hover, then the
// lane names and the axis on top. The renderer keeps only reusable buffers.

import { drawRaces } from "./draw-races";
import { drawUnrecorded } from "./draw-unrecorded";
import { drawUntraced } from "./draw-untraced";
import { frameWords, laneTop, laneVisible, type Ctx2D, type Frame, type FrameInput } from "./frame";
import { drawThreadExtras, drawThreadMarks } from "./draw-threads";
import { drawPoolLane, drawQueueLane } from "./draw-objects";
import { drawDeadlock, drawGilHandovers, drawHandovers, drawQueueArrows } from "./draw-links";
import { drawAxis, drawCursor, drawGrid } from "./draw-axis";
import { drawGutter } from "./draw-gutter";
import { drawHover } from "./draw-hover";
import { drawFocusBar, drawMatches, drawSelection } from "./draw-selection";
import { RectBatch } from "./rect-batch";
import { BarRows } from "./bar-rows";
import { StateBarEmitter } from "./state-bars";
import { fitText, textWidth } from "./text";
import { AXIS_PX, GUTTER_PX } from "./geometry";

export interface RenderStats {
  /** intervals and events looked at */
  intervals: number;
  /** rectangles filled after LOD merging */
  rects: number;
  /** arrows drawn; -1 when too many were in view to draw */
  arrows: number;
  ms: number;
}

export class TimelineRenderer {
  private readonly batch = new RectBatch();
  private readonly emitter = new StateBarEmitter();
  private readonly bars = new BarRows(this.emitter);

  draw(ctx: Ctx2D, input: FrameInput): RenderStats {
    const t0 = performance.now();
    const frame: Frame = { ctx, input, batch: this.batch, labels: [], stats: { intervals: 0 } };
    const { theme, widthPx, heightPx, layout, model } = input;
    ctx.save();
    ctx.fillStyle = theme.background;
    ctx.fillRect(0, 0, widthPx, heightPx);
    ctx.beginPath();
    ctx.rect(0, AXIS_PX, widthPx, heightPx - AXIS_PX);
    ctx.clip();

    const visible = layout.lanes.filter((lane) => laneVisible(input, lane));
    let stripe = false;
    for (const lane of visible) {
      const top = laneTop(input, lane);
      if (lane.kind === "group") {
        stripe = false;
        ctx.fillStyle = theme.raised;
        ctx.fillRect(0, top, widthPx, lane.height);
      } else if ((stripe = !stripe)) {
        ctx.fillStyle = theme.laneStripe;
        ctx.fillRect(0, top, widthPx, lane.height);
      }
    }
    drawGrid(frame);

    // Pass 1: dense rows (state bars, lock holds) as strips or rectangles, the rest batched by colour.
    this.bars.draw(frame, visible);
    for (const lane of visible) {
      if (lane.kind === "thread") drawThreadExtras(frame, lane, model.threads.get(lane.id)!);
      else if (lane.kind === "queue") drawQueueLane(frame, lane, model.queues.get(lane.id)!);
      else if (lane.kind === "pool") drawPoolLane(frame, lane, model.pools.get(lane.id)!);
    }
    const rects = this.batch.added;
    this.batch.flush(ctx);

    // Pass 2: marks and prints, arrows, then text over everything.
    for (const lane of visible) if (lane.kind === "thread") drawThreadMarks(frame, lane, model.threads.get(lane.id)!);
    const handovers = drawHandovers(frame);
    const queueArrows = drawQueueArrows(frame);
    const gilArrows = drawGilHandovers(frame);
    drawDeadlock(frame);
    drawRaces(frame);
    ctx.font = theme.font;
    ctx.textBaseline = "middle";
    for (const label of frame.labels) {
      const text = fitText(ctx, label.text, label.maxPx);
      if (!text) continue;
      if (label.background) {
        ctx.fillStyle = label.background;
        ctx.globalAlpha = 0.85;
        ctx.fillRect(label.x - 2, label.y - 7, textWidth(ctx, text) + 4, 14);
        ctx.globalAlpha = 1;
      }
      ctx.fillStyle = label.color;
      ctx.fillText(text, label.x, label.y);
    }

    drawUntraced(frame, visible);
    drawUnrecorded(frame);
    drawHighlight(frame);
    drawSelection(frame);
    drawMatches(frame);
    drawNow(frame);
    if (input.hover) drawHover(frame, input.hover);
    drawFocusBar(frame);
    ctx.restore();
    drawGutter(frame, visible);
    drawScrollbar(frame);
    const words = frameWords(input);
    drawAxis(frame, input.live ? words.live : words.timeSinceStart);
    drawCursor(frame);
    return {
      intervals: frame.stats.intervals,
      rects,
      arrows: handovers < 0 || queueArrows < 0 || gilArrows < 0 ? -1 : handovers + queueArrows + gilArrows,
      ms: performance.now() - t0,
    };
  }
}

/** Lanes taller than the view: a thin thumb at the right edge says where the view is. */
function drawScrollbar(frame: Frame): void {
  const { ctx, input } = frame;
  const viewPx = input.heightPx - AXIS_PX;
  const contentPx = input.layout.heightPx;
  if (contentPx <= viewPx + 1) return;
  const thumbPx = Math.max(24, (viewPx * viewPx) / contentPx);
  const y = AXIS_PX + ((viewPx - thumbPx) * input.scrollY) / (contentPx - viewPx);
  ctx.fillStyle = input.theme.textMuted;
  ctx.globalAlpha = 0.45;
  ctx.fillRect(input.widthPx - 5, y + 2, 3, thumbPx - 4);
  ctx.globalAlpha = 1;
}

/** "Now" while the run is live: where the bars grow. */
function drawNow(frame: Frame): void {
  const { ctx, input } = frame;
  if (!input.live) return;
  const x = input.scale.msToPx(input.untilMs);
  if (x < GUTTER_PX || x > input.widthPx) return;
  ctx.fillStyle = input.theme.accent;
  ctx.fillRect(Math.round(x), AXIS_PX, 1, input.heightPx - AXIS_PX);
}

/** The moment an output line points at: a band on its thread's lane and a line across. */
function drawHighlight(frame: Frame): void {
  const { ctx, input } = frame;
  const h = input.highlight;
  if (!h || h.alpha <= 0) return;
  const x = input.scale.msToPx(h.tMs);
  ctx.globalAlpha = h.alpha;
  ctx.fillStyle = input.theme.highlight;
  const lane = input.layout.threads.get(h.ident);
  if (lane) {
    ctx.globalAlpha = h.alpha * 0.18;
    ctx.fillRect(GUTTER_PX, laneTop(input, lane), input.widthPx - GUTTER_PX, lane.height);
    ctx.globalAlpha = h.alpha;
  }
  if (x >= GUTTER_PX && x <= input.widthPx) {
    ctx.fillRect(Math.round(x) - 1, AXIS_PX, 2, input.heightPx - AXIS_PX);
    if (lane) {
      const y = laneTop(input, lane) + lane.height / 2;
      ctx.beginPath();
      ctx.arc(x, y, 4, 0, Math.PI * 2);
      ctx.fill();
    }
  }
  ctx.globalAlpha = 1;
}
