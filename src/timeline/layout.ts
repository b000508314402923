// Which lanes the timeline has, in which order, at which heights. Pure:
// (model) → lanes, recomputed only when model.structureVersion changes.
//
//   MainProcess            one group per process (pid), threads by ident
//     MainThread, Thread-1 …
//   Process-1 …
//   Pool 5                 one group per pool: its pending count, then its
//     pending, PoolWorker-1 …  workers (a worker joins its pool's group once
//                              it has run a task; before, "Pool workers")
//   Locks                  one lane per lock or semaphore
//   Queues                 one lane per queue or pipe end (a pool's own task
//                          and result queues are shown by the pool lanes)
//
// Labels are in the words' language (words.ts): a page that switches
// language lays out again.

import type { ThreadTrack, TraceModel } from "../trace/model";
import { threadStartOrder } from "../trace/model-thread";
import { isUserObject, objectName, processName } from "../trace/names";
import { kindInfo, kindOf } from "../trace/object-kinds";
import { EN_WORDS, type TimelineWords } from "./words";

export type LaneKind = "group" | "thread" | "lock" | "queue" | "pool";

export interface Lane {
  kind: LaneKind;
  /** thread ident, lock/queue/pool id; 0 for groups */
  id: number;
  label: string;
  /** top of the lane in layout pixels (before vertical scrolling) */
  y: number;
  height: number;
  /** thread lanes: rows under the state bar, one per span depth, then one for pool tasks, then asyncio task rows */
  spanRows: number;
  taskRow: boolean;
  coroutineRows: number;
}

export const LANE = {
  group: 20,
  /** the state bar of a thread lane */
  bar: 18,
  pad: 3,
  row: 14,
  lock: 22,
  queue: 34,
  pool: 28,
} as const;

export interface TimelineLayout {
  lanes: Lane[];
  heightPx: number;
  threads: Map<number, Lane>;
  locks: Map<number, Lane>;
  queues: Map<number, Lane>;
}

export function layoutLanes(model: TraceModel, words: TimelineWords = EN_WORDS): TimelineLayout {
  const lanes: Lane[] = [];
  let y = 0;
  const add = (kind: LaneKind, id: number, label: string, height: number, spanRows = 0, taskRow = false, coroutineRows = 0) => {
    const lane: Lane = { kind, id, label, y, height, spanRows, taskRow, coroutineRows };
    lanes.push(lane);
    y += height;
    return lane;
  };
  const threadLane = (t: ThreadTrack) => {
    const taskRow = t.tasks.length > 0;
    const coroutineRows = t.coroutines.rows.length;
    const rows = t.spans.length + (taskRow ? 1 : 0) + coroutineRows;
    const label = t.firstName !== null && t.firstName !== t.name ? words.renamedFrom(t.name, t.firstName) : t.name;
    return add("thread", t.ident, label, LANE.bar + 2 * LANE.pad + rows * LANE.row, t.spans.length, taskRow, coroutineRows);
  };

  const inPool = new Map<number, number>();
  for (const pool of model.pools.values()) for (const ident of pool.workers) inPool.set(ident, pool.id);
  // A run may start 100,000 threads, and this runs again whenever one appears: linear while they came in start order.
  const all = sortedByStart([...model.threads.values()]);
  const byPid = new Map<number, ThreadTrack[]>();
  const byPool = new Map<number, ThreadTrack[]>();
  const idle: ThreadTrack[] = [];
  for (const t of all) {
    const pool = inPool.get(t.ident);
    if (pool !== undefined) pushTo(byPool, pool, t);
    else if (t.kind === "pool-worker") idle.push(t);
    else pushTo(byPid, t.pid, t);
  }
  for (const pid of [...byPid.keys()].sort((a, b) => a - b)) {
    add("group", pid, processName(model, pid), LANE.group);
    for (const t of byPid.get(pid)!) threadLane(t);
  }
  for (const pool of [...model.pools.values()].sort((a, b) => a.ordinal - b.ordinal)) {
    const workers = byPool.get(pool.id) ?? [];
    add("group", pool.id, words.poolGroup(objectName(model, pool.id, words), workers.length), LANE.group);
    add("pool", pool.id, words.pendingTasks, LANE.pool);
    for (const t of workers) threadLane(t);
  }
  if (idle.length > 0) {
    add("group", 0, words.poolWorkers, LANE.group);
    for (const t of idle) threadLane(t);
  }
  const locks = [...model.locks.values()].filter((l) => isUserObject(model, l.id)).sort((a, b) => a.ordinal - b.ordinal);
  if (locks.length > 0) {
    add("group", 0, words.locks, LANE.group);
    for (const lock of locks) {
      const name = objectName(model, lock.id, words);
      // (A Semaphore's lane draws who waited, not who holds it: said.)
      add("lock", lock.id, kindInfo(kindOf(lock.id)).waitsOnly ? words.waitsOnly(name) : name, LANE.lock);
    }
  }
  const queues = [...model.queues.values()].filter((q) => isUserObject(model, q.id)).sort((a, b) => a.ordinal - b.ordinal);
  if (queues.length > 0) {
    add("group", 0, words.queues, LANE.group);
    for (const q of queues) add("queue", q.id, objectName(model, q.id, words), LANE.queue);
  }

  const layout: TimelineLayout = { lanes, heightPx: y, threads: new Map(), locks: new Map(), queues: new Map() };
  for (const lane of lanes) {
    if (lane.kind === "thread") layout.threads.set(lane.id, lane);
    else if (lane.kind === "lock") layout.locks.set(lane.id, lane);
    else if (lane.kind === "queue") layout.queues.set(lane.id, lane);
  }
  return layout;
}

/** Lanes go in the order the threads were started (threadStartOrder); sorted only when they did not arrive in it. */
function sortedByStart(tracks: ThreadTrack[]): ThreadTrack[] {
  for (let i = 1; i < tracks.length; i++) {
    if (threadStartOrder(tracks[i - 1], tracks[i]) > 0) return tracks.sort(threadStartOrder);
  }
  return tracks;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The lane at layout y (binary search: lanes are sorted by y), or null. */
export function laneAt(layout: TimelineLayout, y: number): Lane | null {
  const lanes = layout.lanes;
  let lo = 0;
  let hi = lanes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const lane = lanes[mid];
    if (y < lane.y) hi = mid - 1;
    else if (y >= lane.y + lane.height) lo = mid + 1;
    else return lane;
  }
  return null;
}

/** Where a thread lane's parts are, relative to the lane's top. */
export function threadRows(lane: Lane): { barY: number; spanY: (depth: number) => number; taskY: number; coroutineY: (row: number) => number } {
  const barY = LANE.pad;
  const rowsY = barY + LANE.bar + LANE.pad;
  const taskY = rowsY + lane.spanRows * LANE.row;
  const coroutinesY = taskY + (lane.taskRow ? LANE.row : 0);
  return { barY, spanY: (depth) => rowsY + depth * LANE.row, taskY, coroutineY: (row) => coroutinesY + row * LANE.row };
}
