// The time past the trace's cap (TraceModel.cappedAtMs): the run went on,
// its figures were counted, but its events were not kept; or past the
// moment from which the run's end dropped some thread's events before they
// reached the page (TraceModel.traceCut), where nothing was counted
// either. It is hatched
// over every lane and says so, so that nothing drawn there (a hold or a
// state that straddled the cap) reads as a record of what happened.

import { frameWords, type Frame } from "./frame";
import { AXIS_PX } from "./geometry";
import { fitText } from "./text";

const HATCH_GAP_PX = 8;

export function drawUnrecorded(frame: Frame): void {
  const { ctx, input } = frame;
  const cappedAtMs = input.model.cappedAtMs;
  if (cappedAtMs === null) return;
  const { scale, theme, heightPx } = input;
  const x0 = Math.max(scale.leftPx, scale.msToPx(cappedAtMs));
  const x1 = scale.rightPx;
  if (x0 >= x1) return;
  const top = AXIS_PX;
  const height = heightPx - AXIS_PX;
  ctx.save();
  ctx.beginPath();
  ctx.rect(x0, top, x1 - x0, height);
  ctx.clip();
  // Opaque: a state or hold that straddled the cap must not show through as if recorded.
  ctx.fillStyle = theme.background;
  ctx.fillRect(x0, top, x1 - x0, height);
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
  const words = frameWords(input);
  const text = fitText(ctx, input.model.traceCut ? words.notReceived : words.notRecorded, x1 - x0 - 20);
  if (text) {
    ctx.textBaseline = "middle";
    ctx.fillStyle = theme.background;
    const width = ctx.measureText(text).width;
    ctx.fillRect(x0 + 4, top + 4, width + 8, 18);
    ctx.fillStyle = theme.text;
    ctx.fillText(text, x0 + 8, top + 13);
  }
  ctx.restore();
}
