// The exported trace's tracks for shared objects, in a pseudo-process
// "Locks, queues and pools" (SHARED_PID):
//   - one thread-like track per lock the snippet made, named after it, with
//     one slice per hold ("held by Thread-2"); a hold others may share (an
//     RWLock's read) goes on a track of its reader's under it ("db (read by
//     R1)"), at its own times: on one track, slices may not overlap, and
//     readers holding it together were drawn one after the other;
//   - counters: a queue's depth and a pool's pending tasks. Perfetto names
//     a counter track "<event name> <arg key>", so the event is named after
//     the object and its one arg after the figure: "jobs depth", "pool pending".
// Objects the runtime made for itself (a pool's task queue) are left out,
// as on the timeline.

import type { ChromeTraceEvent } from "./chrome-trace-types";
import type { TraceModel } from "./model";
import type { SortedLog } from "./model-series";
import { isUserObject, objectName, threadName } from "./names";
import { toUs } from "./thread-slices";

/** The pseudo-process that holds lock tracks and object counters (real pids start at 1000). */
export const SHARED_PID = 1;

export function addSharedObjects(model: TraceModel, endMs: number, out: ChromeTraceEvent[]): void {
  out.push({ ph: "M", name: "process_name", pid: SHARED_PID, args: { name: "Locks, queues and pools" } });
  out.push({ ph: "M", name: "process_sort_index", pid: SHARED_PID, args: { sort_index: 1e6 } });
  addLockTracks(model, endMs, out);
  for (const queue of model.queues.values()) {
    if (isUserObject(model, queue.id)) addCounter(objectName(model, queue.id), "depth", mergedByTime(queue.puts, queue.gets), out);
  }
  for (const pool of model.pools.values()) {
    pool.pending.ensureSorted();
    addCounter(objectName(model, pool.id), "pending", logSamples(pool.pending), out);
  }
}

function addLockTracks(model: TraceModel, endMs: number, out: ChromeTraceEvent[]): void {
  const recordedMs = Math.min(endMs, model.cappedAtMs ?? Infinity);
  for (const lock of model.locks.values()) {
    if (!isUserObject(model, lock.id)) continue;
    const tid = lock.id;
    out.push({ ph: "M", name: "thread_name", pid: SHARED_PID, tid, args: { name: objectName(model, lock.id) } });
    // Holds of different threads come from different clocks' stamps (coarse
    // for the fast path): sort them and never let one start before the last ended.
    const exclusive: Hold[] = [];
    const shared = new Map<number, Hold[]>();
    for (const [ident, list] of lock.holds) {
      for (let i = 0; i < list.length; i++) {
        // (a hold is a fact only up to the end of the record: thread-slices.ts)
        if (list.starts.data[i] >= recordedMs) continue;
        const hold = { start: list.starts.data[i], end: Math.min(list.ends.data[i], recordedMs), ident, waitMs: list.starts.data[i] - list.extra(i) };
        if (list.tags.data[i] === 1) (shared.get(ident) ?? shared.set(ident, []).get(ident)!).push(hold);
        else exclusive.push(hold);
      }
    }
    addHolds(model, tid, exclusive, out);
    // (Past MAX_READER_TRACKS readers, the rest share the last track, as "other readers", in turn.)
    const tracks = new Map<number, { name: string; holds: Hold[] }>();
    let reader = 0;
    for (const [ident, holds] of shared) {
      const k = Math.min(reader++, MAX_READER_TRACKS - 1);
      const readerTid = READER_TIDS + lock.ordinal * MAX_READER_TRACKS + k;
      const track = tracks.get(readerTid);
      if (track) {
        track.name = `${objectName(model, lock.id)} (other readers)`;
        track.holds.push(...holds);
      } else {
        tracks.set(readerTid, { name: `${objectName(model, lock.id)} (read by ${threadName(model, ident)})`, holds });
      }
    }
    for (const [readerTid, track] of tracks) {
      out.push({ ph: "M", name: "thread_name", pid: SHARED_PID, tid: readerTid, args: { name: track.name } });
      addHolds(model, readerTid, track.holds, out);
    }
  }
}

interface Hold {
  start: number;
  end: number;
  ident: number;
  waitMs: number;
}

/** The tracks of readers' holds: past any lock's id (an object ref, under 2^30), MAX_READER_TRACKS per lock */
const READER_TIDS = 2 ** 30;
const MAX_READER_TRACKS = 256;

/** `holds` as slices of track `tid`, in time order, none starting before the last ended. */
function addHolds(model: TraceModel, tid: number, holds: Hold[], out: ChromeTraceEvent[]): void {
  holds.sort((a, b) => a.start - b.start);
  let lastEndUs = -Infinity;
  for (const h of holds) {
    const ts = Math.max(toUs(h.start), lastEndUs);
    const end = Math.max(toUs(h.end), ts);
    lastEndUs = end;
    const holder = threadName(model, h.ident);
    const args: Record<string, unknown> = { holder };
    if (Number.isFinite(h.waitMs)) args.waitedMs = h.waitMs;
    out.push({ ph: "X", pid: SHARED_PID, tid, ts, dur: end - ts, name: `held by ${holder}`, cat: "lock", args });
  }
}

interface Sample {
  tMs: number;
  value: number;
}

function logSamples(log: SortedLog): Sample[] {
  return Array.from({ length: log.length }, (_, i) => ({ tMs: log.times.data[i], value: log.values.data[i] }));
}

/** Both logs' samples (each sorted) in one time order; a put before a get at the same time. */
function mergedByTime(a: SortedLog, b: SortedLog): Sample[] {
  a.ensureSorted();
  b.ensureSorted();
  const samples: Sample[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const takeA = j >= b.length || (i < a.length && a.times.data[i] <= b.times.data[j]);
    const log = takeA ? a : b;
    const k = takeA ? i++ : j++;
    samples.push({ tMs: log.times.data[k], value: log.values.data[k] });
  }
  return samples;
}

function addCounter(objName: string, figure: string, samples: Sample[], out: ChromeTraceEvent[]): void {
  for (const s of samples) out.push({ ph: "C", pid: SHARED_PID, name: objName, ts: toUs(s.tMs), args: { [figure]: s.value } });
}
