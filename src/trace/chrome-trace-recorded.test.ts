// The exported trace of real runs (recorded/*.json: the event streams two
// snippets really produced in Chromium, replayed into a model), checked as
// Perfetto reads it: slices that nest per thread, flows whose two ends
// exist once each, sit inside their threads' state slices and go forward
// in time, counters per queue, and the snippet's own names throughout.
import { describe, expect, it } from "vitest";
import { THREAD_STATE_NAMES } from "./events";
import { toChromeTrace, SHARED_PID, type ChromeTrace, type ChromeTraceEvent } from "./chrome-trace";
import { loadRecordedRun, replay } from "./recorded-run";

function exported(name: string): ChromeTrace {
  const run = loadRecordedRun(name);
  return toChromeTrace(replay(run), { endMs: run.durationMs, output: run.output });
}

const byTrack = (events: ChromeTraceEvent[]) => {
  const tracks = new Map<string, ChromeTraceEvent[]>();
  for (const e of events) tracks.set(`${e.pid}/${e.tid}`, [...(tracks.get(`${e.pid}/${e.tid}`) ?? []), e]);
  return tracks;
};

/** Slices of one track nest or are disjoint: a stack over (ts asc, dur desc). */
function nests(slices: ChromeTraceEvent[]): boolean {
  const sorted = [...slices].sort((a, b) => a.ts! - b.ts! || b.dur! - a.dur!);
  const stack: number[] = [];
  for (const s of sorted) {
    while (stack.length > 0 && stack[stack.length - 1] <= s.ts! + 1e-6) stack.pop();
    const end = s.ts! + s.dur!;
    if (stack.length > 0 && end > stack[stack.length - 1] + 1e-6) return false;
    stack.push(end);
  }
  return true;
}

/** Structure every export must have, whatever the run did. */
function checkStructure(trace: ChromeTrace): void {
  const ev = trace.traceEvents;
  for (const [key, slices] of byTrack(ev.filter((e) => e.ph === "X"))) expect(nests(slices), key).toBe(true);
  const states = ev.filter((e) => e.ph === "X" && e.cat === "state");
  expect(new Set(states.map((e) => e.name)).size).toBeGreaterThan(1);
  for (const s of states) expect(THREAD_STATE_NAMES).toContain(s.name);

  const ends = ev.filter((e) => e.bind_id !== undefined);
  const ids = new Set(ends.map((e) => e.bind_id));
  expect(ids.size).toBe(trace.otherData.flows);
  for (const id of ids) {
    const pair = ends.filter((e) => e.bind_id === id);
    expect(pair.map((e) => (e.flow_out ? "out" : "in")), `flow ${id}`).toEqual(["out", "in"]);
    expect(pair[0].ts!, `flow ${id} goes forward`).toBeLessThanOrEqual(pair[1].ts!);
    for (const end of pair) {
      // Strictly inside one state slice of its own thread, so it nests under it.
      const home = states.filter((s) => s.tid === end.tid && s.ts! < end.ts! && end.ts! < s.ts! + s.dur!);
      expect(home.length, `${end.name} at ${end.ts} on ${end.tid}`).toBe(1);
    }
  }
}

const threadNames = (trace: ChromeTrace) =>
  new Map(trace.traceEvents.filter((e) => e.ph === "M" && e.name === "thread_name").map((e) => [e.tid!, e.args!.name as string]));

describe("the exported trace of a real run: two workers take turns on lockA, a Producer feeds a Consumer through jobs (FIFO) and stack (LIFO), a pool squares five numbers", () => {
  const trace = exported("locks-queues-pool");
  const ev = trace.traceEvents;
  const names = threadNames(trace);

  it("has nesting slices, state slices named as the timeline names them, and well-formed flows", () => checkStructure(trace));

  it("names lanes and objects as the snippet did", () => {
    expect([...names.values()]).toEqual(expect.arrayContaining(["MainThread", "Thread-1", "Thread-2", "Producer", "Consumer", "lockA"]));
    expect(new Set(ev.filter((e) => e.ph === "C").map((e) => e.name))).toEqual(new Set(["jobs", "stack", "pool"]));
  });

  it("links every change of lockA's holder, as the lock's own track shows it, from the releaser to the next holder", () => {
    const holders = ev.filter((e) => e.pid === SHARED_PID && names.get(e.tid!) === "lockA" && e.ph === "X").map((e) => e.args!.holder);
    const changes = holders.slice(1).flatMap((h, i) => (h !== holders[i] ? [[holders[i], h]] : []));
    expect(changes.length).toBeGreaterThan(0);
    const acquires = ev.filter((e) => e.name === "acquire lockA");
    expect(acquires.map((e) => [e.args!.from, names.get(e.tid!)])).toEqual(changes);
    // Both turns followed a blocked wait (the barrier sends both threads at the lock at once).
    expect(acquires.every((e) => e.args!.waited === true)).toBe(true);
  });

  it("links the k-th put on jobs to its k-th get, and nothing on the LIFO stack (its order is not recorded)", () => {
    const puts = ev.filter((e) => e.name === "put jobs");
    const gets = ev.filter((e) => e.name === "get jobs");
    expect(puts.map((e) => names.get(e.tid!))).toEqual(["Producer", "Producer", "Producer", "Producer"]);
    expect(gets.map((e) => names.get(e.tid!))).toEqual(["Consumer", "Consumer", "Consumer", "Consumer"]);
    expect(gets.map((e) => e.bind_id)).toEqual(puts.map((e) => e.bind_id));
    expect(ev.some((e) => e.bind_id !== undefined && e.name.endsWith(" stack"))).toBe(false);
    expect(trace.otherData.unlinked).toEqual([{ object: "stack", reason: expect.stringContaining("LIFO") }]);
  });

  it("counts queue depth at every put and get, and the pool's pending tasks down to zero", () => {
    const jobs = ev.filter((e) => e.ph === "C" && e.name === "jobs").map((e) => e.args!.depth);
    expect(jobs).toEqual([1, 2, 3, 4, 3, 2, 1, 0]);
    const pending = ev.filter((e) => e.ph === "C" && e.name === "pool").map((e) => e.args!.pending);
    expect(pending.at(-1)).toBe(0);
    expect(Math.max(...(pending as number[]))).toBe(5);
  });
});

describe("the exported trace of a real run: two readers and a writer share an RWLock, a Sender pipes three messages to MainThread, a PriorityQueue", () => {
  const trace = exported("rwlock-pipe-priority");
  const ev = trace.traceEvents;
  const names = threadNames(trace);

  it("has nesting slices, state slices named as the timeline names them, and well-formed flows", () => checkStructure(trace));

  it("links the writer to the readers that came after it, and no reader to another", () => {
    const acquires = ev.filter((e) => e.name === "acquire table");
    expect(acquires.map((e) => [e.args!.from, names.get(e.tid!)])).toEqual([["Writer", "Reader-1"], ["Writer", "Reader-2"]]);
  });

  it("links each send on the pipe to its recv, and nothing on the PriorityQueue", () => {
    expect(ev.filter((e) => e.name === "send Pipe 1").map((e) => names.get(e.tid!))).toEqual(["Sender", "Sender", "Sender"]);
    expect(ev.filter((e) => e.name === "recv Pipe 1").map((e) => names.get(e.tid!))).toEqual(["MainThread", "MainThread", "MainThread"]);
    expect(trace.otherData.unlinked).toEqual([{ object: "urgent", reason: expect.stringContaining("priority") }]);
  });
});
