// The exported trace's structure, as Perfetto and chrome://tracing need it:
// named processes and threads, slices that nest per thread, flows whose
// start and finish share an id, counters and instants.
import { describe, expect, it } from "vitest";
import { EventKind, ThreadState } from "./events";
import { QUEUE_GET_KIND, QUEUE_PUT_KIND, TraceModel } from "./model";
import { ObjKind, objRef } from "./object-kinds";
import { SHARED_PID, toChromeTrace, type ChromeTraceEvent } from "./chrome-trace";

const S = EventKind.State;
const lockRef = (n: number) => objRef(ObjKind.Lock, n);
const queueRef = (n: number) => objRef(ObjKind.Queue, n);
const poolRef = (n: number) => objRef(ObjKind.Pool, n);
const labelRef = (n: number) => objRef(ObjKind.Label, n);

/** Scenario: MainThread puts two items that Thread-1 gets, inside a span, while both take a lock; a pool worker runs a task. */
function scenario(): TraceModel {
  const m = new TraceModel();
  m.addThread(1, "MainThread", "main", 1000);
  m.addThread(2, "Thread-1", "thread", 1000);
  m.addThread(3, "PoolWorker-1", "pool-worker", 1001);
  m.labels.set(labelRef(50), "produce");
  m.add(1, 0, S, ThreadState.Running, 0);
  m.add(1, 1, EventKind.SpanBegin, 0, labelRef(50));
  m.add(1, 1.5, EventKind.LockAcquired, 0, lockRef(9));
  m.add(1, 2, QUEUE_PUT_KIND, 1, queueRef(7));
  m.add(1, 2.5, S, ThreadState.Sleeping, 0);
  m.add(1, 3, S, ThreadState.Running, 0);
  m.add(1, 3.2, EventKind.LockReleased, 0, lockRef(9));
  m.add(1, 3.5, QUEUE_PUT_KIND, 2, queueRef(7));
  m.add(1, 4, EventKind.SpanEnd, 0, labelRef(50));
  m.add(1, 4.5, EventKind.Mark, 0, labelRef(50));
  m.add(1, 9, S, ThreadState.Done, 0);
  m.add(2, 0.5, S, ThreadState.Running, 0);
  m.add(2, 2, S, ThreadState.Blocked, lockRef(9));
  m.add(2, 3.3, S, ThreadState.Running, 0);
  m.add(2, 3.3, EventKind.LockAcquired, 0, lockRef(9));
  m.add(2, 3.4, EventKind.LockReleased, 0, lockRef(9));
  m.add(2, 4, QUEUE_GET_KIND, 1, queueRef(7));
  m.add(2, 5, QUEUE_GET_KIND, 0, queueRef(7));
  m.add(2, 6, S, ThreadState.Done, 0);
  m.add(3, 0.2, S, ThreadState.Running, 0);
  m.add(3, 1, EventKind.PoolPending, 1, poolRef(20));
  m.add(3, 1, EventKind.PoolTaskStart, 0, poolRef(20));
  m.add(3, 2, S, ThreadState.Sleeping, 0);
  m.add(3, 2.5, S, ThreadState.Running, 0);
  m.add(3, 3, EventKind.PoolTaskEnd, 0, poolRef(20));
  m.add(3, 4, S, ThreadState.Done, 0);
  return m;
}

/** Slices of one track nest or are disjoint: check with a stack over (ts asc, dur desc). */
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

describe("toChromeTrace", () => {
  const trace = toChromeTrace(scenario(), { endMs: 10, output: [{ thread: "Thread-1", text: "got 1", t: 4.1 }] });
  const ev = trace.traceEvents;

  it("names processes and threads as Python does", () => {
    const names = (n: string) => ev.filter((e) => e.ph === "M" && e.name === n).map((e) => e.args!.name);
    expect(names("process_name")).toEqual(["MainProcess", "PoolWorker-1", "Locks, queues and pools"]);
    expect(names("thread_name")).toEqual(expect.arrayContaining(["MainThread", "Thread-1", "PoolWorker-1", "Lock 9"]));
  });

  it("emits µs slices per state that nest or do not overlap on every thread", () => {
    const x = ev.filter((e) => e.ph === "X");
    const tracks = new Map<string, ChromeTraceEvent[]>();
    for (const e of x) tracks.set(`${e.pid}/${e.tid}`, [...(tracks.get(`${e.pid}/${e.tid}`) ?? []), e]);
    for (const [key, slices] of tracks) expect(nests(slices), key).toBe(true);
    const span = x.find((e) => e.name === "produce")!;
    expect([span.ts, span.dur]).toEqual([1000, 3000]);
    // The running state around the span's start is cut there.
    expect(x.filter((e) => e.tid === 1 && e.name === "running").map((e) => e.ts)).toEqual([0, 1000, 3000, 4000]);
    expect(x.find((e) => e.name === "task #0")).toMatchObject({ pid: 1001, tid: 3, ts: 1000, dur: 2000 });
    expect(x.find((e) => e.tid === 2 && e.name === "blocked on a lock")!.args).toEqual({ on: "Lock 9" });
  });

  it("draws lock holds on the lock's track without overlap", () => {
    const holds = ev.filter((e) => e.ph === "X" && e.pid === SHARED_PID && e.tid === lockRef(9));
    expect(holds.map((e) => e.name)).toEqual(["held by MainThread", "held by Thread-1"]);
    expect(holds[1].args).toMatchObject({ holder: "Thread-1" });
    expect(nests(holds)).toBe(true);
  });

  it("puts an RWLock's readers holding it together on tracks of their own, at their own times", () => {
    // The learner review's case: R1 reads 15-80 and R2 16-79; on one track R2 was pushed to a 0 ms hold at 80.
    const m = new TraceModel();
    m.addThread(1, "MainThread", "main", 1);
    m.addThread(2, "R1", "thread", 1);
    m.addThread(3, "R2", "thread", 1);
    const db = objRef(ObjKind.RWLock, 4);
    m.nameObject(db, "db");
    m.add(2, 15, EventKind.LockAcquired, 1, db);
    m.add(3, 16, EventKind.LockAcquired, 1, db);
    m.add(3, 79, EventKind.LockReleased, 0, db);
    m.add(2, 80, EventKind.LockReleased, 0, db);
    m.add(1, 90, EventKind.LockAcquired, 0, db);
    m.add(1, 95, EventKind.LockReleased, 0, db);
    const out = toChromeTrace(m, { endMs: 100, output: [] }).traceEvents;
    const names = new Map(out.filter((e) => e.ph === "M" && e.name === "thread_name" && e.pid === SHARED_PID).map((e) => [e.tid, e.args!.name]));
    const holds = out.filter((e) => e.ph === "X" && e.cat === "lock").map((e) => [names.get(e.tid), e.name, e.ts, e.dur]);
    expect(holds).toEqual([
      ["db", "held by MainThread", 90_000, 5_000],
      ["db (read by R1)", "held by R1", 15_000, 65_000],
      ["db (read by R2)", "held by R2", 16_000, 63_000],
    ]);
  });

  it("joins each lock hand-over and each queue item with a flow between two zero-length slices", () => {
    const ends = ev.filter((e) => e.bind_id !== undefined);
    expect(ends.map((e) => [e.name, e.tid, e.ts, e.flow_out ? "out" : "in"])).toEqual([
      // MainThread released Lock 9 at 3.2 ms; Thread-1, blocked on it, took it at 3.3 ms: placed a ns inside its new "running" slice.
      ["release Lock 9", 1, 3200, "out"],
      ["acquire Lock 9", 2, 3300.001, "in"],
      ["put Queue 7", 1, 2000, "out"],
      ["get Queue 7", 2, 4000, "in"],
      ["put Queue 7", 1, 3500, "out"],
      ["get Queue 7", 2, 5000, "in"],
    ]);
    expect(ends.every((e) => e.ph === "X" && e.dur === 0)).toBe(true);
    expect(ends.find((e) => e.name === "acquire Lock 9")!.args).toEqual({ from: "MainThread", waited: true });
    expect(trace.otherData.flows).toBe(3);
  });

  it("has counters named for Perfetto (\"<object> <figure>\") for queue depth and pool pending, and instants for marks, prints and final states", () => {
    const counters = ev.filter((e) => e.ph === "C");
    expect(counters.filter((e) => e.name === "Queue 7").map((e) => e.args!.depth)).toEqual([1, 2, 1, 0]);
    expect(counters.find((e) => e.name === "Pool 20")!.args).toEqual({ pending: 1 });
    const instants = ev.filter((e) => e.ph === "i");
    expect(instants.find((e) => e.cat === "mark")).toMatchObject({ name: "produce", ts: 4500, tid: 1 });
    expect(instants.find((e) => e.cat === "print")).toMatchObject({ tid: 2, args: { text: "got 1" } });
    expect(instants.filter((e) => e.cat === "state").map((e) => e.name)).toEqual(["done", "done", "done"]);
  });

  it("names a chunk of map's slice by its items, as the timeline does, with its pool and chunksize in args", () => {
    const m = scenario();
    m.labels.set(poolRef(20), "pool");
    m.labels.set(labelRef(51), "square(item)");
    // After the call: the last chunk of 13 items by 4, then two items of a map that chose chunksize 2.
    m.add(3, 3, EventKind.PoolChunk, 1, 4);
    m.add(3, 3, EventKind.PoolTaskLabel, 0, labelRef(51));
    m.add(3, 3, EventKind.PoolTaskStart, 12, poolRef(20));
    m.add(3, 3.5, EventKind.PoolTaskEnd, 12, poolRef(20));
    m.add(3, 3.5, EventKind.PoolChunk, 2, -2);
    m.add(3, 3.5, EventKind.PoolTaskStart, 2, poolRef(20));
    m.add(3, 3.9, EventKind.PoolTaskEnd, 2, poolRef(20));
    const tasks = toChromeTrace(m, { endMs: 10 }).traceEvents.filter((e) => e.cat === "task");
    expect(tasks.map((e) => [e.name, e.args])).toEqual([
      ["task #0", { pool: "pool" }],
      ["item 12", { pool: "pool", runs: "square(item)", items: 1, chunksize: 4 }],
      ["items 2–3", { pool: "pool", items: 2, chunksize: 2, chunksize_by: "map: the items ÷ (4 × the workers), rounded up" }],
    ]);
  });

  it("is plain JSON", () => {
    expect(JSON.parse(JSON.stringify(trace))).toEqual(trace);
  });
});

describe("past the end of the record", () => {
  it("cuts the states and the holds that straddle it, and says the rest of each thread's life was not recorded", () => {
    // Thread-1 takes the lock at 1 and sleeps from 2; the run is stopped at 10, its trace taken in up to 3 only.
    const m = new TraceModel();
    m.addThread(1, "Thread-1", "thread", 1000);
    m.labels.set(labelRef(1), "lockA");
    m.add(1, 0, S, ThreadState.Running, 0);
    m.add(1, 1, EventKind.LockAcquired, 0, lockRef(1));
    m.add(1, 2, S, ThreadState.Sleeping, 0);
    m.add(1, 3, EventKind.Mark, 0, labelRef(1));
    m.cutAt(Infinity);
    m.finish(1, 10, ThreadState.Stopped);
    const events = toChromeTrace(m, { endMs: 10 }).traceEvents;
    const mine = events.filter((e) => e.ph === "X" && e.pid === 1000 && e.tid === 1).map((e) => [e.name, e.ts, e.ts! + e.dur!]);
    expect(mine).toEqual([["running", 0, 2000], ["sleeping", 2000, 3000], ["not recorded", 3000, 10_000]]);
    const holds = events.filter((e) => e.ph === "X" && e.pid === SHARED_PID && e.cat === "lock").map((e) => [e.ts, e.ts! + e.dur!]);
    expect(holds).toEqual([[1000, 3000]]);
  });
});
