// Scenarios for the RLock core (rlock.ts), run on real worker_threads that
// share one SharedArrayBuffer. Words 0-2 are the RLock, word 3 a counter
// cell, word 4 a start gate.

import { afterEach, describe, expect, it } from "vitest";
import { RLock } from "./rlock";
import { startPuppets, stopPuppets } from "./test-workers";

const R = 0;
const CELL = 3;
const GATE = 4;
const A = 11;
const B = 22;

function shared(): { sab: SharedArrayBuffer; rlock: RLock; i32: Int32Array } {
  const sab = new SharedArrayBuffer(64);
  const i32 = new Int32Array(sab);
  return { sab, i32, rlock: new RLock(i32, R) };
}

const unacquired = expect.objectContaining({ name: "RuntimeError", message: "cannot release un-acquired lock" });

afterEach(stopPuppets);

describe("RLock", () => {
  it("loses no update of a plain cell: 4 workers x 100,000 nested increments", async () => {
    // Scenario: four workers pass a start gate together, then each adds 1 to
    // a plain Int32 cell 100,000 times, acquiring the RLock twice (nested)
    // around each increment and releasing twice. The cell ends at exactly
    // 400,000, owner() is right inside every critical section, and the lock
    // ends free.
    const { sab, i32, rlock } = shared();
    const workers = await startPuppets(sab, 4);
    const replies = await Promise.all(
      workers.map((w, k) =>
        w.run({ op: "count", kind: "RLock", base: R, cell: CELL, iterations: 100_000, ident: k + 1, depth: 2, gate: GATE, parties: 4 }),
      ),
    );
    expect(i32[CELL]).toBe(400_000);
    for (const r of replies) expect(r.value).toEqual({ wrongOwner: 0 });
    expect(rlock.locked()).toBe(false);
    expect(rlock.count()).toBe(0);
  });

  it("is re-entrant: 3 acquires need 3 releases before another worker gets it", async () => {
    // Scenario: A acquires three times without blocking. B blocks in
    // acquire(B). A releases twice: the lock is still A's, at depth 1. A's
    // third release frees it, and B's acquire returns true with B as owner.
    const { sab, rlock } = shared();
    const [a, b] = await startPuppets(sab, 2);
    for (let n = 0; n < 3; n++) {
      const r = await a.call("RLock", R, "acquire", A);
      expect(r.value).toBe(true);
      expect(r.blocks).toBe(0);
    }
    expect(rlock.count()).toBe(3);
    expect((await b.call("RLock", R, "tryAcquire", B)).value).toBe(false);
    const blocked = b.nextBlock();
    const bAcquire = b.call("RLock", R, "acquire", B);
    await blocked;
    await a.call("RLock", R, "release", A);
    await a.call("RLock", R, "release", A);
    expect(rlock.owner()).toBe(A);
    expect(rlock.count()).toBe(1);
    await a.call("RLock", R, "release", A);
    expect((await bAcquire).value).toBe(true);
    expect(rlock.owner()).toBe(B);
    expect(rlock.count()).toBe(1);
  });

  it("refuses release by a worker that does not own it", async () => {
    // Scenario: A holds the RLock. B's release throws RuntimeError("cannot
    // release un-acquired lock") and changes nothing: A still owns it at
    // depth 1 and can release it. Releasing it once more, now free, throws
    // the same error.
    const { sab, rlock } = shared();
    const [a, b] = await startPuppets(sab, 2);
    await a.call("RLock", R, "acquire", A);
    await expect(b.call("RLock", R, "release", B)).rejects.toEqual(unacquired);
    expect(rlock.owner()).toBe(A);
    expect(rlock.count()).toBe(1);
    await a.call("RLock", R, "release", A);
    expect(rlock.locked()).toBe(false);
    await expect(a.call("RLock", R, "release", A)).rejects.toEqual(unacquired);
    expect(() => rlock.release(B)).toThrow(unacquired);
  });

  it("times out like Lock when another worker holds it", async () => {
    // Scenario: A holds; B's acquire(B, 50) sleeps once and returns false
    // after at least ~50 ms. Re-entry by A meanwhile never blocks.
    const { sab, rlock } = shared();
    const [a, b] = await startPuppets(sab, 2);
    await a.call("RLock", R, "acquire", A);
    const r = await b.call("RLock", R, "acquire", B, 50);
    expect(r.value).toBe(false);
    expect(r.elapsedMs).toBeGreaterThanOrEqual(45);
    expect(r.blocks).toBe(1);
    expect((await a.call("RLock", R, "acquire", A, 0)).value).toBe(true);
    expect(rlock.count()).toBe(2);
  });

  it("releaseAll and restore hand the lock over and back at full depth", async () => {
    // Scenario (what Condition.wait does): A holds at depth 3 and calls
    // releaseAll, which returns 3 and frees the lock; B takes and releases
    // it; A restores depth 3 and needs three releases to free it again.
    const { sab, rlock } = shared();
    const [a, b] = await startPuppets(sab, 2);
    for (let n = 0; n < 3; n++) await a.call("RLock", R, "acquire", A);
    expect((await a.call("RLock", R, "releaseAll", A)).value).toBe(3);
    expect(rlock.locked()).toBe(false);
    expect((await b.call("RLock", R, "tryAcquire", B)).value).toBe(true);
    await b.call("RLock", R, "release", B);
    expect((await a.call("RLock", R, "restore", A, 3)).value).toBe(true);
    expect(rlock.owner()).toBe(A);
    for (let n = 0; n < 3; n++) await a.call("RLock", R, "release", A);
    expect(rlock.locked()).toBe(false);
  });
});
