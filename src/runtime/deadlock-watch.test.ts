// Scenarios for the deadlock watch (deadlock-watch.ts), on hand-made thread
// tables: the page-side logic alone; the browser tests run real deadlocks.

import { describe, expect, it } from "vitest";
import { DeadlockWatch, findDeadlock, type ThreadWait } from "./deadlock-watch";
import { WaitKind } from "./wait-kinds";

const running = (ident: number, name: string): ThreadWait => ({ ident, name, kind: WaitKind.None, obj: 0, timed: false, heldBy: 0, progress: 1 });
const onLock = (ident: number, name: string, lock: number, owner: number, timed = false): ThreadWait =>
  ({ ident, name, kind: WaitKind.Lock, obj: lock, timed, heldBy: owner, progress: 1 });

describe("deadlock watch", () => {
  it("finds two threads that each hold the lock the other waits for", () => {
    // Scenario: the classic lock-order deadlock; MainThread waits in join and is
    // not part of the cycle, which names who waits for what held by whom.
    const verdict = findDeadlock([
      { ident: 1, name: "MainThread", kind: WaitKind.Join, obj: 2, timed: false, heldBy: 2, progress: 1 },
      onLock(2, "Thread-1", 11, 3),
      onLock(3, "Thread-2", 10, 2),
    ]);
    expect(verdict?.info.cycle).toEqual([
      { thread: "Thread-1", waitsFor: "Lock 11", heldBy: "Thread-2" },
      { thread: "Thread-2", waitsFor: "Lock 10", heldBy: "Thread-1" },
    ]);
    expect(verdict?.sentence).toMatch(/^Deadlock: Thread-1 waits for Lock 11 held by Thread-2, and Thread-2 waits for Lock 10 held by Thread-1/);
  });

  it("finds a thread that joins a thread that waits for a lock it holds", () => {
    // Scenario: MainThread holds Lock 5 and joins Thread-1, which waits for Lock 5.
    const verdict = findDeadlock([
      { ident: 1, name: "MainThread", kind: WaitKind.Join, obj: 2, timed: false, heldBy: 2, progress: 1 },
      onLock(2, "Thread-1", 5, 1),
    ]);
    expect(verdict?.info.cycle.map((e) => e.thread)).toEqual(["MainThread", "Thread-1"]);
    expect(verdict?.sentence).toContain("MainThread waits for Thread-1 to finish");
  });

  it("ignores timed waits and threads that can still run", () => {
    // Scenario: the same cycle with one timed wait is no deadlock (it will
    // time out); a lone waiter whose lock holder is running is none either.
    expect(findDeadlock([onLock(2, "Thread-1", 11, 3, true), onLock(3, "Thread-2", 10, 2)])).toBeNull();
    expect(findDeadlock([running(1, "MainThread"), onLock(2, "Thread-1", 10, 1)])).toBeNull();
  });

  it("reports a run where everyone waits forever with no cycle", () => {
    // Scenario: MainThread joins Thread-1, which waits on a queue nobody fills.
    const verdict = findDeadlock([
      { ident: 1, name: "MainThread", kind: WaitKind.Join, obj: 2, timed: false, heldBy: 2, progress: 1 },
      { ident: 2, name: "Thread-1", kind: WaitKind.Queue, obj: 4, timed: false, heldBy: 0, progress: 1 },
    ]);
    expect(verdict?.sentence).toMatch(/every thread is waiting/);
    expect(verdict?.info.cycle.find((e) => e.thread === "Thread-1")?.waitsFor).toBe("Queue 4");
  });

  it("confirms only a verdict seen twice with no progress in between", () => {
    // Scenario: the first sighting is not enough; a thread that recorded
    // events between scans (a hand-over in flight) resets the count.
    const watch = new DeadlockWatch();
    const table = [onLock(2, "Thread-1", 11, 3), onLock(3, "Thread-2", 10, 2)];
    expect(watch.scan(table)).toBeNull();
    expect(watch.scan([table[0], { ...table[1], progress: 2 }])).toBeNull();
    expect(watch.scan([table[0], { ...table[1], progress: 2 }])).not.toBeNull();
  });
});
