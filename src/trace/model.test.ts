// The trace model: what the timeline reads, built from events in the order
// the page drains them (one thread's batch after another's).
import { describe, expect, it } from "vitest";
import { EventKind, ThreadState } from "./events";
import { QUEUE_GET_KIND, QUEUE_PUT_KIND, TraceModel } from "./model";
import { ObjKind, objRef } from "./object-kinds";

const S = EventKind.State;
const lockRef = (n: number) => objRef(ObjKind.Lock, n);
const queueRef = (n: number) => objRef(ObjKind.Queue, n);
const poolRef = (n: number) => objRef(ObjKind.Pool, n);
const labelRef = (n: number) => objRef(ObjKind.Label, n);

function twoThreads(): TraceModel {
  const m = new TraceModel();
  m.addThread(1, "MainThread", "main", 1000);
  m.addThread(2, "Thread-1", "thread", 1000);
  return m;
}

describe("TraceModel", () => {
  it("keeps per-thread figures as RunResult reports them", () => {
    const m = twoThreads();
    m.add(1, 0, S, ThreadState.Running, 0);
    m.add(1, 4, S, ThreadState.Sleeping, 0);
    m.add(1, 10, S, ThreadState.Running, 0);
    m.add(1, 12, S, ThreadState.Done, 0);
    const f = m.figures(m.threads.get(1)!, 20);
    expect(f).toEqual({ startMs: 0, endMs: 12, runningMs: 6, blockedMs: 6, finalState: ThreadState.Done });
    expect(m.maxMs).toBe(12);
  });

  it("marks a print on its writer's lane by ident; by name only when no other thread has that name", () => {
    const m = new TraceModel();
    m.addThread(1, "MainThread", "main", 1);
    m.addThread(2, "MainThread", "thread", 1);
    m.addThread(3, "worker", "thread", 1);
    m.addPrint("MainThread", 5, 1);
    m.addPrint("MainThread", 6);
    m.addPrint("worker", 7);
    const prints = (ident: number) => { const p = m.threads.get(ident)!.prints; return Array.from(p.data.subarray(0, p.length)); };
    expect([1, 2, 3].map(prints)).toEqual([[5], [], [7]]);
  });

  it("counts the threads running now, as states come and go (a repeated running is still one)", () => {
    const m = twoThreads();
    m.add(1, 0, S, ThreadState.Running, 0);
    m.add(2, 1, S, ThreadState.Starting, 0);
    expect(m.runningNow).toBe(1);
    m.add(2, 2, S, ThreadState.Running, 0);
    m.add(2, 3, S, ThreadState.Running, 0);
    expect(m.runningNow).toBe(2);
    m.add(1, 4, S, ThreadState.Blocked, lockRef(7));
    expect(m.runningNow).toBe(1);
    m.add(2, 5, S, ThreadState.Done, 0);
    m.finish(1, 6, ThreadState.Stopped);
    expect(m.runningNow).toBe(0);
  });

  it("builds lock holds and waits, and marks the acquisition after a blocked wait as contended", () => {
    const m = twoThreads();
    // Thread-1's batch is drained first, though MainThread held the lock first.
    m.add(2, 1, S, ThreadState.Running, 0);
    m.add(2, 2, S, ThreadState.Blocked, lockRef(7));
    m.add(2, 5, S, ThreadState.Running, 0);
    m.add(2, 5, EventKind.LockAcquired, 0, lockRef(7));
    m.add(2, 6, EventKind.LockReleased, 0, lockRef(7));
    m.add(1, 0, S, ThreadState.Running, 0);
    m.add(1, 1, EventKind.LockAcquired, 0, lockRef(7));
    m.add(1, 4.9, EventKind.LockReleased, 0, lockRef(7));
    const lock = m.locks.get(lockRef(7))!;
    expect(lock.acquisitions).toBe(2);
    expect(lock.contended).toBe(1);
    expect(lock.longestWaitMs).toBe(3);
    expect(lock.longestHoldMs).toBeCloseTo(3.9, 9);
    const t1 = lock.holds.get(2)!;
    expect([t1.starts.data[0], t1.ends.data[0], t1.extra(0)]).toEqual([5, 6, 2]);
    expect(Number.isNaN(lock.holds.get(1)!.extra(0))).toBe(true);
    expect(lock.previousHolder(2, 6)).toEqual({ ident: 1, endMs: 4.9 });
    expect(lock.holdsDuring(3, 5.5, 2, 4)).toEqual({ first: [{ ident: 1, startMs: 1, endMs: 4.9 }], total: 1 });
  });

  it("marks a Condition's re-acquire contended though its nested waits each said 'running' before it", () => {
    // Condition.wait: waiting on the condition, then blocked on its lock; both waits end with a "running".
    const m = twoThreads();
    m.add(2, 1, S, ThreadState.Running, 0);
    m.add(2, 2, S, ThreadState.Blocked, lockRef(7));
    m.add(2, 5, S, ThreadState.Running, 0);
    m.add(2, 5, S, ThreadState.Running, 0);
    m.add(2, 5, EventKind.LockAcquired, 0, lockRef(7));
    expect(m.locks.get(lockRef(7))!.contended).toBe(1);
  });

  it("counts the pairs a ring folded into a release as events, and apart as folded", () => {
    const m = twoThreads();
    m.add(1, 1, EventKind.LockAcquired, 0, lockRef(7));
    m.add(1, 1, EventKind.LockReleased, 999, lockRef(7));
    expect(m.eventCount).toBe(2 + 2 * 999);
    expect(m.foldedEvents).toBe(2 * 999);
    expect(m.locks.get(lockRef(7))!.acquisitions).toBe(1000);
    expect(m.locks.get(lockRef(7))!.holds.get(1)!.length).toBe(1);
  });

  it("counts an RLock's nested acquisitions once", () => {
    const m = twoThreads();
    const rlock = objRef(ObjKind.RLock, 3);
    m.add(1, 1, EventKind.LockAcquired, 0, rlock);
    m.add(1, 2, EventKind.LockAcquired, 0, rlock);
    m.add(1, 3, EventKind.LockReleased, 0, rlock);
    const lock = m.locks.get(rlock)!;
    expect(lock.acquisitions).toBe(1);
    expect(lock.holds.get(1)!.ends.data[0]).toBe(3);
  });

  it("does not call an acquire contended when a timed-out wait came before other events", () => {
    const m = twoThreads();
    m.add(1, 0, S, ThreadState.Blocked, lockRef(4));
    m.add(1, 2, S, ThreadState.Running, 0);
    m.add(1, 3, EventKind.Mark, 0, labelRef(9));
    m.add(1, 4, EventKind.LockAcquired, 0, lockRef(4));
    expect(m.locks.get(lockRef(4))!.contended).toBe(0);
  });

  it("keeps queue puts and gets sorted across threads, so the k-th put pairs with the k-th get", () => {
    const m = twoThreads();
    m.add(2, 3, QUEUE_GET_KIND, 0, queueRef(5));
    m.add(2, 7, QUEUE_GET_KIND, 0, queueRef(5));
    m.add(1, 1, QUEUE_PUT_KIND, 1, queueRef(5));
    m.add(1, 2, QUEUE_PUT_KIND, 2, queueRef(5));
    const q = m.queues.get(queueRef(5))!;
    q.puts.ensureSorted();
    q.gets.ensureSorted();
    expect(Array.from(q.puts.times.data.subarray(0, 2))).toEqual([1, 2]);
    expect(Array.from(q.gets.times.data.subarray(0, 2))).toEqual([3, 7]);
    expect(q.maxDepth).toBe(2);
  });

  it("records pool tasks on the worker's track and the pool's utilisation", () => {
    const m = twoThreads();
    m.add(2, 0, EventKind.PoolPending, 2, poolRef(9));
    m.add(2, 0, EventKind.PoolTaskStart, 0, poolRef(9));
    m.add(2, 4, EventKind.PoolTaskEnd, 0, poolRef(9));
    m.add(2, 4, EventKind.PoolTaskStart, 1, poolRef(9));
    m.add(2, 8, EventKind.PoolTaskEnd, 1, poolRef(9));
    const pool = m.pools.get(poolRef(9))!;
    expect(pool.tasks).toBe(2);
    expect(pool.utilisation()).toBe(1);
    expect(m.threads.get(2)!.tasks.tags.data[1]).toBe(1);
  });

  it("keeps a chunk of map's items and chunksize, and a call between chunks its own number", () => {
    const m = twoThreads();
    const task = (t: number, first: number, chunk?: [items: number, chunksize: number]) => {
      if (chunk) m.add(2, t, EventKind.PoolChunk, chunk[0], chunk[1]);
      m.add(2, t, EventKind.PoolTaskStart, first, poolRef(9));
      m.add(2, t + 1, EventKind.PoolTaskEnd, first, poolRef(9));
    };
    task(0, 0, [4, 4]);
    task(2, 0);
    // The last chunk of 13 items by 4 holds one; a chunksize map chose is negative.
    task(4, 12, [1, 4]);
    task(6, 2, [2, -2]);
    // Forged: a chunk larger than its chunksize, and the one i32 with no positive twin.
    task(8, 0, [5, 4]);
    task(10, 0, [3, -0x80000000]);
    const t = m.threads.get(2)!;
    expect(Array.from(t.tasks.tags.data.subarray(0, 6))).toEqual([0, 0, 12, 2, 0, 0]);
    expect(Array.from(t.taskItems.data.subarray(0, 6))).toEqual([4, 0, 1, 2, 5, 3]);
    expect(Array.from(t.taskChunksizes.data.subarray(0, 6))).toEqual([4, 0, 4, -2, 0, 0]);
  });

  it("nests spans by depth and closes what a stopped thread left open", () => {
    const m = twoThreads();
    m.add(1, 0, S, ThreadState.Running, 0);
    m.add(1, 1, EventKind.SpanBegin, 0, labelRef(20));
    m.add(1, 2, EventKind.SpanBegin, 0, labelRef(21));
    m.add(1, 3, EventKind.SpanEnd, 0, labelRef(21));
    m.add(1, 4, EventKind.SpanBegin, 0, labelRef(22));
    m.finish(1, 9, ThreadState.Stopped);
    const spans = m.threads.get(1)!.spans;
    expect(spans.length).toBe(2);
    expect(Array.from(spans[1].tags.data.subarray(0, 2))).toEqual([labelRef(21), labelRef(22)]);
    expect(spans[0].ends.data[0]).toBe(9);
    expect(spans[1].ends.data[1]).toBe(9);
  });

  it("adds print times to the thread of that name", () => {
    const m = twoThreads();
    m.addPrint("Thread-1", 4);
    m.addPrint("nobody", 5);
    expect(m.threads.get(2)!.prints.length).toBe(1);
  });
});
