// A Lock released by a thread that does not hold it, whose release is read
// after the holder took the lock again: the holder's two holds stay two,
// each ending where it really did.
import { describe, expect, it } from "vitest";
import { EventKind, ThreadState } from "./events";
import { runningThreads } from "./test-threads";
import { ObjKind, objRef } from "./object-kinds";

const GATE = objRef(ObjKind.Lock, 1);
const RLOCK = objRef(ObjKind.RLock, 2);

/** MainThread (1) takes the gate at 0, blocks on it at 100, gets it at 171, lets go at 191; opener (2) released it at 150. */
function signalled(openerFirst: boolean, lock = GATE) {
  const m = runningThreads("MainThread", "opener");
  const opener = () => m.add(2, 150, EventKind.LockReleased, 0, lock);
  if (openerFirst) opener();
  m.add(1, 0, EventKind.LockAcquired, 0, lock);
  m.add(1, 100, EventKind.State, ThreadState.Blocked, lock);
  m.add(1, 171, EventKind.State, ThreadState.Running, 0);
  m.add(1, 171, EventKind.LockAcquired, 0, lock);
  m.add(1, 191, EventKind.LockReleased, 0, lock);
  if (!openerFirst) opener();
  return m;
}

const holdsOf = (m: ReturnType<typeof signalled>, lock: number, ident: number) => {
  const list = m.locks.get(lock)!.holds.get(ident)!;
  return Array.from({ length: list.length }, (_, i) => [list.starts.data[i], list.ends.data[i]]);
};

describe("a Lock released by another thread", () => {
  it("keeps the holder's two holds apart whichever thread's events are read first", () => {
    for (const openerFirst of [true, false]) {
      const m = signalled(openerFirst);
      const lock = m.locks.get(GATE)!;
      expect(holdsOf(m, GATE, 1), `opener's release read ${openerFirst ? "first" : "last"}`).toEqual([[0, 150], [171, 191]]);
      expect(lock.acquisitions).toBe(2);
      expect(lock.totalHoldMs).toBe(170);
      expect(lock.longestHoldMs).toBe(150);
    }
  });

  it("ends the first hold where the second began while the release is not read yet, never overlapping it", () => {
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
