// The time axis band on top, the vertical grid under the lanes, and the
// pointer's time (Perfetto-style cursor line with its time in the axis).

import { formatTick, formatTime, timeTicks } from "./axis";
import { fitText, textWidth } from "./text";
import { type Frame } from "./frame";
import { AXIS_PX, GUTTER_PX } from "./geometry";

export function drawGrid(frame: Frame): void {
  const { ctx, input } = frame;
  const { scale, theme } = input;
  const { times } = timeTicks(scale);
  ctx.fillStyle = theme.grid;
  for (const t of times) ctx.fillRect(Math.round(scale.msToPx(t)), AXIS_PX, 1, input.heightPx - AXIS_PX);
}

export function drawAxis(frame: Frame, label: string): void {
  const { ctx, input } = frame;
  const { scale, theme, widthPx } = input;
  ctx.fillStyle = theme.raised;
  ctx.fillRect(0, 0, widthPx, AXIS_PX);
  ctx.fillStyle = theme.border;
  ctx.fillRect(0, AXIS_PX - 1, widthPx, 1);
  ctx.font = theme.font;
  ctx.textBaseline = "middle";
  const { stepMs, times } = timeTicks(scale);
  for (const t of times) {
    const x = Math.round(scale.msToPx(t));
    ctx.fillStyle = theme.border;
    ctx.fillRect(x, AXIS_PX - 6, 1, 5);
    const text = formatTick(t, stepMs);
    const w = textWidth(ctx, text);
    if (x + 4 + w > widthPx) continue;
    ctx.fillStyle = theme.textMuted;
    ctx.fillText(text, x + 4, AXIS_PX / 2 - 1);
  }
  // The corner over the gutter names what the axis measures.
  ctx.fillStyle = theme.raised;
  ctx.fillRect(0, 0, GUTTER_PX, AXIS_PX - 1);
  ctx.fillStyle = theme.textMuted;
  const corner = fitText(ctx, label, GUTTER_PX - 16);
  if (corner) ctx.fillText(corner, 8, AXIS_PX / 2 - 1);
}

/** The pointer's time: a thin line over the lanes and the exact time in the axis. */
export function drawCursor(frame: Frame): void {
  const { ctx, input } = frame;
  const x = input.cursorX;
  const { scale, theme, widthPx } = input;
  if (x === null || x === undefined || x < scale.leftPx || x > scale.rightPx) return;
  ctx.fillStyle = theme.textMuted;
  ctx.globalAlpha = 0.5;
  ctx.fillRect(Math.round(x), AXIS_PX, 1, input.heightPx - AXIS_PX);
  ctx.globalAlpha = 1;
  ctx.font = theme.font;
  const text = formatTime(scale.pxToMs(x));
  const w = textWidth(ctx, text) + 10;
  const left = Math.min(Math.max(x - w / 2, scale.leftPx), widthPx - w);
  ctx.fillStyle = theme.text;
  ctx.fillRect(left, 3, w, AXIS_PX - 7);
  ctx.fillStyle = theme.background;
  ctx.textBaseline = "middle";
  ctx.fillText(text, left + 5, AXIS_PX / 2 - 1);
}
