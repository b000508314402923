// Scenarios for the deadlock watch (deadlock-watch.ts), on hand-made thread
// tables: the runner-side logic alone; the browser tests run real deadlocks.

import { describe, expect, it } from "vitest";
import { DeadlockWatch, findDeadlock, type NameOf, type ThreadWait } from "./deadlock-watch";
import { defaultName, kindOf, ObjKind, objRef, ordinalOf } from "../trace/object-kinds";

const lock = (n: number) => objRef(ObjKind.Lock, n);
const thread = (ident: number) => objRef(ObjKind.Thread, ident);
const nameOf: NameOf = (w, byIdent) =>
  kindOf(w.obj) === ObjKind.Thread ? byIdent.get(ordinalOf(w.obj))?.name ?? "?" : w.obj === lock(1) ? "lockA" : defaultName(w.obj);

const running = (ident: number, name: string, progress = 1): ThreadWait => ({ ident, name, obj: 0, timed: false, heldBy: 0, progress, addr: -1 });
const onLock = (ident: number, name: string, n: number, owner: number, timed = false): ThreadWait =>
  ({ ident, name, obj: lock(n), timed, heldBy: owner, progress: 1, addr: -1 });
const joining = (ident: number, name: string, joined: number): ThreadWait =>
  ({ ident, name, obj: thread(joined), timed: false, heldBy: joined, progress: 1, addr: -1 });

describe("deadlock watch", () => {
  it("finds two threads that each hold the lock the other waits for, named as the snippet names them", () => {
    // Scenario: the classic lock-order deadlock; MainThread waits in join and is
    // not part of the cycle, which names who waits for what held by whom.
    const verdict = findDeadlock([joining(1, "MainThread", 2), onLock(2, "Thread-1", 1, 3), onLock(3, "Thread-2", 2, 2)], nameOf);
    expect(verdict?.info.cycle).toEqual([
      { thread: "Thread-1", waitsFor: "lockA", heldBy: "Thread-2" },
      { thread: "Thread-2", waitsFor: "Lock 2", heldBy: "Thread-1" },
    ]);
    expect(verdict?.sentence).toMatch(/^Deadlock: Thread-1 waits for lockA held by Thread-2, and Thread-2 waits for Lock 2 held by Thread-1/);
  });

  it("finds a thread that joins a thread that waits for a lock it holds", () => {
    // Scenario: MainThread holds Lock 5 and joins Thread-1, which waits for Lock 5.
    const verdict = findDeadlock([joining(1, "MainThread", 2), onLock(2, "Thread-1", 5, 1)], nameOf);
    expect(verdict?.info.cycle.map((e) => e.thread)).toEqual(["MainThread", "Thread-1"]);
    expect(verdict?.sentence).toContain("MainThread waits for Thread-1 to finish");
  });

  it("does not take a join of a thread that has just ended for a deadlock (the joiner is woken, not yet running)", () => {
    // Scenario: Process-6 ended (it is no longer alive in the table) and MainThread, woken from its join,
    // has not been given a core yet; it is the only live thread and it still shows its wait.
    expect(findDeadlock([joining(1, "MainThread", 6)], nameOf)).toBeNull();
    // A lock whose holder ended is never released: that one is a deadlock.
    expect(findDeadlock([onLock(1, "MainThread", 3, 6)], nameOf)).not.toBeNull();
  });

  it("ignores timed waits and threads that can still run", () => {
    // Scenario: the same cycle with one timed wait is no deadlock (it will
    // time out); a lone waiter whose lock holder is running is none either.
    expect(findDeadlock([onLock(2, "Thread-1", 11, 3, true), onLock(3, "Thread-2", 10, 2)], nameOf)).toBeNull();
    expect(findDeadlock([running(1, "MainThread"), onLock(2, "Thread-1", 10, 1)], nameOf)).toBeNull();
  });

  it("reports a run where everyone waits forever with no cycle", () => {
    // Scenario: MainThread joins Thread-1, which waits on a queue nobody fills.
    const verdict = findDeadlock([joining(1, "MainThread", 2), { ident: 2, name: "Thread-1", obj: objRef(ObjKind.Queue, 4), timed: false, heldBy: 0, progress: 1, addr: -1 }], nameOf);
    expect(verdict?.sentence).toMatch(/every thread is waiting/);
    expect(verdict?.info.cycle.find((e) => e.thread === "Thread-1")?.waitsFor).toBe("Queue 4");
  });

  it("confirms only a verdict seen twice with no progress of the threads involved", () => {
    // Scenario: the first sighting is not enough; a thread of the cycle that
    // recorded events between scans (a hand-over in flight) resets the count.
    const watch = new DeadlockWatch();
    const table = [onLock(2, "Thread-1", 11, 3), onLock(3, "Thread-2", 10, 2)];
    expect(watch.scan(table, nameOf)).toBeNull();
    expect(watch.scan([table[0], { ...table[1], progress: 2 }], nameOf)).toBeNull();
    expect(watch.scan([table[0], { ...table[1], progress: 2 }], nameOf)).not.toBeNull();
  });

  it("confirms a cycle while another thread keeps running (issue 10, item 5)", () => {
    // Scenario: MainThread polls isAlive() in a sleep loop, so it records
    // events between every two scans; the two threads in a lock cycle are
    // still a deadlock, confirmed on the second scan.
    const watch = new DeadlockWatch();
    const cycle = [onLock(2, "Thread-1", 11, 3), onLock(3, "Thread-2", 10, 2)];
    expect(watch.scan([running(1, "MainThread", 1), ...cycle], nameOf)).toBeNull();
    expect(watch.scan([running(1, "MainThread", 7), ...cycle], nameOf)?.info.cycle.map((e) => e.thread)).toEqual(["Thread-1", "Thread-2"]);
  });
});
