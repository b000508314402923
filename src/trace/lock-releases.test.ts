// A Lock released by threads that do not hold it (the lock as a signal):
// whatever order the threads' events are read in, once the whole trace is
// in, each hold ends at the release that ended it, and no two overlap.
import { describe, expect, it } from "vitest";
import { EventKind, ThreadState } from "./events";
import { checkHolds, unsettledText } from "./contradictions";
import { runningThreads } from "./test-threads";
import { ObjKind, objRef } from "./object-kinds";
import type { TraceModel } from "./model";

const GATE = objRef(ObjKind.Lock, 1);
const RLOCK = objRef(ObjKind.RLock, 2);
type Events = [number, number, EventKind, number, number][];

/** Adds each thread's events in its own order, the threads in `order`; then the run's end (checkHolds settles). */
function read(names: string[], byThread: Map<number, Events>, order: number[]): TraceModel {
  const m = runningThreads(...names);
  for (const ident of order) for (const [who, t, kind, arg, obj] of byThread.get(ident) ?? []) m.add(who, t, kind, arg, obj);
  checkHolds(m);
  return m;
}

const holdsOf = (m: TraceModel, lock: number, ident: number) => {
  const list = m.locks.get(lock)!.holds.get(ident)!;
  return Array.from({ length: list.length }, (_, i) => [list.starts.data[i], list.ends.data[i]]);
};

/** every order of [1..n] */
function orders(n: number): number[][] {
  if (n === 1) return [[1]];
  return orders(n - 1).flatMap((o) => Array.from({ length: n }, (_, k) => [...o.slice(0, k), n, ...o.slice(k)]));
}

describe("a Lock released by another thread", () => {
  it("keeps the holder's two holds apart, in either order of reading", () => {
    // MainThread (1) takes the gate at 0, blocks on it at 100, gets it at 171, lets go at 191; opener (2) released it at 150.
    const events = new Map<number, Events>([
      [1, [[1, 0, EventKind.LockAcquired, 0, GATE], [1, 100, EventKind.State, ThreadState.Blocked, GATE], [1, 171, EventKind.State, ThreadState.Running, 0], [1, 171, EventKind.LockAcquired, 0, GATE], [1, 191, EventKind.LockReleased, 0, GATE]]],
      [2, [[2, 150, EventKind.LockReleased, 0, GATE]]],
    ]);
    for (const order of orders(2)) {
      const m = read(["MainThread", "opener"], events, order);
      const lock = m.locks.get(GATE)!;
      expect(holdsOf(m, GATE, 1), `read in order ${order}`).toEqual([[0, 150], [171, 191]]);
      expect([lock.acquisitions, lock.totalHoldMs, lock.longestHoldMs]).toEqual([2, 170, 150]);
    }
  });

  it("ends the only hold a release ended, read before or after it", () => {
    const events = new Map<number, Events>([[1, [[1, 0, EventKind.LockAcquired, 0, GATE]]], [2, [[2, 150, EventKind.LockReleased, 0, GATE]]]]);
    for (const order of orders(2)) expect(holdsOf(read(["MainThread", "opener"], events, order), GATE, 1), `order ${order}`).toEqual([[0, 150]]);
  });

  it("hands a baton on: each worker's hold ends at the release that let the next go, in every order of reading", () => {
    // MainThread (1) releases the gate at 10, 20 and 30 for workers 2, 3 and 4, which took it at 5, 15 and 25.
    const events = new Map<number, Events>([
      [1, [10, 20, 30].map((t): Events[number] => [1, t, EventKind.LockReleased, 0, GATE])],
      [2, [[2, 5, EventKind.LockAcquired, 0, GATE]]],
      [3, [[3, 15, EventKind.LockAcquired, 0, GATE]]],
      [4, [[4, 25, EventKind.LockAcquired, 0, GATE]]],
    ]);
    for (const order of orders(4)) {
      const m = read(["MainThread", "W1", "W2", "W3"], events, order);
      const why = `read in order ${order}`;
      expect([holdsOf(m, GATE, 2), holdsOf(m, GATE, 3), holdsOf(m, GATE, 4)], why).toEqual([[[5, 10]], [[15, 20]], [[25, 30]]]);
      expect(m.locks.get(GATE)!.totalHoldMs, why).toBe(15);
      expect(m.contradiction, why).toBeNull();
      expect(m.locks.get(GATE)!.foreign!.exact, why).toBe(true);
      expect(m.locks.get(GATE)!.releasesPlaced, why).toBe("placed");
      expect(unsettledText(m), why).toBeNull();
    }
  });

  it("hands the lock on where the clock ties: an acquire stamped as a release came after it, in every order of reading", () => {
    // A freer releases the lock at 2, 3 and 4 (one coarse tick holds many hand-overs); the takers' acquires
    // are stamped as the release before them: Thread-1 at 1 and 3, Thread-2 at 2.
    const events = new Map<number, Events>([
      [1, [2, 3, 4].map((t): Events[number] => [1, t, EventKind.LockReleased, 0, GATE])],
      [2, [[2, 1, EventKind.LockAcquired, 0, GATE], [2, 3, EventKind.LockAcquired, 0, GATE]]],
      [3, [[3, 2, EventKind.LockAcquired, 0, GATE]]],
    ]);
    for (const order of orders(3)) {
      const m = read(["freer", "Thread-1", "Thread-2"], events, order);
      const why = `read in order ${order}`;
      expect([holdsOf(m, GATE, 2), holdsOf(m, GATE, 3)], why).toEqual([[[1, 2], [3, 4]], [[2, 3]]]);
      expect(m.contradiction, why).toBeNull();
    }
  });

  it("takes a release stamped while no hold was going as the end of the next hold, where the next one began at the latest", () => {
    // The freer stamped its second release at 2, before it freed the Lock; Thread-2 had taken it at 3 meanwhile
    // (nothing the freer holds orders the two), and Thread-1 took it again at 5.
    const events = new Map<number, Events>([
      [1, [[1, 2, EventKind.LockReleased, 0, GATE], [1, 2, EventKind.LockReleased, 0, GATE]]],
      [2, [[2, 1, EventKind.LockAcquired, 0, GATE], [2, 5, EventKind.LockAcquired, 0, GATE]]],
      [3, [[3, 3, EventKind.LockAcquired, 0, GATE]]],
    ]);
    for (const order of orders(3)) {
      const m = read(["freer", "Thread-1", "Thread-2"], events, order);
      const why = `read in order ${order}`;
      expect([holdsOf(m, GATE, 2)[0], holdsOf(m, GATE, 3)], why).toEqual([[1, 2], [[3, 5]]]);
    }
  });

  it("keeps a signalled holder's second hold where its acquire ties with the signaller's release", () => {
    // The review's case: MainThread takes the gate at 0 and again at 150, as the opener's release, stamped 150
    // too, lets it; it lets go at 191. The second hold was cut to nothing.
    const events = new Map<number, Events>([
      [1, [[1, 0, EventKind.LockAcquired, 0, GATE], [1, 150, EventKind.LockAcquired, 0, GATE], [1, 191, EventKind.LockReleased, 0, GATE]]],
      [2, [[2, 150, EventKind.LockReleased, 0, GATE]]],
    ]);
    for (const order of orders(2)) {
      const m = read(["MainThread", "opener"], events, order);
      expect(holdsOf(m, GATE, 1), `read in order ${order}`).toEqual([[0, 150], [150, 191]]);
    }
  });

  it("does not draw a hold as held to the run's end for a release stamped before its acquire, with no hold after", () => {
    const events = new Map<number, Events>([[1, [[1, 5, EventKind.LockAcquired, 0, GATE]]], [2, [[2, 4, EventKind.LockReleased, 0, GATE]]]]);
    for (const order of orders(2)) expect(holdsOf(read(["MainThread", "opener"], events, order), GATE, 1), `order ${order}`).toEqual([[5, 5]]);
  });

  it("bounds the work forged releases cost: past it the holds stand as read, and the lock is not checked", () => {
    // 2,000 threads each hold the lock once, and one of them "releases" it 3,000 times: each release searches
    // every holder's list, 6 M searches in all.
    const names = Array.from({ length: 2000 }, (_, k) => (k === 0 ? "MainThread" : `Thread-${k}`));
    const m = runningThreads(...names);
    for (let k = 1; k <= 2000; k++) m.add(k, k, EventKind.LockAcquired, 0, GATE);
    for (let r = 0; r < 3000; r++) m.add(1, 5000 + r, EventKind.LockReleased, 0, GATE);
    checkHolds(m);
    expect(m.locks.get(GATE)!.foreign!.exact).toBe(false);
    expect(m.contradiction).toBeNull();
    // ...and the page says so, in the output once the run is over (and on the hold's card: describe.test.ts).
    expect(m.locks.get(GATE)!.releasesPlaced).toBe("as-read");
    expect(unsettledText(m)).toBe(
      "The timeline draws the holds of Lock 1 as they were read: threads not holding it released it too often for the page to settle which hold each release ended, so who held it when may be drawn wrong.");
  });

  it("takes a hold another thread's release ended as not yet placed until the run's end", () => {
    const m = runningThreads("MainThread", "opener");
    m.add(1, 0, EventKind.LockAcquired, 0, GATE);
    m.add(2, 150, EventKind.LockReleased, 0, GATE);
    expect(m.locks.get(GATE)!.releasesPlaced).toBe("live");
    checkHolds(m);
    expect(m.locks.get(GATE)!.releasesPlaced).toBe("placed");
  });

  it("ends the first hold where the same thread took the lock again while the release is not read yet", () => {
    const m = runningThreads("MainThread", "opener");
    m.add(1, 0, EventKind.LockAcquired, 0, GATE);
    m.add(1, 171, EventKind.LockAcquired, 0, GATE);
    expect(holdsOf(m, GATE, 1)).toEqual([[0, 171], [171, Infinity]]);
  });

  it("leaves an RLock's nested acquires as they were: one hold", () => {
    const m = runningThreads("MainThread");
    m.add(1, 0, EventKind.LockAcquired, 0, RLOCK);
    m.add(1, 5, EventKind.LockAcquired, 0, RLOCK);
    m.add(1, 9, EventKind.LockReleased, 0, RLOCK);
    expect(holdsOf(m, RLOCK, 1)).toEqual([[0, 9]]);
  });
});
