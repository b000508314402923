// A trace that says a plain lock was held by two threads at once, or that
// a thread went on after its end, is said to contradict itself; what the
// runtime records never does.
import { describe, expect, it } from "vitest";
import { EventKind, ThreadState } from "./events";
import type { TraceModel } from "./model";
import { runningThreads } from "./test-threads";
import { ObjKind, objRef } from "./object-kinds";
import { checkHolds, contradictionText } from "./contradictions";
import { labelText } from "./names";

const LOCK = objRef(ObjKind.Lock, 1);
const RW = objRef(ObjKind.RWLock, 2);
const S = EventKind.State;

function model(): TraceModel {
  const m = runningThreads("MainThread", "Thread-1");
  m.labels.set(LOCK, "lockA");
  return m;
}

/** Thread `ident` holds `lock` over [from, to] (`shared`: an RWLock's read). */
function hold(m: TraceModel, ident: number, lock: number, from: number, to: number, shared = false): void {
  m.add(ident, from, EventKind.LockAcquired, shared ? 1 : 0, lock);
  m.add(ident, to, EventKind.LockReleased, 0, lock);
}

describe("contradictions", () => {
  it("finds two threads holding a Lock at once, whichever thread's events came first", () => {
    const m = model();
    hold(m, 2, LOCK, 62, 162);
    hold(m, 1, LOCK, 5, 307);
    checkHolds(m);
    expect(m.contradiction).toEqual({ kind: "two-holders", obj: LOCK, idents: [1, 2], tMs: 62 });
    expect(contradictionText(m, m.contradiction!)).toBe(
      "The trace contradicts itself: it shows lockA held by MainThread and Thread-1 at once, at 62.000 ms. " +
      "The run's code can write into what its threads record, so the timeline may not show only what happened.");
  });

  it("takes holds that only touch, readers together, and a lock released by a thread not holding it as they are", () => {
    const touching = model();
    hold(touching, 1, LOCK, 0, 10);
    hold(touching, 2, LOCK, 10, 20);
    hold(touching, 1, LOCK, 20, 30);
    const readers = model();
    hold(readers, 1, RW, 0, 10, true);
    hold(readers, 2, RW, 5, 15, true);
    // Python lets any thread release a Lock: read before the acquire it ended, the release ends nothing.
    const handedOn = model();
    handedOn.add(2, 4, EventKind.LockReleased, 0, LOCK);
    handedOn.add(1, 1, EventKind.LockAcquired, 0, LOCK);
    hold(handedOn, 2, LOCK, 6, 8);
    // An RWLock's writes are stamped by each thread's own clock: a tick's overlap is no contradiction there.
    const writers = model();
    hold(writers, 1, RW, 0, 10);
    hold(writers, 2, RW, 9.5, 12);
    for (const m of [touching, readers, handedOn, writers]) {
      checkHolds(m);
      expect(m.contradiction).toBeNull();
    }
  });

  it("checks nothing once events were dropped: a missing release is what the page was told it lacks", () => {
    const m = model();
    m.droppedEvents = 3;
    hold(m, 1, LOCK, 0, 10);
    hold(m, 2, LOCK, 5, 15);
    checkHolds(m);
    expect(m.contradiction).toBeNull();
  });

  it("takes a hold whose release setTracing(false) left unrecorded as the run said it, not as a contradiction, and marks the call on the lane", () => {
    // Scenario: Thread-1 holds lockA and turns its tracing off; its release
    // is not recorded, so its hold seems to last while MainThread takes it.
    const m = model();
    m.add(2, 5, EventKind.LockAcquired, 0, LOCK);
    m.add(2, 6, EventKind.Tracing, 0, 0);
    hold(m, 1, LOCK, 20, 30);
    m.add(2, 40, EventKind.Tracing, 1, 0);
    checkHolds(m);
    expect(m.contradiction).toBeNull();
    const thread = m.threads.get(2)!;
    expect(Array.from(thread.markTimes.data.subarray(0, thread.markTimes.length))).toEqual([6, 40]);
    expect(Array.from(thread.markLabels.data.subarray(0, 2), (ref) => labelText(m, ref))).toEqual(["setTracing(false)", "setTracing(true)"]);
  });

  it("still finds a double hold that no setTracing(false) explains, in a run where some thread called it elsewhere", () => {
    // The review's case: a forged double hold over [10, 20], then a setTracing(false) at 90 holding nothing.
    const m = model();
    hold(m, 1, LOCK, 10, 20);
    hold(m, 2, LOCK, 12, 18);
    m.add(2, 90, EventKind.Tracing, 0, 0);
    checkHolds(m);
    expect(m.contradiction).toEqual({ kind: "two-holders", obj: LOCK, idents: [1, 2], tMs: 12 });
  });

  it("checks the holds after one a setTracing(false) excuses against each other", () => {
    // The review's case: MainThread holds from 1 and turns its tracing off at 2; Thread-1 holds [5, 6], and a forged
    // hold of a third thread [5.5, 7] overlaps it.
    const m = runningThreads("MainThread", "Thread-1", "Thread-2");
    m.labels.set(LOCK, "lockA");
    m.add(1, 1, EventKind.LockAcquired, 0, LOCK);
    m.add(1, 2, EventKind.Tracing, 0, 0);
    hold(m, 2, LOCK, 5, 6);
    hold(m, 3, LOCK, 5.5, 7);
    checkHolds(m);
    expect(m.contradiction).toEqual({ kind: "two-holders", obj: LOCK, idents: [2, 3], tMs: 5.5 });
  });

  it("finds a thread that goes on after its final state", () => {
    const m = model();
    m.add(2, 40, S, ThreadState.Done, 0);
    m.add(2, 50, S, ThreadState.Running, 0);
    expect(m.contradiction).toEqual({ kind: "after-end", obj: 0, idents: [2], tMs: 50 });
    expect(contradictionText(m, m.contradiction!)).toMatch(/^The trace contradicts itself: it shows Thread-1 going on after it ended, at 50\.000 ms\./);
  });
});
