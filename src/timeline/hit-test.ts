// What is under the pointer: the lane at y, then the item at x in that
// lane's row — a mark or print tick (small targets win), a span or task box,
// a state interval; a lock hold or wait; the nearest queue put/get or the
// depth then; a pool's pending count. Pure over the same inputs the frame
// was drawn from, so the tooltip always names what is drawn there.

import { ThreadState } from "../trace/events";
import type { IntervalList, SortedLog } from "../trace/model-series";
import { lowerBound, upperBound } from "../trace/model-series";
import { type FrameInput } from "./frame";
import { LANE, laneAt, threadRows } from "./layout";
import { AXIS_PX, LOCK_WAIT_Y, trackEndMs, type Hit } from "./geometry";
import { taskHit } from "./task-boxes";

/** Small targets are easier to hit within this many px. */
const SLOP_PX = 4;

function nearest(times: Float64Array, n: number, tMs: number, slopMs: number): number {
  const i = lowerBound(times, n, tMs - slopMs);
  let best = -1;
  for (let j = i; j < n && times[j] <= tMs + slopMs; j++) if (best < 0 || Math.abs(times[j] - tMs) < Math.abs(times[best] - tMs)) best = j;
  return best;
}

function intervalNear(list: IntervalList, tMs: number, slopMs: number, untilMs: number): number {
  const i = list.indexAt(tMs);
  if (i >= 0) return i;
  const j = list.firstEndingAfter(tMs - slopMs);
  return j < list.length && list.starts.data[j] <= tMs + slopMs && list.starts.data[j] <= untilMs ? j : -1;
}

export function hitTest(input: FrameInput, x: number, y: number): Hit | null {
  if (y < AXIS_PX || x < input.scale.leftPx || x > input.scale.rightPx) return null;
  const lane = laneAt(input.layout, y - AXIS_PX + input.scrollY);
  if (!lane) return null;
  const dy = y - AXIS_PX + input.scrollY - lane.y;
  const { model, scale, untilMs } = input;
  const tMs = scale.pxToMs(x);
  const slopMs = scale.pxToDuration(SLOP_PX);
  // Past the trace's cap nothing was recorded: no hover card may describe what is hatched there (draw-unrecorded.ts).
  if (model.cappedAtMs !== null && tMs > model.cappedAtMs) return lane.kind === "group" ? null : { kind: "lane", lane };

  if (lane.kind === "thread") {
    const track = model.threads.get(lane.id)!;
    const rows = threadRows(lane);
    const { endMs } = trackEndMs(track, untilMs);
    if (dy < rows.barY + LANE.bar + 1) {
      const m = nearest(track.markTimes.data, track.markTimes.length, tMs, slopMs);
      if (m >= 0 && dy < rows.barY + 8) return { kind: "mark", ident: track.ident, index: m, tMs: track.markTimes.data[m], label: track.markLabels.data[m] };
      const p = nearest(track.prints.data, track.prints.length, tMs, slopMs);
      if (p >= 0 && dy > rows.barY + LANE.bar - 8) return { kind: "print", ident: track.ident, tMs: track.prints.data[p] };
      return stateAt(input, track.ident, tMs, x) ?? { kind: "lane", lane };
    }
    const depth = Math.floor((dy - rows.spanY(0)) / LANE.row);
    if (depth >= 0 && depth < lane.spanRows) {
      const list = track.spans[depth];
      const i = intervalNear(list, tMs, slopMs, endMs);
      if (i >= 0) return { kind: "span", ident: track.ident, depth, index: i, startMs: list.starts.data[i], endMs: Math.min(list.ends.data[i], endMs), label: list.tags.data[i] };
    } else if (lane.coroutineRows > 0 && dy >= rows.coroutineY(0)) {
      const row = track.coroutines.rows[Math.floor((dy - rows.coroutineY(0)) / LANE.row)];
      const i = row ? intervalNear(row.lives, tMs, slopMs, endMs) : -1;
      if (row && i >= 0) {
        const run = row.runs.indexAt(tMs);
        return {
          kind: "coroutine", ident: track.ident, task: row.lives.tags.data[i],
          startMs: row.lives.starts.data[i], endMs: Math.min(row.lives.ends.data[i], endMs), failed: row.lives.extra(i) === 1, cancelled: row.lives.extra(i) === 2,
          running: run >= 0, runStartMs: run >= 0 ? row.runs.starts.data[run] : Number.NaN, runEndMs: run >= 0 ? Math.min(row.runs.ends.data[run], endMs) : Number.NaN,
        };
      }
    } else if (lane.taskRow && dy >= rows.taskY) {
      const i = intervalNear(track.tasks, tMs, slopMs, endMs);
      if (i >= 0) return taskHit(track, i, endMs);
    }
    return { kind: "lane", lane };
  }

  if (lane.kind === "lock") {
    const lock = model.locks.get(lane.id)!;
    const lists = dy >= LOCK_WAIT_Y - 1 ? lock.waits : lock.holds;
    for (const [ident, list] of lists) {
      const i = intervalNear(list, tMs, slopMs, untilMs);
      if (i < 0) continue;
      const startMs = list.starts.data[i];
      const end = Math.min(list.ends.data[i], untilMs);
      if (lists === lock.waits) return { kind: "lock-wait", lockId: lock.id, ident, startMs, endMs: end };
      return { kind: "hold", lockId: lock.id, ident, index: i, startMs, endMs: end, waitStartMs: list.extra(i) };
    }
    return { kind: "lane", lane };
  }

  if (lane.kind === "queue") {
    const queue = model.queues.get(lane.id)!;
    let best: Hit | null = null;
    for (const put of [true, false]) {
      const log = put ? queue.puts : queue.gets;
      log.ensureSorted();
      const k = nearest(log.times.data, log.length, tMs, slopMs);
      if (k < 0) continue;
      const at = log.times.data[k];
      if (best && best.kind === "queue-op" && Math.abs(best.tMs - tMs) <= Math.abs(at - tMs)) continue;
      best = { kind: "queue-op", queueId: queue.id, put, k, ident: log.idents.data[k], tMs: at, depth: log.values.data[k] };
    }
    if (best) return best;
    return { kind: "counter", lane: "queue", id: queue.id, tMs, value: valueAt([queue.puts, queue.gets], tMs) };
  }

  if (lane.kind === "pool") {
    return { kind: "counter", lane: "pool", id: lane.id, tMs, value: valueAt([model.pools.get(lane.id)!.pending], tMs) };
  }
  return { kind: "lane", lane };
}

/** The value of step series `logs` at `tMs`: the latest sample at or before it (0 before any). */
function valueAt(logs: SortedLog[], tMs: number): number {
  let value = 0;
  let latest = -Infinity;
  for (const log of logs) {
    log.ensureSorted();
    const i = log.indexAtOrBefore(tMs);
    if (i >= 0 && log.times.data[i] >= latest) {
      latest = log.times.data[i];
      value = log.values.data[i];
    }
  }
  return value;
}

function stateAt(input: FrameInput, ident: number, tMs: number, x: number): Hit | null {
  const track = input.model.threads.get(ident)!;
  const { times, states, objects } = track;
  const n = states.length;
  let i = upperBound(times.data, n, tMs) - 1;
  // A thread's end is a tick, as small a target as a print's: a click just before it finds it too (not one in
  // a hatched part, past the record's end: an end drawn there is the run's, not one recorded).
  const capped = input.model.cappedAtMs;
  if (i + 1 < n && states.data[i + 1] >= ThreadState.Done && (capped === null || times.data[i + 1] <= capped)
    && Math.abs(input.scale.msToPx(times.data[i + 1]) - x) <= SLOP_PX) i++;
  if (i < 0) return null;
  const state = states.data[i];
  if (state >= ThreadState.Done) {
    const atX = input.scale.msToPx(times.data[i]);
    return Math.abs(atX - x) <= SLOP_PX ? { kind: "final", ident, tMs: times.data[i], state } : null;
  }
  const endMs = i + 1 < n ? times.data[i + 1] : input.untilMs;
  // How many intervals share this pixel: the bar shows their dominant state.
  const changesInPixel = upperBound(times.data, n, input.scale.pxToMs(x + 0.5)) - lowerBound(times.data, n, input.scale.pxToMs(x - 0.5));
  return { kind: "state", ident, index: i, startMs: times.data[i], endMs, state, obj: objects.data[i], changesInPixel };
}
