// The run as Chrome Trace Event JSON ({ traceEvents }, timestamps in µs),
// which Perfetto (ui.perfetto.dev) and chrome://tracing open:
//
//   M  process_name / thread_name / sort indexes: processes and lanes named
//      as the timeline names them (MainProcess, Thread-1, PoolWorker-2)
//   X  one slice per thread state; span() and pool tasks are parent slices
//      on the same thread. Viewers require the slices of one thread to nest
//      or not overlap, so states are cut at every span/task boundary
//      (thread-slices.ts) and a state piece never straddles a parent's edge
//   i  mark() instants, print lines, a thread's final state
//   C  queue depth and pool pending counters
//   s/f flows from each put to the get of the same item (the model's FIFO
//      pairing: the k-th put with the k-th get), bound to the enclosing
//      state slice at both ends ("bp": "e")
// Locks are tracks of a pseudo-process "Locks, queues and pools": one slice
// per hold, named after the holder.

import type { ThreadTrack, TraceModel } from "./model";
import { isFinalState } from "./events";
import { isUserObject, labelText, objectName, processName, stateName, threadName } from "./names";
import { threadSlices, toUs } from "./thread-slices";

export interface ChromeTraceEvent {
  ph: "X" | "i" | "C" | "M" | "s" | "f";
  name: string;
  pid: number;
  tid?: number;
  /** µs */
  ts?: number;
  dur?: number;
  cat?: string;
  id?: number;
  s?: "t" | "p" | "g";
  bp?: "e";
  args?: Record<string, unknown>;
}

export interface ChromeTrace {
  traceEvents: ChromeTraceEvent[];
  displayTimeUnit: "ms";
  otherData: Record<string, unknown>;
}

export interface ChromeTraceOptions {
  /** when the run ended: the end of every interval still open (ms) */
  endMs: number;
  /** print lines, as RunResult.output has them */
  output?: readonly { thread: string; text: string; t: number }[];
  deadlock?: { cycle: { thread: string; waitsFor: string; heldBy: string }[] };
  droppedEvents?: number;
}

/** The pseudo-process that holds lock tracks and object counters (real pids start at 1000). */
export const SHARED_PID = 1;

export function toChromeTrace(model: TraceModel, options: ChromeTraceOptions): ChromeTrace {
  const out: ChromeTraceEvent[] = [];
  const endMs = Math.max(options.endMs, model.maxMs);
  const pids = [...new Set([...model.threads.values()].map((t) => t.pid))].sort((a, b) => a - b);
  pids.forEach((pid, i) => {
    out.push({ ph: "M", name: "process_name", pid, args: { name: processName(model, pid) } });
    out.push({ ph: "M", name: "process_sort_index", pid, args: { sort_index: i } });
  });
  for (const track of model.threads.values()) {
    const { pid, ident: tid } = track;
    out.push({ ph: "M", name: "thread_name", pid, tid, args: { name: track.name } });
    out.push({ ph: "M", name: "thread_sort_index", pid, tid, args: { sort_index: tid } });
    for (const slice of threadSlices(model, track, endMs)) out.push({ ph: "X", pid, tid, ...slice });
    const n = track.states.length;
    if (n > 0 && isFinalState(track.states.data[n - 1])) {
      out.push({ ph: "i", s: "t", pid, tid, ts: toUs(track.times.data[n - 1]), name: stateName(track.states.data[n - 1]), cat: "state" });
    }
    for (let i = 0; i < track.markTimes.length; i++) {
      out.push({ ph: "i", s: "t", pid, tid, ts: toUs(track.markTimes.data[i]), name: labelText(model, track.markLabels.data[i]), cat: "mark" });
    }
  }
  addPrints(model, options, out);
  addSharedObjects(model, endMs, out);
  if (options.deadlock) {
    const text = options.deadlock.cycle.map((e) => `${e.thread} waits for ${e.waitsFor} held by ${e.heldBy}`).join("; ");
    out.push({ ph: "i", s: "g", pid: SHARED_PID, tid: 0, ts: toUs(endMs), name: "deadlock", cat: "deadlock", args: { cycle: text } });
  }
  return {
    traceEvents: out,
    displayTimeUnit: "ms",
    otherData: { source: "concurrency playground", events: model.eventCount, droppedEvents: options.droppedEvents ?? model.droppedEvents },
  };
}

function addPrints(model: TraceModel, options: ChromeTraceOptions, out: ChromeTraceEvent[]): void {
  const byName = new Map<string, { pid: number; tid: number }>();
  for (const track of model.threads.values()) byName.set(track.name, { pid: track.pid, tid: track.ident });
  for (const line of options.output ?? []) {
    const at = byName.get(line.thread);
    if (!at || !Number.isFinite(line.t)) continue;
    out.push({ ph: "i", s: "t", ...at, ts: toUs(line.t), name: "print", cat: "print", args: { text: line.text } });
  }
}

function addSharedObjects(model: TraceModel, endMs: number, out: ChromeTraceEvent[]): void {
  out.push({ ph: "M", name: "process_name", pid: SHARED_PID, args: { name: "Locks, queues and pools" } });
  out.push({ ph: "M", name: "process_sort_index", pid: SHARED_PID, args: { sort_index: 1e6 } });
  for (const lock of model.locks.values()) {
    if (!isUserObject(model, lock.id)) continue;
    const tid = lock.id;
    out.push({ ph: "M", name: "thread_name", pid: SHARED_PID, tid, args: { name: objectName(model, lock.id) } });
    // Holds of different threads come from different clocks' stamps (coarse
    // for the fast path): sort them and never let one start before the last ended.
    const holds: { start: number; end: number; ident: number; waitMs: number }[] = [];
    for (const [ident, list] of lock.holds) {
      for (let i = 0; i < list.length; i++) {
        holds.push({ start: list.starts.data[i], end: Math.min(list.ends.data[i], endMs), ident, waitMs: list.starts.data[i] - list.extras.data[i] });
      }
    }
    holds.sort((a, b) => a.start - b.start);
    let lastEndUs = -Infinity;
    for (const h of holds) {
      const ts = Math.max(toUs(h.start), lastEndUs);
      const end = Math.max(toUs(h.end), ts);
      lastEndUs = end;
      const args: Record<string, unknown> = { holder: threadName(model, h.ident) };
      if (Number.isFinite(h.waitMs)) args.waitedMs = h.waitMs;
      out.push({ ph: "X", pid: SHARED_PID, tid, ts, dur: end - ts, name: `held by ${threadName(model, h.ident)}`, cat: "lock", args });
    }
  }
  let flowId = 1;
  for (const queue of model.queues.values()) {
    if (!isUserObject(model, queue.id)) continue;
    const name = objectName(model, queue.id);
    const { puts, gets } = queue;
    puts.ensureSorted();
    gets.ensureSorted();
    // One counter series from both logs, merged by time.
    let p = 0;
    let g = 0;
    while (p < puts.length || g < gets.length) {
      const takePut = g >= gets.length || (p < puts.length && puts.times.data[p] <= gets.times.data[g]);
      const log = takePut ? puts : gets;
      const i = takePut ? p++ : g++;
      out.push({ ph: "C", pid: SHARED_PID, name: `${name} depth`, ts: toUs(log.times.data[i]), args: { depth: log.values.data[i] } });
    }
    const pairs = Math.min(puts.length, gets.length);
    for (let k = 0; k < pairs; k++) {
      const from = model.threads.get(puts.idents.data[k]);
      const to = model.threads.get(gets.idents.data[k]);
      if (!from || !to) continue;
      const id = flowId++;
      out.push({ ph: "s", id, pid: from.pid, tid: from.ident, ts: flowTime(from, puts.times.data[k], endMs), name: `${name} item`, cat: "queue", bp: "e" });
      out.push({ ph: "f", id, pid: to.pid, tid: to.ident, ts: flowTime(to, gets.times.data[k], endMs), name: `${name} item`, cat: "queue", bp: "e" });
    }
  }
  for (const pool of model.pools.values()) {
    pool.pending.ensureSorted();
    const { times, values } = pool.pending;
    for (let i = 0; i < pool.pending.length; i++) {
      out.push({ ph: "C", pid: SHARED_PID, name: `${objectName(model, pool.id)} pending`, ts: toUs(times.data[i]), args: { pending: values.data[i] } });
    }
  }
}

/**
 * A flow end must fall inside a slice of its thread or viewers drop it; a
 * coarse-clock stamp can precede the thread's first state by a hair.
 */
function flowTime(track: ThreadTrack, tMs: number, endMs: number): number {
  const n = track.times.length;
  const firstMs = n > 0 ? track.times.data[0] : tMs;
  let lastMs = endMs;
  if (n > 0 && isFinalState(track.states.data[n - 1])) lastMs = track.times.data[n - 1];
  // A slice's end is exclusive: stay a nanosecond inside the last one.
  return toUs(Math.min(Math.max(tMs, firstMs), lastMs - 1e-6));
}
