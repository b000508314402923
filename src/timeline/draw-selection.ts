// What the reader picked, drawn over the bars: the selected time range (a
// band with edges, as Perfetto's area selection), the bars a search found
// (outlined; the current one stronger), and the keyboard's focused bar (a
// ring, so a keyboard user sees what the aria-live region is reading).

import { LANE, threadRows, type Lane } from "./layout";
import { laneTop, laneVisible, type Frame } from "./frame";
import { AXIS_PX, LOCK_HOLD_PX, LOCK_HOLD_Y } from "./geometry";
import type { SearchMatch } from "./search";

/** Outlining more matches than this in one frame would hide the bars under them. */
const MAX_OUTLINED = 2000;

export function drawSelection(frame: Frame): void {
  const { ctx, input } = frame;
  const sel = input.selection;
  if (!sel) return;
  const { scale, theme } = input;
  const x0 = Math.max(scale.leftPx, scale.msToPx(sel.startMs));
  const x1 = Math.min(scale.rightPx, scale.msToPx(sel.endMs));
  if (x1 < scale.leftPx || x0 > scale.rightPx) return;
  ctx.fillStyle = theme.accent;
  ctx.globalAlpha = 0.12;
  ctx.fillRect(x0, AXIS_PX, Math.max(1, x1 - x0), input.heightPx - AXIS_PX);
  ctx.globalAlpha = 1;
  ctx.fillRect(Math.round(x0) - 1, AXIS_PX, 1.5, input.heightPx - AXIS_PX);
  ctx.fillRect(Math.round(x1), AXIS_PX, 1.5, input.heightPx - AXIS_PX);
}

/** Where a match's bar is on the canvas: its lane's row for the kind of bar. */
function matchBox(frame: Frame, m: SearchMatch): { lane: Lane; y: number; h: number } | null {
  const { layout } = frame.input;
  const lane = m.lane === "thread" ? layout.threads.get(m.laneId) : m.lane === "lock" ? layout.locks.get(m.laneId) : layout.queues.get(m.laneId);
  if (!lane) return null;
  const top = laneTop(frame.input, lane);
  if (m.lane === "thread") return { lane, y: top + threadRows(lane).barY, h: LANE.bar };
  if (m.lane === "lock") return { lane, y: top + LOCK_HOLD_Y, h: LOCK_HOLD_PX };
  return { lane, y: top + 2, h: lane.height - 4 };
}

function ring(frame: Frame, x0: number, x1: number, y: number, h: number, pad: number): void {
  const { ctx, input } = frame;
  const left = Math.max(input.scale.leftPx - pad, x0 - pad);
  const right = Math.min(input.scale.rightPx + pad, x1 + pad);
  ctx.strokeRect(left - 0.5, y - pad - 0.5, Math.max(3, right - left) + 1, h + 2 * pad + 1);
}

export function drawMatches(frame: Frame): void {
  const { ctx, input } = frame;
  const matches = input.matches;
  if (!matches || matches.length === 0) return;
  const { scale, theme } = input;
  ctx.strokeStyle = theme.highlight;
  ctx.lineWidth = 1.5;
  let drawn = 0;
  for (let i = 0; i < matches.length && drawn < MAX_OUTLINED; i++) {
    const m = matches[i];
    if (m.startMs > scale.endMs) break;
    if (m.endMs < scale.startMs) continue;
    const box = matchBox(frame, m);
    if (!box || !laneVisible(input, box.lane)) continue;
    ring(frame, scale.msToPx(m.startMs) - (m.startMs === m.endMs ? 2 : 0), scale.msToPx(m.endMs) + (m.startMs === m.endMs ? 2 : 0), box.y, box.h, 1);
    drawn++;
  }
  const current = input.currentMatch !== undefined && input.currentMatch >= 0 ? matches[input.currentMatch] : undefined;
  const box = current && matchBox(frame, current);
  if (current && box) {
    ctx.lineWidth = 3;
    ring(frame, scale.msToPx(current.startMs) - 2, scale.msToPx(current.endMs) + 2, box.y, box.h, 2);
  }
  ctx.lineWidth = 1;
}

export function drawFocusBar(frame: Frame): void {
  const { ctx, input } = frame;
  const focus = input.focusBar;
  if (!focus) return;
  const lane = input.layout.threads.get(focus.ident);
  if (!lane || !laneVisible(input, lane)) return;
  ctx.strokeStyle = input.theme.text;
  ctx.lineWidth = 2;
  ctx.setLineDash([4, 2]);
  ring(frame, input.scale.msToPx(focus.startMs), input.scale.msToPx(focus.endMs), laneTop(input, lane) + threadRows(lane).barY, LANE.bar, 2);
  ctx.setLineDash([]);
  ctx.lineWidth = 1;
}
