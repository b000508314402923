// What the timeline was not told, hatched so that nothing drawn there reads
// as a record of what happened:
// - the time past the trace's cap (TraceModel.cappedAtMs): the run went on,
//   its figures were counted, but its events were not kept; or past the
//   moment from which the run's end dropped some thread's events before
//   they reached the page (TraceModel.traceCut), where nothing was counted
//   either. Hatched over every lane.
// - the spans in which a thread had its per-operation events off
//   (setTracing(false): trace/model-untraced.ts). Its states were still
//   recorded, but not its acquires, releases, puts and gets, so only the
//   object lanes are hatched there, and see-through: what the other
//   threads recorded there is drawn and true, but the lane may miss that
//   thread's part (a hold that seems to last through such a span, or a
//   depth that seems to stay), and says whose.

import type { TraceModel } from "../trace/model";
import { lowerBound, upperBound } from "../trace/model-series";
import type { UntracedSpan } from "../trace/model-untraced";
import { threadName } from "../trace/names";
import type { Lane } from "./layout";
import { frameWords, laneTop, type Frame } from "./frame";
import { AXIS_PX } from "./geometry";
import { fitText } from "./text";

const HATCH_GAP_PX = 8;

export function drawUnrecorded(frame: Frame, visible: Lane[]): void {
  drawUntraced(frame, visible);
  const { input } = frame;
  const cappedAtMs = input.model.cappedAtMs;
  if (cappedAtMs === null) return;
  const { scale, heightPx } = input;
  const words = frameWords(input);
  hatch(frame, Math.max(scale.leftPx, scale.msToPx(cappedAtMs)), scale.rightPx, AXIS_PX, heightPx - AXIS_PX, input.model.traceCut ? words.notReceived : words.notRecorded);
}

/**
 * The object lanes over each span a thread's events were off, to the run's
 * end for one still off, and on past its end for as long as what is drawn
 * there still rests on what the span did not record (unknownUntil).
 */
function drawUntraced(frame: Frame, visible: Lane[]): void {
  const { input } = frame;
  const { scale, model } = input;
  const spans = model.untraced.spans;
  if (spans.length === 0) return;
  const lanes = visible.filter((lane) => lane.kind === "lock" || lane.kind === "queue" || lane.kind === "pool");
  if (lanes.length === 0) return;
  const endMs = input.untilMs;
  const words = frameWords(input);
  for (const span of spans) {
    const x0 = Math.max(scale.leftPx, scale.msToPx(span.from));
    if (x0 >= scale.rightPx) continue;
    const text = words.notTraced(threadName(model, span.ident));
    for (const lane of lanes) {
      const x1 = Math.min(scale.rightPx, scale.msToPx(Math.min(unknownUntil(model, lane, span), endMs)));
      if (x1 > x0) hatch(frame, x0, Math.max(x1, x0 + 2), laneTop(input, lane), lane.height, text, false);
    }
  }
}

/**
 * Until when an object lane is not a record because of `span`: its end;
 * for a lock the thread held as its events went off, the end of that hold
 * as drawn (its release went unrecorded: the next one recorded, or none);
 * for a queue, its next recorded put or get (the depth drawn until then is
 * the one before the span's unrecorded puts and gets).
 */
function unknownUntil(model: TraceModel, lane: Lane, span: UntracedSpan): number {
  let until = span.to;
  if (lane.kind === "lock") {
    const holds = model.locks.get(lane.id)?.holds.get(span.ident);
    const i = holds ? upperBound(holds.starts.data, holds.length, span.from) - 1 : -1;
    if (holds && i >= 0 && holds.ends.data[i] > span.from) until = Math.max(until, holds.ends.data[i]);
  } else if (lane.kind === "queue") {
    const queue = model.queues.get(lane.id);
    let next = Infinity;
    for (const log of queue ? [queue.puts, queue.gets] : []) {
      log.ensureSorted();
      const i = lowerBound(log.times.data, log.length, span.to);
      if (i < log.length) next = Math.min(next, log.times.data[i]);
    }
    until = Math.max(until, next);
  }
  return until;
}

/**
 * Hatches [x0, x1) × [top, top + height), with `text` at its top left where
 * it fits; `opaque`: what is drawn under it is hidden (none of it is a
 * record), else it shows through (some of it is).
 */
function hatch(frame: Frame, x0: number, x1: number, top: number, height: number, text: string, opaque = true): void {
  const { ctx, input } = frame;
  const { theme } = input;
  if (x0 >= x1 || height <= 0) return;
  ctx.save();
  ctx.beginPath();
  ctx.rect(x0, top, x1 - x0, height);
  ctx.clip();
  if (opaque) {
    ctx.fillStyle = theme.background;
    ctx.fillRect(x0, top, x1 - x0, height);
  }
  ctx.strokeStyle = theme.textMuted;
  ctx.lineWidth = 1;
  ctx.beginPath();
  // Diagonals anchored to the canvas, so that they stay still while the view pans.
  for (let x = x0 - height - ((x0 - height) % HATCH_GAP_PX); x < x1; x += HATCH_GAP_PX) {
    ctx.moveTo(x, top + height);
    ctx.lineTo(x + height, top);
  }
  ctx.globalAlpha = 0.35;
  ctx.stroke();
  ctx.globalAlpha = 1;
  ctx.font = theme.fontBold;
  const fitted = fitText(ctx, text, x1 - x0 - 20);
  if (fitted && height >= 18) {
    ctx.textBaseline = "middle";
    ctx.fillStyle = theme.background;
    const width = ctx.measureText(fitted).width;
    const y = top + Math.min(4, (height - 18) / 2);
    // (Over what shows through, the text's ground lets it show faintly too.)
    if (!opaque) ctx.globalAlpha = 0.6;
    ctx.fillRect(x0 + 4, y, width + 8, 18);
    ctx.globalAlpha = 1;
    ctx.fillStyle = theme.text;
    ctx.fillText(fitted, x0 + 8, y + 9);
  }
  ctx.restore();
}
