// The model's bytes: every array counted at its capacity, and a million
// state changes cost what their three arrays hold.
import { describe, expect, it } from "vitest";
import { EventKind, ThreadState } from "./events";
import { TraceModel } from "./model";
import { heldBytes } from "./model-bytes";
import { ObjKind, objRef } from "./object-kinds";

const LOCK = objRef(ObjKind.Lock, 1);
const QUEUE = objRef(ObjKind.Queue, 2);
const POOL = objRef(ObjKind.Pool, 3);

/**
 * Every typed array reachable from `root`, found by walking its fields,
 * Maps, Sets and arrays: heldBytes lists the arrays by hand, and this is
 * what catches one a new field adds and the list forgets.
 */
function reachableBytes(root: unknown): number {
  const seen = new Set<unknown>();
  let bytes = 0;
  const visit = (v: unknown): void => {
    if (v === null || typeof v !== "object" || seen.has(v)) return;
    seen.add(v);
    if (ArrayBuffer.isView(v)) bytes += v.byteLength;
    else if (v instanceof Map) for (const x of v.values()) visit(x);
    else if (v instanceof Set || Array.isArray(v)) for (const x of v) visit(x);
    else for (const x of Object.values(v)) visit(x);
  };
  visit(root);
  return bytes;
}

/** Two threads that touch every kind of list the model keeps: states, a lock, a queue, a pool's tasks, marks, spans, asyncio tasks, GIL hand-overs, prints, wait lines. */
function busyModel(): TraceModel {
  const m = new TraceModel();
  m.mapSource = (line) => line;
  m.addThread(1, "MainThread", "main", 1000);
  m.addThread(2, "PoolWorker-1", "pool-worker", 1001);
  m.add(1, 0, EventKind.State, ThreadState.Running, 0);
  m.add(2, 0, EventKind.State, ThreadState.Running, 0);
  m.add(2, 0, EventKind.PoolWorker, 0, POOL);
  for (let i = 0; i < 100; i++) {
    const t = i * 10;
    m.add(1, t, EventKind.LockAcquired, 0, LOCK);
    m.add(2, t + 1, EventKind.State, ThreadState.Blocked, LOCK);
    m.add(2, t + 1, EventKind.SourceAt, 7, 1);
    m.add(1, t + 2, EventKind.LockReleased, 3, LOCK);
    m.add(2, t + 2, EventKind.State, ThreadState.Running, 0);
    m.add(1, t + 3, EventKind.QueuePut, 1, QUEUE);
    m.add(2, t + 3, EventKind.QueueGet, 0, QUEUE);
    m.add(1, t + 4, EventKind.PoolPending, 1, POOL);
    m.add(2, t + 4, EventKind.PoolChunk, 5, 0);
    m.add(2, t + 4, EventKind.PoolTaskLabel, 0, 9);
    m.add(2, t + 4, EventKind.PoolTaskStart, i, POOL);
    m.add(2, t + 5, EventKind.PoolTaskEnd, i, POOL);
    m.add(1, t + 5, EventKind.Mark, 0, 11);
    m.add(1, t + 5, EventKind.SpanBegin, 0, 12);
    m.add(1, t + 5, EventKind.SpanBegin, 0, 13);
    m.add(1, t + 6, EventKind.SpanEnd, 0, 13);
    m.add(1, t + 6, EventKind.SpanEnd, 0, 12);
    m.add(1, t + 6, EventKind.TaskStart, 0, 100 + i);
    m.add(1, t + 7, EventKind.TaskAwait, 0, 100 + i);
    m.add(1, t + 8, EventKind.TaskResume, 0, 100 + i);
    m.add(1, t + 9, EventKind.TaskEnd, 0, 100 + i);
    m.add(2, t + 9, EventKind.GilHandover, 50, 1);
    m.addPrint("MainThread", t + 9);
  }
  return m;
}

describe("heldBytes", () => {
  it("grows with the events a thread records, 16 bytes per state change plus the doubling's slack", () => {
    const m = new TraceModel();
    m.addThread(1, "MainThread", "main", 1000);
    const empty = heldBytes(m);
    const n = 1 << 20;
    for (let i = 0; i < n; i++) m.add(1, i, EventKind.State, i % 2 ? ThreadState.Running : ThreadState.Sleeping, 0);
    // times (f64) + states (i32) + objects (i32), each at a power-of-two capacity that holds n
    expect(heldBytes(m) - empty).toBe(16 * n - 16 * 64);
    expect((heldBytes(m) - empty) / m.eventCount).toBeLessThanOrEqual(16);
  });

  it("counts every typed array the model holds, none twice", () => {
    const m = busyModel();
    expect(m.locks.get(LOCK)?.holds.size).toBe(1);
    expect(m.threads.get(2)?.taskItems.length).toBe(100);
    expect(heldBytes(m)).toBe(reachableBytes(m));
  });
});
