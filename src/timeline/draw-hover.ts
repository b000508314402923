// The hovered item, outlined, so the tooltip and the picture agree on what
// "this" is — and for a blocked wait or a lock hold, the hold it waited on.

import { LANE, threadRows } from "./layout";

import { laneTop, type Frame } from "./frame";
import { LOCK_HOLD_PX, LOCK_HOLD_Y, LOCK_WAIT_Y, type Hit } from "./geometry";

function outline(frame: Frame, x0: number, x1: number, y: number, h: number): void {
  const { ctx, input } = frame;
  const left = Math.max(input.scale.leftPx, x0);
  const right = Math.min(input.scale.rightPx, x1);
  ctx.strokeRect(left - 0.5, y - 0.5, Math.max(2, right - left) + 1, h + 1);
}

export function drawHover(frame: Frame, hit: Hit): void {
  const { ctx, input } = frame;
  const { scale, layout, theme } = input;
  ctx.strokeStyle = theme.text;
  ctx.lineWidth = 1.5;
  const threadLane = "ident" in hit ? layout.threads.get(hit.ident) : undefined;
  switch (hit.kind) {
    case "state":
      if (threadLane) outline(frame, scale.msToPx(hit.startMs), scale.msToPx(hit.endMs), laneTop(input, threadLane) + threadRows(threadLane).barY, LANE.bar);
      break;
    case "span":
      if (threadLane) outline(frame, scale.msToPx(hit.startMs), scale.msToPx(hit.endMs), laneTop(input, threadLane) + threadRows(threadLane).spanY(hit.depth) + 1, LANE.row - 2);
      break;
    case "task":
      if (threadLane) outline(frame, scale.msToPx(hit.startMs), scale.msToPx(hit.endMs), laneTop(input, threadLane) + threadRows(threadLane).taskY + 1, LANE.row - 2);
      break;
    case "hold":
    case "lock-wait": {
      const lane = layout.locks.get(hit.lockId);
      const y = hit.kind === "hold" ? LOCK_HOLD_Y : LOCK_WAIT_Y;
      if (lane) outline(frame, scale.msToPx(hit.startMs), scale.msToPx(hit.endMs), laneTop(input, lane) + y, hit.kind === "hold" ? LOCK_HOLD_PX : 3);
      break;
    }
    case "mark":
    case "print":
    case "final":
    case "queue-op": {
      const lane = hit.kind === "queue-op" ? layout.queues.get(hit.queueId) : threadLane;
      if (lane) outline(frame, scale.msToPx(hit.tMs) - 3, scale.msToPx(hit.tMs) + 3, laneTop(input, lane) + 2, Math.min(lane.height, 24) - 4);
      break;
    }
  }
  ctx.lineWidth = 1;
}
