// Scenarios for the Lock core (lock.ts), run on real worker_threads that
// share one SharedArrayBuffer. Words 0-1 are the lock, word 2 a counter cell,
// word 3 a start gate. Times are only ever bounded from below; "blocked" is
// observed through onBlock, never guessed from a delay.

import { afterEach, describe, expect, it, vi } from "vitest";
import { Lock } from "./lock";
import { startPuppets, stopPuppets } from "./test-workers";

const L = 0;
const CELL = 2;
const GATE = 3;
const A = 11;
const B = 22;

function shared(): { sab: SharedArrayBuffer; lock: Lock; i32: Int32Array } {
  const sab = new SharedArrayBuffer(64);
  const i32 = new Int32Array(sab);
  return { sab, i32, lock: new Lock(i32, L) };
}

afterEach(stopPuppets);

describe("Lock", () => {
  it("loses no update of a plain cell: 4 workers x 100,000 increments", async () => {
    // Scenario: four workers pass a start gate together, then each adds 1 to
    // a plain (non-atomic) Int32 cell 100,000 times inside acquire/release.
    // The cell ends at exactly 400,000, and inside every critical section
    // owner() names the worker that is in it.
    const { sab, i32, lock } = shared();
    const workers = await startPuppets(sab, 4);
    const replies = await Promise.all(
      workers.map((w, k) =>
        w.run({ op: "count", kind: "Lock", base: L, cell: CELL, iterations: 100_000, ident: k + 1, gate: GATE, parties: 4 }),
      ),
    );
    expect(i32[CELL]).toBe(400_000);
    for (const r of replies) expect(r.value).toEqual({ wrongOwner: 0 });
    expect(lock.locked()).toBe(false);
    expect(lock.owner()).toBe(0);
  });

  it("records the owner, and tryAcquire fails while another worker holds it", async () => {
    // Scenario: A acquires; everyone sees locked() and owner() === A. B's
    // tryAcquire (blocking=false) fails and its acquire(B, 0) fails without
    // sleeping. A releases: the lock is free with no owner, and B's
    // tryAcquire then succeeds and makes B the owner.
    const { sab, lock } = shared();
    const [a, b] = await startPuppets(sab, 2);
    expect((await a.call("Lock", L, "acquire", A)).value).toBe(true);
    expect(lock.locked()).toBe(true);
    expect(lock.owner()).toBe(A);
    expect((await b.call("Lock", L, "tryAcquire", B)).value).toBe(false);
    const zero = await b.call("Lock", L, "acquire", B, 0);
    expect(zero.value).toBe(false);
    expect(zero.blocks).toBe(0);
    await a.call("Lock", L, "release", A);
    expect(lock.locked()).toBe(false);
    expect(lock.owner()).toBe(0);
    expect((await b.call("Lock", L, "tryAcquire", B)).value).toBe(true);
    expect(lock.owner()).toBe(B);
  });

  it("acquire with a timeout returns false after the timeout while held", async () => {
    // Scenario: A holds the lock and keeps it. B's acquire(B, 50) sleeps (its
    // onBlock runs once), gives up, returns false, and has waited at least
    // ~50 ms. The lock is still A's afterwards.
    const { sab, lock } = shared();
    const [a, b] = await startPuppets(sab, 2);
    await a.call("Lock", L, "acquire", A);
    const r = await b.call("Lock", L, "acquire", B, 50);
    expect(r.value).toBe(false);
    expect(r.elapsedMs).toBeGreaterThanOrEqual(45);
    expect(r.blocks).toBe(1);
    expect(lock.owner()).toBe(A);
  });

  it("a blocked acquire gets the lock when the holder releases it", async () => {
    // Scenario: A holds; B calls acquire(B) with no timeout and reports
    // through onBlock that it is going to sleep. Only then does A release.
    // B's acquire returns true with B as owner. Had release not woken B,
    // B would sleep forever and the test would time out.
    const { sab, lock } = shared();
    const [a, b] = await startPuppets(sab, 2);
    await a.call("Lock", L, "acquire", A);
    const blocked = b.nextBlock();
    const bAcquire = b.call("Lock", L, "acquire", B);
    await blocked;
    await a.call("Lock", L, "release", A);
    const r = await bAcquire;
    expect(r.value).toBe(true);
    expect(r.blocks).toBe(1);
    expect(lock.owner()).toBe(B);
  });

  it("calls onBlock once per blocked acquire, however often the waiter wakes", async () => {
    // Scenario: A holds; B blocks in acquire(B). A then 1,000 times releases,
    // re-acquires at once and holds the lock 20 us: each release wakes B,
    // which almost always finds the lock taken again and goes back to sleep.
    // Whenever B does get the lock (mid-churn or after A's final release) it
    // releases it again. B's acquire returns true and its onBlock has run
    // exactly once, however many times it slept.
    const { sab, lock } = shared();
    const [a, b] = await startPuppets(sab, 2);
    await a.call("Lock", L, "acquire", A);
    const blocked = b.nextBlock();
    const bAcquire = b.call("Lock", L, "acquire", B);
    await blocked;
    const aDone = a.run({ op: "churn", kind: "Lock", base: L, ident: A, rounds: 1000, holdMs: 0.02 }).then(() => a.call("Lock", L, "release", A));
    const r = await bAcquire;
    expect(r.value).toBe(true);
    expect(lock.owner()).toBe(B);
    await b.call("Lock", L, "release", B);
    await aDone;
    expect(r.blocks).toBe(1);
    expect(lock.locked()).toBe(false);
  });

  it("never calls onBlock on the uncontended path", () => {
    // Scenario: one thread acquires a free lock with an onBlock spy, then,
    // while holding it, tries acquire(ident, 0): neither may call the spy.
    const { lock } = shared();
    const onBlock = vi.fn();
    expect(lock.acquire(A, Infinity, onBlock)).toBe(true);
    expect(lock.acquire(B, 0, onBlock)).toBe(false);
    lock.release(A);
    expect(onBlock).not.toHaveBeenCalled();
  });

  it("lets a thread that does not own it release it (Python semantics)", async () => {
    // Scenario: A acquires, B releases. No error; the lock is free and
    // ownerless, and can be taken again.
    const { sab, lock } = shared();
    const [a, b] = await startPuppets(sab, 2);
    await a.call("Lock", L, "acquire", A);
    await b.call("Lock", L, "release", B);
    expect(lock.locked()).toBe(false);
    expect(lock.owner()).toBe(0);
    expect(lock.tryAcquire(A)).toBe(true);
  });

  it("raises RuntimeError on release of an unlocked lock, and stays usable", () => {
    // Scenario: releasing a lock nobody holds throws RuntimeError("release
    // unlocked lock") and leaves the word free: acquire/release still work.
    const { lock, i32 } = shared();
    expect(() => lock.release(A)).toThrow(expect.objectContaining({ name: "RuntimeError", message: "release unlocked lock" }));
    expect(i32[L]).toBe(0);
    expect(lock.acquire(A)).toBe(true);
    lock.release(A);
    expect(() => lock.release(A)).toThrow("release unlocked lock");
  });

  it("rejects timeouts and idents that would break it", () => {
    // Scenario: a NaN timeout would make Atomics.wait sleep forever and a
    // negative one is meaningless: ValueError. Ident 0 would read as "free".
    const { lock } = shared();
    expect(() => lock.acquire(A, NaN)).toThrow(expect.objectContaining({ name: "ValueError" }));
    expect(() => lock.acquire(A, -1)).toThrow(expect.objectContaining({ name: "ValueError" }));
    expect(() => lock.acquire(0)).toThrow(expect.objectContaining({ name: "ValueError" }));
    expect(lock.locked()).toBe(false);
  });
});
