import { describe, expect, it } from "vitest";
import { Barrier, TIMED_OUT } from "./barrier";
import { RWLock } from "./rwlock";
import type { Parking } from "./parking";

/** A Parking on a clock of its own that nothing ever wakes: each park jumps the clock to its deadline. */
function virtualClock() {
  const parks: { index: number; deadlineMs: number }[] = [];
  let clock = 1000;
  const parking: Parking = {
    now: () => clock,
    park(_i32, index, _seen, deadlineMs) {
      parks.push({ index, deadlineMs });
      clock = deadlineMs;
      return false;
    },
  };
  return { parking, parks };
}

describe("cores that sleep through a Parking", () => {
  it("a Barrier's timed wait counts on the Parking's clock, sleeps through it, and breaks when that clock passes the deadline", () => {
    const i32 = new Int32Array(new SharedArrayBuffer(64));
    const barrier = Barrier.init(i32, 4, 2);
    const { parking, parks } = virtualClock();
    let blocked = 0;
    expect(barrier.wait(250, undefined, () => blocked++, parking)).toBe(TIMED_OUT);
    expect(parks).toEqual([{ index: 4 + 1, deadlineMs: 1250 }]); // slot 1: the broadcast sequence
    expect(blocked).toBe(1);
    expect(barrier.broken()).toBe(true);
    expect(Atomics.load(i32, 4)).toBe(0); // the mutex is free again
  });

  it("an RWLock's writer waits for a reader on the Parking's clock and gives up there, letting readers in again", () => {
    const i32 = new Int32Array(new SharedArrayBuffer(128));
    const rw = new RWLock(i32, 0);
    expect(rw.acquireRead(1)).toBe(true);
    const { parking, parks } = virtualClock();
    expect(rw.acquireWrite(2, 40, undefined, parking)).toBe(false);
    expect(parks).toEqual([{ index: 5, deadlineMs: 1040 }]); // slot 5: the writers' gate
    expect(rw.writer()).toBe(0);
    expect(rw.acquireRead(3, 0)).toBe(true); // no writer is waiting any more
  });
});
