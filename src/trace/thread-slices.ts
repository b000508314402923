// One thread's Chrome-trace slices: its states as leaf slices, its spans
// and pool tasks as parents. Trace viewers need the slices of a thread to
// nest or not overlap, but a state (say, running) easily straddles the edge
// of a span. So every state interval is cut at each parent boundary inside
// it; every piece then lies wholly inside or outside each parent. Parents
// nest by construction (span() is lexical, a task is one call), and are
// clipped to their enclosing parent in case a stopped thread left them odd.
// Past the end of the record (TraceModel.cappedAtMs: the trace's cap, or a
// run that ended before its trace reached the page) nothing is a fact: a
// state or a task straddling it is cut there, and the rest of the thread's
// life is one slice that says it was not recorded, as the timeline hatches it.

import { ThreadState } from "./events";
import type { ThreadTrack, TraceModel } from "./model";
import { upperBound } from "./model-series";
import { EN_NAME_WORDS, labelText, objectName, stateName, waitTargetName } from "./names";

export interface Slice {
  ts: number;
  dur: number;
  name: string;
  cat: string;
  args?: Record<string, unknown>;
}

/** ms → µs, rounded to the ns, so equal ms boundaries give equal µs boundaries. */
export function toUs(ms: number): number {
  return Math.round(ms * 1e6) / 1e3;
}

interface Parent {
  start: number;
  end: number;
  name: string;
  cat: string;
  args?: Record<string, unknown>;
}

/** What a pool task's slice says in its args, as the hover card does: its pool, what it runs, and a chunk's chunksize. */
function taskArgs(model: TraceModel, track: ThreadTrack, i: number): Record<string, unknown> {
  const args: Record<string, unknown> = { pool: objectName(model, track.tasks.extra(i)) };
  const label = track.taskLabels.data[i] ?? 0;
  if (label) args.runs = labelText(model, label);
  const items = track.taskItems.data[i] ?? 0;
  if (items === 0) return args;
  args.items = items;
  const chunksize = track.taskChunksizes.data[i] ?? 0;
  if (chunksize !== 0) args.chunksize = Math.abs(chunksize);
  if (chunksize < 0) args.chunksize_by = "map: the items ÷ (4 × the workers), rounded up";
  return args;
}

function parentsOf(model: TraceModel, track: ThreadTrack, endMs: number): Parent[] {
  const parents: Parent[] = [];
  for (const list of track.spans) {
    for (let i = 0; i < list.length; i++) {
      parents.push({ start: list.starts.data[i], end: Math.min(list.ends.data[i], endMs), name: labelText(model, list.tags.data[i]), cat: "span" });
    }
  }
  const tasks = track.tasks;
  for (let i = 0; i < tasks.length; i++) {
    const first = tasks.tags.data[i];
    const items = track.taskItems.data[i] ?? 0;
    const label = track.taskLabels.data[i] ?? 0;
    const runs = label ? `: ${labelText(model, label)}` : "";
    const name = items === 0 ? `${EN_NAME_WORDS.task(first)}${runs}` : EN_NAME_WORDS.chunk(first, items);
    parents.push({ start: tasks.starts.data[i], end: Math.min(tasks.ends.data[i], endMs), name, cat: "task", args: taskArgs(model, track, i) });
  }
  parents.sort((a, b) => a.start - b.start || b.end - a.end);
  const stack: Parent[] = [];
  for (const p of parents) {
    while (stack.length > 0 && stack[stack.length - 1].end <= p.start) stack.pop();
    if (stack.length > 0) p.end = Math.min(p.end, stack[stack.length - 1].end);
    stack.push(p);
  }
  return parents;
}

export function threadSlices(model: TraceModel, track: ThreadTrack, endMs: number): Slice[] {
  const slices: Slice[] = [];
  const recordedMs = Math.min(endMs, model.cappedAtMs ?? Infinity);
  const parents = parentsOf(model, track, recordedMs).filter((p) => p.start < recordedMs);
  const cuts = Float64Array.from(new Set(parents.flatMap((p) => [toUs(p.start), toUs(p.end)]))).sort();
  for (const p of parents) {
    const ts = toUs(p.start);
    slices.push({ ts, dur: Math.max(0, toUs(p.end) - ts), name: p.name, cat: p.cat, ...(p.args ? { args: p.args } : {}) });
  }
  const { times, states } = track;
  const n = states.length;
  for (let i = 0; i < n; i++) {
    const state = states.data[i];
    if (state >= ThreadState.Done) break;
    const from = toUs(times.data[i]);
    const to = toUs(Math.min(i + 1 < n ? times.data[i + 1] : endMs, recordedMs));
    if (!(to > from)) continue;
    const target = waitTargetName(model, track.objects.data[i]);
    const name = stateName(state);
    const args = target ? { on: target } : undefined;
    let at = from;
    // Cut at every parent boundary strictly inside (from, to).
    for (let c = upperBound(cuts, cuts.length, from); c < cuts.length && cuts[c] < to; c++) {
      slices.push({ ts: at, dur: cuts[c] - at, name, cat: "state", args });
      at = cuts[c];
    }
    slices.push({ ts: at, dur: to - at, name, cat: "state", args });
  }
  const lifeEndMs = Number.isNaN(track.endedMs) ? endMs : track.endedMs;
  if (model.cappedAtMs !== null && lifeEndMs > recordedMs && !Number.isNaN(track.startedMs)) {
    const why = model.traceCut ? "the run ended before this part of its trace reached the page" : "the trace is full";
    const ts = toUs(Math.max(recordedMs, track.startedMs));
    slices.push({ ts, dur: Math.max(0, toUs(lifeEndMs) - ts), name: "not recorded", cat: "unrecorded", args: { why } });
  }
  return slices;
}
