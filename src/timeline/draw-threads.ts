// A thread's lane: its state bar (per-pixel LOD, batched fills), the final
// state's cap, span() rows, pool task boxes, asyncio task rows (a thin line
// while the task waits at an await, a running-green box while it runs),
// mark() flags and print ticks.
// Bars go into the frame's batch; text goes into frame.labels, drawn after
// the bars so it sits on top; marks and prints are drawn in a second pass.

import { ThreadState } from "../trace/events";
import type { ThreadTrack } from "../trace/model";
import type { CoroutineRow } from "../trace/model-coroutines";
import { upperBound, lowerBound } from "../trace/model-series";
import { drawTicks } from "./draw-objects";
import { labelText, stateName, waitTargetName } from "../trace/names";
import { visitIntervals } from "./interval-lod";
import { LANE, threadRows, type Lane } from "./layout";
import { frameWords, laneTop, type Frame } from "./frame";
import type { StateBarEmitter } from "./state-bars";
import { trackEndMs, type BarLabel } from "./geometry";
import { taskBoxText } from "./task-boxes";

/** Bars narrower than this get no text. */
const MIN_LABEL_PX = 36;

/**
 * The state bar of one thread through the LOD emitter: `paint` gets whole-
 * pixel bars (rectangles or strip pixels, render.ts decides), `labels` the
 * text for bars wide enough to hold it.
 */
export function emitStateBars(frame: Frame, track: ThreadTrack, emitter: StateBarEmitter, paint: (x0: number, x1: number, state: number) => void, labels: BarLabel[]): void {
  const { scale, theme, model } = frame.input;
  const words = frameWords(frame.input);
  // Short words for a narrow bar; running has none (it is the green).
  const shortWords: Partial<Record<number, string>> = words.short;
  const { endMs } = trackEndMs(track, frame.input.untilMs);
  emitter.emit(track, scale, endMs, {
    bar(x0, x1, state, index) {
      paint(x0, x1, state);
      const short = shortWords[state];
      if (!short || index < 0 || x1 - x0 < MIN_LABEL_PX) return;
      const target = waitTargetName(model, track.objects.data[index], words);
      const name = stateName(state, words);
      const text = x1 - x0 > 110 ? (target ? `${name} · ${target}` : name) : short;
      labels.push({ x: x0 + 4, maxPx: x1 - x0 - 8, text, color: theme.stateText[state] });
    },
  });
  frame.stats.intervals += emitter.visited;
}

/** Everything of a thread lane but its state bar: the final state's cap, span rows, task boxes. */
export function drawThreadExtras(frame: Frame, lane: Lane, track: ThreadTrack): void {
  const { input, batch, labels } = frame;
  const { scale, theme, model } = input;
  const words = frameWords(input);
  const top = laneTop(input, lane);
  const rows = threadRows(lane);
  const barTop = top + rows.barY;
  const { endMs, finalState } = trackEndMs(track, input.untilMs);

  if (finalState >= 0) {
    const x = scale.msToPx(endMs);
    if (x >= scale.leftPx - 2 && x <= scale.rightPx) {
      batch.add(theme.states[finalState], x, barTop - 1, 2, LANE.bar + 2);
      if (finalState !== ThreadState.Done) {
        labels.push({ x: x + 5, y: barTop + LANE.bar / 2, maxPx: scale.rightPx - x - 6, text: stateName(finalState, words), color: theme.states[finalState] });
      }
    }
  }

  track.spans.forEach((list, depth) => {
    const y = top + rows.spanY(depth) + 1;
    frame.stats.intervals += visitIntervals(list, scale, endMs, (x0, x1, i, merged) => {
      batch.add(theme.spanFill, x0, y, x1 - x0, LANE.row - 2);
      if (x1 - x0 > 3) batch.add(theme.spanEdge, x0, y, 1, LANE.row - 2);
      if (!merged && x1 - x0 >= MIN_LABEL_PX / 2) {
        labels.push({ x: x0 + 4, y: y + (LANE.row - 2) / 2, maxPx: x1 - x0 - 6, text: labelText(model, list.tags.data[i]), color: theme.spanText });
      }
    });
  });

  if (lane.taskRow) {
    const y = top + rows.taskY + 1;
    const tasks = track.tasks;
    frame.stats.intervals += visitIntervals(tasks, scale, endMs, (x0, x1, i, merged) => {
      batch.add(theme.taskFill, x0, y, x1 - x0, LANE.row - 2);
      // Edges at both ends, so back-to-back tasks read as separate boxes.
      if (x1 - x0 > 3) {
        batch.add(theme.taskEdge, x0, y, 1, LANE.row - 2);
        batch.add(theme.taskEdge, x1 - 1, y, 1, LANE.row - 2);
      }
      if (merged || x1 - x0 < 16) return;
      const text = taskBoxText(model, track, i, x1 - x0, words);
      labels.push({ x: x0 + 4, y: y + (LANE.row - 2) / 2, maxPx: x1 - x0 - 6, text, color: theme.taskText });
    });
  }

  track.coroutines.rows.forEach((row, r) => drawCoroutineRow(frame, row, top + rows.coroutineY(r) + 1, endMs));
}

/** One row of asyncio tasks: each task's life as a thin line, its running stretches as boxes, its name at its start. */
function drawCoroutineRow(frame: Frame, row: CoroutineRow, y: number, endMs: number): void {
  const { batch, labels, input } = frame;
  const { scale, theme, model } = input;
  const h = LANE.row - 2;
  const running = theme.states[ThreadState.Running];
  frame.stats.intervals += visitIntervals(row.lives, scale, endMs, (x0, x1, i, merged) => {
    const failed = row.lives.extra(i) === 1;
    batch.add(failed ? theme.error : theme.textMuted, x0, y + h / 2 - 1, x1 - x0, 2);
    if (x1 - x0 > 3) batch.add(theme.textMuted, x0, y + 2, 1, h - 4);
    if (!merged && x1 - x0 >= MIN_LABEL_PX) {
      labels.push({ x: x0 + 4, y: y + h / 2, maxPx: x1 - x0 - 6, text: labelText(model, row.lives.tags.data[i]), color: theme.text, background: theme.background });
    }
  });
  frame.stats.intervals += visitIntervals(row.runs, scale, endMs, (x0, x1) => batch.add(running, x0, y + 2, Math.max(1, x1 - x0), h - 4));
}

/** Second pass: mark flags with their labels, and print ticks, on top of the bars. */
export function drawThreadMarks(frame: Frame, lane: Lane, track: ThreadTrack): void {
  const { ctx, input, labels } = frame;
  const { scale, theme, model } = input;
  const barTop = laneTop(input, lane) + threadRows(lane).barY;

  if (track.prints.length > 0) {
    ctx.fillStyle = theme.text;
    drawTicks(frame, track.prints.data, track.prints.length, barTop + LANE.bar - 5, 5);
  }

  const marks = track.markTimes;
  if (marks.length === 0) return;
  const from = lowerBound(marks.data, marks.length, scale.startMs);
  const to = upperBound(marks.data, marks.length, scale.endMs);
  ctx.fillStyle = theme.text;
  ctx.beginPath();
  let lastPx = -Infinity;
  for (let i = from; i < to; i++) {
    const x = scale.msToPx(marks.data[i]);
    if (x - lastPx < 3) continue;
    // A small flag hanging from the top of the bar.
    ctx.moveTo(x - 4, barTop - 2);
    ctx.lineTo(x + 4, barTop - 2);
    ctx.lineTo(x, barTop + 5);
    ctx.closePath();
    const nextPx = i + 1 < to ? scale.msToPx(marks.data[i + 1]) : scale.rightPx;
    if (nextPx - x > 30) labels.push({ x: x + 6, y: barTop + 6, maxPx: nextPx - x - 10, text: labelText(model, track.markLabels.data[i]), color: theme.text, background: theme.background });
    lastPx = x;
  }
  ctx.fill();
}
