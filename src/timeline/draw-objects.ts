// Lanes of shared objects. A lock lane shows who held the lock when (each
// hold in the holder's own colour, named where it fits) over a thin strip
// of who waited for it; a queue lane shows its depth over time with ticks
// for puts (top) and gets (bottom); a pool lane shows its pending tasks.

import type { LockTrack, QueueTrack, PoolTrack } from "../trace/model";
import { gallop, lowerBound, type SortedLog } from "../trace/model-series";
import { threadName } from "../trace/names";
import type { TimeScale } from "../trace/time-scale";
import { visitIntervals } from "./interval-lod";
import type { Lane } from "./layout";

import { laneTop, threadColor, type Frame } from "./frame";
import { SHARED_ROWS, type BarLabel } from "./geometry";

/**
 * A lock lane's rows through interval LOD: holds (painted in the holder's
 * colour, named where they fit) and waits. A lock whose holds may overlap
 * (an RWLock's reads) paints each reader's holds in one of SHARED_ROWS thin
 * rows, so readers holding it together show side by side, and an exclusive
 * hold (a write) across all of them (`row` -1). `paint*` get pixel ranges;
 * render.ts sends them to strips or rectangles.
 */
export function emitLockLane(
  frame: Frame,
  lock: LockTrack,
  paintHold: (x0: number, x1: number, color: string, row: number) => void,
  paintWait: (x0: number, x1: number) => void,
  labels: BarLabel[],
): void {
  const { input } = frame;
  const { scale, theme, model } = input;
  let reader = 0;
  for (const [ident, list] of lock.holds) {
    const color = threadColor(input, ident);
    const name = threadName(model, ident);
    const row = reader++ % SHARED_ROWS;
    const tags = list.tags.data;
    frame.stats.intervals += visitIntervals(list, scale, input.untilMs, (x0, x1, i, merged) => {
      const shared = tags[i] === 1;
      paintHold(x0, Math.max(x1, x0 + 1), color, shared ? row : -1);
      if (!shared && !merged && x1 - x0 > 40) labels.push({ x: x0 + 4, maxPx: x1 - x0 - 8, text: name, color: theme.holdText });
    });
  }
  for (const list of lock.waits.values()) {
    frame.stats.intervals += visitIntervals(list, scale, input.untilMs, (x0, x1) => paintWait(x0, Math.max(x1, x0 + 1)));
  }
}

/**
 * A step series (queue depth, pending tasks) as per-pixel-column maxima:
 * `columns[i]` is the highest value seen in column i, NaN before the first
 * sample. `logs` (one or two, e.g. a queue's puts and gets) are merged by
 * time; only the visible samples are scanned.
 */
export function stepColumns(logs: SortedLog[], scale: TimeScale, untilMs: number, out: Float64Array): Float64Array {
  const width = Math.max(0, Math.ceil(scale.rightPx - scale.leftPx));
  const columns = out.length >= width ? out.subarray(0, width) : new Float64Array(width);
  columns.fill(Number.NaN);
  const a = logs[0];
  const b = logs.length > 1 ? logs[1] : null;
  a.ensureSorted();
  b?.ensureSorted();
  // The value in force at the window's start: the later of the logs' last samples before it.
  let ia = a.indexAtOrBefore(scale.startMs);
  let ib = b ? b.indexAtOrBefore(scale.startMs) : -1;
  const ta = a.times.data;
  const va = a.values.data;
  const tb = b ? b.times.data : ta;
  const vb = b ? b.values.data : va;
  const na = a.length;
  const nb = b ? b.length : 0;
  let current = Number.NaN;
  if (ia >= 0 && (ib < 0 || ta[ia] >= tb[ib])) current = va[ia];
  else if (ib >= 0) current = vb[ib];
  ia++;
  ib++;
  const stopMs = Math.min(scale.endMs, untilMs);
  const k = scale.pxPerMs;
  const off = -scale.startMs * k;
  let column = 0;
  for (;;) {
    const useA = ia < na && (ib >= nb || ta[ia] <= tb[ib]);
    if (!useA && ib >= nb) break;
    const tMs = useA ? ta[ia] : tb[ib];
    if (tMs > stopMs) break;
    const x = Math.floor(tMs * k + off);
    // Columns before this sample hold the value in force.
    for (; column < x && column < width; column++) {
      const c = columns[column];
      columns[column] = c !== c || current > c ? current : c;
    }
    current = useA ? va[ia++] : vb[ib++];
    if (x >= 0 && x < width) {
      const c = columns[x];
      columns[x] = c !== c || current > c ? current : c;
    }
  }
  const end = Math.min(width, Math.ceil(untilMs * k + off));
  for (; column < end; column++) {
    const c = columns[column];
    columns[column] = c !== c || current > c ? current : c;
  }
  return columns;
}

/**
 * Columns of a series, kept until the window or the series changes: a
 * redraw for hover must not rescan a hundred thousand samples.
 */
const columnCache = new WeakMap<SortedLog, { key: string; columns: Float64Array }>();

function cachedColumns(logs: SortedLog[], scale: TimeScale, untilMs: number): Float64Array {
  const key = `${logs.map((l) => l.length).join(",")}|${scale.startMs}|${scale.endMs}|${scale.leftPx}|${scale.rightPx}|${untilMs}`;
  const hit = columnCache.get(logs[0]);
  if (hit?.key === key) return hit.columns;
  const columns = stepColumns(logs, scale, untilMs, hit?.columns ?? new Float64Array(0));
  columnCache.set(logs[0], { key, columns });
  return columns;
}

function drawSteps(frame: Frame, lane: Lane, logs: SortedLog[], maxValue: number): Float64Array {
  const { ctx, input } = frame;
  const { scale, theme } = input;
  const top = laneTop(input, lane);
  const columns = cachedColumns(logs, scale, input.untilMs);
  const base = top + lane.height - 3;
  const span = lane.height - 8;
  const yOf = (v: number) => base - (span * v) / Math.max(1, maxValue);
  ctx.beginPath();
  let open = false;
  for (let c = 0; c < columns.length; c++) {
    const v = columns[c];
    const x = scale.leftPx + c;
    if (Number.isNaN(v)) {
      if (open) ctx.lineTo(x, base);
      open = false;
      continue;
    }
    if (!open) ctx.moveTo(x, base);
    ctx.lineTo(x, yOf(v));
    ctx.lineTo(x + 1, yOf(v));
    open = true;
  }
  if (open) ctx.lineTo(scale.leftPx + columns.length, base);
  ctx.fillStyle = theme.counterFill;
  ctx.fill();
  ctx.strokeStyle = theme.counterLine;
  ctx.lineWidth = 1;
  ctx.stroke();
  return columns;
}

export function drawQueueLane(frame: Frame, lane: Lane, queue: QueueTrack): void {
  drawSteps(frame, lane, [queue.puts, queue.gets], queue.maxDepth);
  const { ctx, input } = frame;
  const top = laneTop(input, lane);
  ctx.fillStyle = input.theme.textMuted;
  for (const [log, y] of [[queue.puts, top], [queue.gets, top + lane.height - 3]] as const) drawTicks(frame, log.times.data, log.length, y, 3);
}

/** One 1-px tick per 2 px at most for the samples `times` in view; dense runs skip ahead by galloping. */
export function drawTicks(frame: Frame, times: Float64Array, n: number, y: number, h: number): void {
  const { ctx, input } = frame;
  const { scale } = input;
  let i = lowerBound(times, n, scale.startMs);
  while (i < n && times[i] <= scale.endMs) {
    const x = Math.round(scale.msToPx(times[i]));
    ctx.fillRect(x, y, 1, h);
    i = gallop(times, n, i + 1, scale.pxToMs(x + 2));
  }
}

export function drawPoolLane(frame: Frame, lane: Lane, pool: PoolTrack): void {
  const columns = drawSteps(frame, lane, [pool.pending], pool.maxPending);
  // The count itself where a value holds long enough to be read.
  const { input, labels } = frame;
  const top = laneTop(input, lane);
  let runStart = 0;
  for (let c = 1; c <= columns.length; c++) {
    if (c < columns.length && columns[c] === columns[runStart]) continue;
    const v = columns[runStart];
    if (!Number.isNaN(v) && c - runStart > 22) {
      labels.push({ x: input.scale.leftPx + runStart + 3, y: top + 8, maxPx: c - runStart - 4, text: String(v), color: input.theme.textMuted });
    }
    runStart = c;
  }
}
