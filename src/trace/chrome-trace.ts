// The run as Chrome Trace Event JSON ({ traceEvents }, timestamps in µs),
// which Perfetto (ui.perfetto.dev) and chrome://tracing open:
//
//   M  process_name / thread_name / sort indexes: processes and lanes named
//      as the timeline names them (MainProcess, Thread-1, PoolWorker-2)
//   X  one slice per thread state, named as the timeline names states
//      ("running", "blocked on a lock", with what it waits on in args);
//      span() and pool tasks are parent slices on the same thread (a task
//      named as its box is, "items 4–7", with its pool, what it runs and a
//      chunk's chunksize in args, as the hover card says). Viewers
//      require the slices of one thread to nest or not overlap, so states
//      are cut at every span/task boundary (thread-slices.ts) and a state
//      piece never straddles a parent's edge
//   X+flow  lock hand-overs and queue items (chrome-trace-flows.ts): a
//      zero-length "release lockA" slice on the giver's track with an
//      arrow to "acquire lockA" on the taker's; "put jobs" → "get jobs"
//   i  mark() instants, print lines, a thread's final state
//   C  queue depth and pool pending counters (chrome-trace-objects.ts)
// Locks are tracks of a pseudo-process "Locks, queues and pools": one slice
// per hold, named after the holder. Objects carry the snippet's names.

import type { TraceModel } from "./model";
import { isFinalState } from "./events";
import { isUserObject, labelText, objectName, processName, stateName } from "./names";
import { threadSlices, toUs } from "./thread-slices";
import type { ChromeTrace, ChromeTraceEvent } from "./chrome-trace-types";
import { addSharedObjects, SHARED_PID } from "./chrome-trace-objects";
import { addTaskTracks } from "./chrome-trace-tasks";
import { addFlows, type StatePieces } from "./chrome-trace-flows";
import { traceLinks, type TraceLinks } from "./trace-links";

export type { ChromeTrace, ChromeTraceEvent } from "./chrome-trace-types";
export { SHARED_PID } from "./chrome-trace-objects";

export interface ChromeTraceOptions {
  /** when the run ended: the end of every interval still open (ms) */
  endMs: number;
  /** print lines, as RunResult.output has them */
  output?: readonly { thread: string; text: string; t: number; ident?: number; system?: boolean }[];
  deadlock?: { cycle: { thread: string; waitsFor: string; heldBy: string }[] };
  droppedEvents?: number;
}

export function toChromeTrace(model: TraceModel, options: ChromeTraceOptions): ChromeTrace {
  const out: ChromeTraceEvent[] = [];
  const endMs = Math.max(options.endMs, model.maxMs);
  const pids = [...new Set([...model.threads.values()].map((t) => t.pid))].sort((a, b) => a - b);
  pids.forEach((pid, i) => {
    out.push({ ph: "M", name: "process_name", pid, args: { name: processName(model, pid) } });
    out.push({ ph: "M", name: "process_sort_index", pid, args: { sort_index: i } });
  });
  const pieces = new Map<number, StatePieces>();
  for (const track of model.threads.values()) {
    const { pid, ident: tid } = track;
    out.push({ ph: "M", name: "thread_name", pid, tid, args: { name: track.name } });
    out.push({ ph: "M", name: "thread_sort_index", pid, tid, args: { sort_index: tid } });
    const slices = threadSlices(model, track, endMs);
    for (const slice of slices) out.push({ ph: "X", pid, tid, ...slice });
    const states = slices.filter((slice) => slice.cat === "state");
    pieces.set(tid, { pid, starts: Float64Array.from(states, (p) => p.ts), ends: Float64Array.from(states, (p) => p.ts + p.dur) });
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
  addTaskTracks(model, endMs, out);
  const links = userLinks(model, traceLinks(model));
  const flows = addFlows(model, links, pieces, out);
  if (options.deadlock) {
    const text = options.deadlock.cycle.map((e) => `${e.thread} waits for ${e.waitsFor} held by ${e.heldBy}`).join("; ");
    out.push({ ph: "i", s: "g", pid: SHARED_PID, tid: 0, ts: toUs(endMs), name: "deadlock", cat: "deadlock", args: { cycle: text } });
  }
  return {
    traceEvents: out,
    displayTimeUnit: "ms",
    otherData: {
      source: "concurrency playground",
      events: model.eventCount,
      droppedEvents: options.droppedEvents ?? model.droppedEvents + model.unrecordedEvents,
      flows: flows.drawn,
      // Arrows known but not drawn (an end that fits in no slice of its thread), by object: their absence is not "nothing passed".
      flowsLeftOut: Object.fromEntries([...flows.leftOutByObject].map(([obj, n]) => [objectName(model, obj), n])),
      // Objects without arrows, and why (trace-links.ts): a reader should not take their absence for "nothing passed".
      unlinked: links.unlinked.map((u) => ({ object: objectName(model, u.obj), reason: u.reason })),
    },
  };
}

/** Links about the snippet's own objects: the runtime's (a pool's queues) have no track, so no arrows either. */
function userLinks(model: TraceModel, links: TraceLinks): TraceLinks {
  const mine = (l: { obj: number }) => isUserObject(model, l.obj);
  return { handOvers: links.handOvers.filter(mine), items: links.items.filter(mine), unlinked: links.unlinked.filter(mine) };
}

function addPrints(model: TraceModel, options: ChromeTraceOptions, out: ChromeTraceEvent[]): void {
  for (const line of options.output ?? []) {
    if (line.system) continue;
    const track = model.writerOf(line.thread, line.ident);
    if (!track || !Number.isFinite(line.t)) continue;
    out.push({ ph: "i", s: "t", pid: track.pid, tid: track.ident, ts: toUs(line.t), name: "print", cat: "print", args: { text: line.text } });
  }
}
