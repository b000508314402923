// A hatched region of the canvas: what the timeline was not told, drawn so
// that it does not read as a record (draw-unrecorded.ts, draw-untraced.ts).

import type { Frame } from "./frame";
import { fitText } from "./text";

const HATCH_GAP_PX = 8;

/**
 * Hatches [x0, x1) × [top, top + height), with `text` at its top left where
 * it fits; `opaque`: what is drawn under it is hidden (none of it is a
 * record), else it shows through (some of it is).
 */
export function hatch(frame: Frame, x0: number, x1: number, top: number, height: number, text: string, opaque = true): void {
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
