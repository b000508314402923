// One thread's part of the trace model (model.ts): when it entered which
// state, and what the timeline draws on its lane (marks, spans, pool tasks,
// asyncio tasks, GIL hand-overs, prints), as structure-of-arrays; plus the
// few helpers that only touch a thread's own lists.

import { ThreadState } from "./events";
import { GrowableF64, GrowableI32 } from "./growable";
import { IntervalList } from "./model-series";
import { CoroutineRows } from "./model-coroutines";
import type { LoopActivity } from "./model-loop-idle";
import type { PoolTrack } from "./model-objects";
import { SourceLines } from "./source-lines";

export interface ThreadTrack {
  ident: number;
  name: string;
  /** the name the page first heard, when it was renamed after (null: never renamed) */
  firstName: string | null;
  kind: string;
  pid: number;
  /** state-change times and the state entered at each */
  times: GrowableF64;
  states: GrowableI32;
  /** what each state waits on (lock id, ...) or 0 */
  objects: GrowableI32;
  /** mark() instants: time and label id (model.labels) */
  markTimes: GrowableF64;
  markLabels: GrowableI32;
  /** span() intervals, one list per nesting depth; tag = label id */
  spans: IntervalList[];
  /** pool tasks this worker ran; tag = a call's number or a chunk's first item, extra = pool id */
  tasks: IntervalList;
  /** per task: the items of its chunk of map, 0 for a single call */
  taskItems: GrowableI32;
  /** per task: its map's chunksize, negative when map chose it, 0 for a single call or when not known */
  taskChunksizes: GrowableI32;
  /** per task: the label of what it runs ("double(3)"), 0 when unknown */
  taskLabels: GrowableI32;
  /** the PoolChunk and PoolTaskLabel just seen, for the PoolTaskStart that follows them */
  pendingChunkItems: number;
  pendingChunksize: number;
  pendingTaskLabel: number;
  /** the QueueItem just seen (a label ref), for the queue put or get that follows it; 0: none */
  pendingQueueItem: number;
  /** asyncio tasks of this thread's event loop, packed into sub-lanes */
  coroutines: CoroutineRows;
  /** the snippet's line of each wait that recorded one */
  sources: SourceLines;
  /** whether that loop has a task running (null until its first task) */
  loop: LoopActivity | null;
  /** times this thread took the GIL from another, from whom, and how long it lay free (µs) */
  gilTakes: GrowableF64;
  gilFrom: GrowableI32;
  gilLatencyUs: GrowableI32;
  /** times of this thread's print lines (added by the page from the output) */
  prints: GrowableF64;
  /** the state in force (-1 before the first), since when, on what: also past the trace's cap, where `states` stops */
  state: number;
  stateSinceMs: number;
  stateObj: number;
  /** the task its thread's end cut short (Pool.terminate), as an index of tasks, or -1 */
  taskCut: number;
  /** past the cap: when the pool task running now started (NaN: none) */
  tailTaskMs: number;
  /** the blocked wait that closed just before this thread's latest event: a contended acquire follows it */
  pendingWaitObj: number;
  pendingWaitStartMs: number;
  /** time spent in each state (by ThreadState) over the closed intervals up to the first end state, kept as states arrive */
  closedMs: Float64Array;
  /** the time of its first state (NaN until then): past the trace's cap `times` may not hold it */
  startedMs: number;
  /** the time of the first end state (Done, Error, Stopped), and that state; NaN and 0 until then */
  endedMs: number;
  endedState: number;
}

export function newThreadTrack(ident: number, name: string, kind: string, pid: number): ThreadTrack {
  return {
    ident, name, kind, pid,
    times: new GrowableF64(), states: new GrowableI32(), objects: new GrowableI32(),
    markTimes: new GrowableF64(), markLabels: new GrowableI32(),
    spans: [], tasks: new IntervalList(), taskItems: new GrowableI32(), taskChunksizes: new GrowableI32(), taskLabels: new GrowableI32(),
    pendingChunkItems: 0, pendingChunksize: 0, pendingTaskLabel: 0, pendingQueueItem: 0,
    coroutines: new CoroutineRows(), sources: new SourceLines(), loop: null, prints: new GrowableF64(), firstName: null,
    gilTakes: new GrowableF64(), gilFrom: new GrowableI32(), gilLatencyUs: new GrowableI32(),
    state: -1, stateSinceMs: 0, stateObj: 0, taskCut: -1, tailTaskMs: Number.NaN,
    pendingWaitObj: 0, pendingWaitStartMs: 0,
    closedMs: new Float64Array(ThreadState.Stopped + 1), startedMs: Number.NaN, endedMs: Number.NaN, endedState: 0,
  };
}

/**
 * Threads in the order they were started (their first event: a starter
 * writes "starting" into the thread's ring at its start()), as Python
 * numbers them; an ident follows the slot a thread reused, so Thread-9 could
 * come after Thread-11. A thread whose first event has not come in yet goes
 * last; a tie goes by ident.
 */
export function threadStartOrder(a: ThreadTrack, b: ThreadTrack): number {
  const aMs = Number.isNaN(a.startedMs) ? Infinity : a.startedMs;
  const bMs = Number.isNaN(b.startedMs) ? Infinity : b.startedMs;
  return aMs < bMs ? -1 : aMs > bMs ? 1 : a.ident - b.ident;
}

/** A span begins or ends on `track`; true when it nests deeper than ever (the lane grows). */
export function addSpan(track: ThreadTrack, begin: boolean, tMs: number, label: number): boolean {
  const spans = track.spans;
  // The open spans are the last intervals of depths 0..k: k+1 is where a new one nests.
  let depth = 0;
  while (depth < spans.length && spans[depth].isOpen()) depth++;
  if (begin) {
    const grew = depth === spans.length;
    if (grew) spans.push(new IntervalList());
    spans[depth].open(tMs, label);
    return grew;
  }
  if (depth > 0) spans[depth - 1].close(tMs);
  return false;
}

/** A thread that ended (or was stopped) inside spans or a task: close them at its end. */
export function closeOpen(track: ThreadTrack, tMs: number): void {
  for (const list of track.spans) list.close(tMs);
  if (track.tasks.isOpen()) track.taskCut = track.tasks.length - 1;
  track.tasks.close(tMs);
  track.coroutines.closeAll(tMs);
  track.loop?.clear();
}

/**
 * A cut trace (TraceModel.cutAt): the thread's totals counted again from
 * its states up to `cutMs` only, since past the cut some thread's record is
 * not whole. Its end, if one came after the cut, stays where it was.
 */
export function countOnlyUntil(track: ThreadTrack, cutMs: number): void {
  const closed = new Float64Array(track.closedMs.length);
  const times = track.times.data;
  const states = track.states.data;
  const n = track.times.length;
  // (Up to its end too, if that came first: a stamp after it, out of order, counts nothing past it.)
  const limitMs = Math.min(cutMs, Number.isNaN(track.endedMs) ? Infinity : track.endedMs);
  for (let i = 0; i < n; i++) {
    const state = states[i];
    const fromMs = times[i];
    if (state >= ThreadState.Done || !(fromMs < limitMs)) break;
    const toMs = i + 1 < n ? Math.min(times[i + 1], limitMs) : limitMs;
    if (state >= 0) closed[state] += Math.max(0, toMs - fromMs);
  }
  track.closedMs = closed;
  // (Counted up to the cut already: what finish() adds for the state in force at the end starts there.)
  if (Number.isNaN(track.endedMs)) track.stateSinceMs = cutMs;
}

export interface StateTotals {
  /** ms in each state, indexed by ThreadState */
  ms: number[];
  startMs: number;
  endMs: number;
  finalState: number;
}

/** Time spent in each state up to the thread's end or `runEndMs`. */
export function stateTotals(track: ThreadTrack, runEndMs: number): StateTotals {
  const ms = Array.from(track.closedMs);
  const ended = !Number.isNaN(track.endedMs);
  // The interval still open (the thread has not ended): it runs to the run's end.
  if (!ended && track.state >= 0) ms[track.state] += Math.max(0, runEndMs - track.stateSinceMs);
  const finalState = ended ? track.endedState : ThreadState.Running;
  return { ms, startMs: Number.isNaN(track.startedMs) ? 0 : track.startedMs, endMs: ended ? track.endedMs : runEndMs, finalState };
}

/**
 * The thread began task `index` of `pool` at `tMs` (`kept`: below the
 * trace's cap, drawn as a box; past it, only timed). True when its lane
 * gained its row of task boxes (a new layout).
 */
export function poolTaskStarted(track: ThreadTrack, pool: PoolTrack, tMs: number, index: number, kept: boolean): boolean {
  let newRow = false;
  if (kept) {
    newRow = track.tasks.length === 0;
    track.tasks.open(tMs, index, pool.id);
    track.taskItems.push(track.pendingChunkItems);
    track.taskChunksizes.push(track.pendingChunksize);
    track.taskLabels.push(track.pendingTaskLabel);
  } else if (!track.tasks.isOpen()) track.tailTaskMs = tMs;
  track.pendingChunkItems = 0;
  track.pendingChunksize = 0;
  track.pendingTaskLabel = 0;
  if (tMs < pool.firstStartMs) pool.firstStartMs = tMs;
  return newRow;
}

/** The thread's task of `pool` ended at `tMs`: counted in the pool's figures. */
export function poolTaskEnded(track: ThreadTrack, pool: PoolTrack, tMs: number): void {
  // A task running at the cap is closed in its list; one begun past it was only timed.
  let ranMs = track.tasks.close(tMs);
  if (ranMs < 0 && !Number.isNaN(track.tailTaskMs)) ranMs = Math.max(0, tMs - track.tailTaskMs);
  track.tailTaskMs = Number.NaN;
  if (ranMs < 0) return;
  pool.tasks++;
  pool.busyMs += ranMs;
  if (tMs > pool.lastEndMs) pool.lastEndMs = tMs;
}
