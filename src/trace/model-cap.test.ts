// The trace's cap: past eventCap the model counts instead of keeping, so
// the figures stay exact while what is drawn stops at the cap.
import { describe, expect, it } from "vitest";
import { EventKind, ThreadState } from "./events";
import { TraceModel } from "./model";
import { ObjKind, objRef } from "./object-kinds";

const LOCK = objRef(ObjKind.Lock, 1);
const QUEUE = objRef(ObjKind.Queue, 2);

/** Two threads taking LOCK in turn `rounds` times, one putting and one getting; 10 ms per round. */
function contended(cap: number, rounds: number): TraceModel {
  const m = new TraceModel();
  m.eventCap = cap;
  m.addThread(1, "Thread-1", "thread", 1000);
  m.addThread(2, "Thread-2", "thread", 1000);
  m.add(1, 0, EventKind.State, ThreadState.Running, 0);
  m.add(2, 0, EventKind.State, ThreadState.Running, 0);
  for (let r = 0; r < rounds; r++) {
    const t = r * 10;
    m.add(1, t, EventKind.LockAcquired, 0, LOCK);
    m.add(2, t + 1, EventKind.State, ThreadState.Blocked, LOCK);
    m.add(1, t + 4, EventKind.LockReleased, 0, LOCK);
    m.add(1, t + 4, EventKind.QueuePut, 1, QUEUE);
    m.add(2, t + 5, EventKind.State, ThreadState.Running, 0);
    m.add(2, t + 5, EventKind.LockAcquired, 0, LOCK);
    m.add(2, t + 7, EventKind.LockReleased, 0, LOCK);
    m.add(2, t + 7, EventKind.QueueGet, 0, QUEUE);
  }
  m.add(1, rounds * 10, EventKind.State, ThreadState.Done, 0);
  m.add(2, rounds * 10, EventKind.State, ThreadState.Done, 0);
  return m;
}

describe("the trace's cap", () => {
  it("keeps every figure exact past the cap, and says where recording stopped", () => {
    const full = contended(1e9, 100);
    const capped = contended(200, 100);
    expect(full.cappedAtMs).toBeNull();
    expect(capped.cappedAtMs).not.toBeNull();
    expect(capped.cappedAtMs!).toBeLessThan(300);
    expect(capped.eventCount).toBe(full.eventCount);
    expect(capped.unrecordedEvents).toBe(full.eventCount - 200);
    // What Stats and RunResult read, the same either way.
    const figures = (m: TraceModel) => ({
      threads: [...m.threads.values()].map((t) => m.stateTotals(t, 1000)),
      lock: (({ acquisitions, contended, longestWaitMs, longestHoldMs, totalHoldMs }) => ({ acquisitions, contended, longestWaitMs, longestHoldMs, totalHoldMs }))(m.locks.get(LOCK)!),
      queue: (({ putCount, getCount, maxDepth }) => ({ putCount, getCount, maxDepth }))(m.queues.get(QUEUE)!),
    });
    expect(figures(capped)).toEqual(figures(full));
    expect(figures(capped).lock).toEqual({ acquisitions: 200, contended: 100, longestWaitMs: 4, longestHoldMs: 4, totalHoldMs: 600 });
    expect(figures(capped).queue).toEqual({ putCount: 100, getCount: 100, maxDepth: 1 });
  });

  it("stops the drawn lists at the cap but still ends each lane where its thread ended", () => {
    const capped = contended(200, 100);
    const lock = capped.locks.get(LOCK)!;
    const held = [...lock.holds.values()].reduce((n, list) => n + list.length, 0);
    expect(held).toBeLessThan(100);
    for (const list of lock.holds.values()) expect(list.isOpen()).toBe(false);
    const t1 = capped.threads.get(1)!;
    expect(t1.states.data[t1.states.length - 1]).toBe(ThreadState.Done);
    expect(t1.times.data[t1.states.length - 1]).toBe(1000);
    expect(capped.queues.get(QUEUE)!.puts.length).toBeLessThan(100);
  });

  it("knows when a thread that starts past the cap started, though its lane keeps only its end", () => {
    const capped = contended(200, 100);
    capped.addThread(3, "Thread-3", "thread", 1000);
    capped.add(3, 1200, EventKind.State, ThreadState.Starting, 0);
    capped.add(3, 1210, EventKind.State, ThreadState.Running, 0);
    capped.add(3, 1300, EventKind.State, ThreadState.Done, 0);
    const t3 = capped.threads.get(3)!;
    expect(t3.states.length).toBe(1);
    expect(capped.figures(t3, 2000)).toMatchObject({ startMs: 1200, endMs: 1300, runningMs: 90 });
  });
});

describe("a trace cut at a run's end (a Stop dropped what had not reached the page)", () => {
  /** Thread-1 and Thread-2, and the states that reached the page: [thread, ms, state]. */
  const taken = (states: [ident: number, tMs: number, state: ThreadState][]) => {
    const m = new TraceModel();
    m.addThread(1, "Thread-1", "thread", 1000);
    m.addThread(2, "Thread-2", "thread", 1000);
    for (const [ident, tMs, state] of states) m.add(ident, tMs, EventKind.State, state, 0);
    return m;
  };

  it("hatches past the last event taken in and counts no thread's time after it", () => {
    // Thread-1 was last seen sleeping at 1 ms, Thread-2 running at 2; the rest was dropped; the run stopped at 10.
    const m = taken([[1, 0, ThreadState.Running], [1, 1, ThreadState.Sleeping], [2, 0, ThreadState.Running], [2, 2, ThreadState.Running]]);
    m.cutAt(Infinity);
    m.finish(1, 10, ThreadState.Stopped);
    m.finish(2, 10, ThreadState.Stopped);
    expect(m.cappedAtMs).toBe(2);
    expect(m.traceCut).toBe(true);
    const one = m.stateTotals(m.threads.get(1)!, 10);
    const two = m.stateTotals(m.threads.get(2)!, 10);
    // each ends where it was stopped, but its last state is counted only up to the cut
    expect([one.endMs, one.ms[ThreadState.Running], one.ms[ThreadState.Sleeping]]).toEqual([10, 1, 1]);
    expect([two.endMs, two.ms[ThreadState.Running]]).toEqual([10, 2]);
  });

  it("hatches from the first dropped event when that came before the last event taken in: no thread is drawn on in a state it may have left", () => {
    // Thread-1 went to sleep at 1 ms and its wake-up at 3 was dropped; Thread-2's events up to 8 reached the page.
    const m = taken([
      [1, 0, ThreadState.Running], [1, 1, ThreadState.Sleeping],
      [2, 0, ThreadState.Running], [2, 8, ThreadState.Blocked], [2, 9, ThreadState.Done],
    ]);
    m.cutAt(3);
    m.finish(1, 10, ThreadState.Stopped);
    m.finish(2, 10, ThreadState.Stopped);
    expect(m.cappedAtMs).toBe(3);
    const one = m.stateTotals(m.threads.get(1)!, 10);
    // asleep from 1 to the cut at 3, and nothing after: not the 9 ms a cut at 8 counted
    expect(one.ms[ThreadState.Sleeping]).toBe(2);
    expect(one.endMs).toBe(10);
    // Thread-2's later events did arrive: it ended Done at 9, but only its time up to the cut is counted
    const two = m.figures(m.threads.get(2)!, 10);
    expect([two.runningMs, two.blockedMs, two.endMs, two.finalState]).toEqual([3, 0, 9, ThreadState.Done]);
  });

  it("a cut before the cap (or an earlier cut) moves the record's end back to it; one after changes nothing", () => {
    const m = contended(40, 10);
    const capped = m.cappedAtMs!;
    expect(capped).toBeGreaterThan(7);
    m.cutAt(capped + 5);
    expect(m.cappedAtMs).toBe(capped);
    m.cutAt(7);
    expect(m.cappedAtMs).toBe(7);
    expect(m.traceCut).toBe(true);
    m.cutAt(9);
    expect(m.cappedAtMs).toBe(7);
  });

  it("a thread the runner ended before the cut keeps its end: its times are not counted on to the cut", () => {
    // Thread-2's events reached the page up to 4000 ms, so the cut at 400 comes before them
    const m = taken([[1, 0, ThreadState.Running], [1, 50, ThreadState.Running], [2, 0, ThreadState.Running], [2, 4000, ThreadState.Sleeping]]);
    // Thread-1 terminated at 100 (the runner's word, applied before the cut as the session does)
    m.finish(1, 100, ThreadState.Stopped);
    m.cutAt(400);
    expect(m.cappedAtMs).toBe(400);
    const one = m.figures(m.threads.get(1)!, 1000);
    expect([one.runningMs, one.endMs]).toEqual([100, 100]);
  });

  it("a dropped moment the run's memory made up (negative, not a number) cuts at the last event, as if none was said", () => {
    for (const claimed of [-5, NaN]) {
      const m = new TraceModel();
      m.addThread(1, "Thread-1", "thread", 1000);
      m.add(1, 0, EventKind.State, ThreadState.Running, 0);
      m.add(1, 4, EventKind.State, ThreadState.Sleeping, 0);
      m.cutAt(claimed);
      expect(m.cappedAtMs).toBe(4);
    }
  });
});
