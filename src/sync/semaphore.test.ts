// Scenarios for the Semaphore and BoundedSemaphore cores (semaphore.ts), run
// on real worker_threads that share one SharedArrayBuffer. Word layout: 0-2
// the semaphore, 8 "threads inside now", 9 "most ever inside", 10 a start
// gate. Times are only ever bounded from below.

import { afterEach, describe, expect, it, vi } from "vitest";
import { BoundedSemaphore, Semaphore } from "./semaphore";
import { settlesWithin, startPuppets, stopPuppets, type Prim } from "./test-workers-2";

const SEM: Prim = { kind: "Semaphore", base: 0 };
const INSIDE = 8;
const MAX_INSIDE = 9;
const GATE = 10;

function shared(value: number, bounded = false) {
  const sab = new SharedArrayBuffer(64);
  const i32 = new Int32Array(sab);
  const sem = (bounded ? BoundedSemaphore : Semaphore).init(i32, SEM.base, value);
  return { sab, i32, sem };
}

const tooMany = expect.objectContaining({ name: "ValueError", message: "Semaphore released too many times" });

afterEach(stopPuppets);

describe("Semaphore", () => {
  it("Semaphore(2) never lets more than 2 of 4 workers in at once, over 4 x 2,000 rounds", async () => {
    // Scenario: four workers pass a start gate together, then 2,000 times
    // each: acquire, add 1 to an atomic "inside" counter and record the
    // largest value it ever had, stay ~20 us, leave, release. The largest
    // value is at most 2, and at the end nobody is inside and the value is
    // back to 2.
    const { sab, i32, sem } = shared(2);
    const workers = await startPuppets(sab, 4);
    await Promise.all(
      workers.map((w, k) =>
        w.run({ op: "semRounds", base: SEM.base, ident: k + 1, rounds: 2000, inside: INSIDE, maxInside: MAX_INSIDE, holdUs: 20, gate: GATE, parties: 4 }),
      ),
    );
    expect(i32[MAX_INSIDE]).toBeGreaterThanOrEqual(1);
    expect(i32[MAX_INSIDE]).toBeLessThanOrEqual(2);
    expect(i32[INSIDE]).toBe(0);
    expect(sem.value()).toBe(2);
  });

  it("lets two in without blocking; the third sleeps until one releases", async () => {
    // Scenario: Semaphore(2). a and b acquire at once (no onBlock). c's
    // acquire goes to sleep. a releases; c's acquire returns true, having
    // slept once, and the value is 0 again.
    const { sab, sem } = shared(2);
    const [a, b, c] = await startPuppets(sab, 3);
    for (const [k, p] of [a, b].entries()) expect(await p.call(SEM, "acquire", k + 1)).toMatchObject({ value: true, blocks: 0 });
    const cAcquire = (await c.runUntilBlocked({ op: "call", prim: SEM, method: "acquire", args: [3] })).reply;
    expect(sem.value()).toBe(0);
    await a.call(SEM, "release");
    expect(await cAcquire).toMatchObject({ value: true, blocks: 1 });
    expect(sem.value()).toBe(0);
  });

  it("release(n) wakes n sleepers, and no more", async () => {
    // Scenario: Semaphore(0); a, b and c all sleep in acquire. release(2)
    // from this thread: exactly two of them return true; the third is still
    // asleep 100 ms later. release() lets it through too.
    const { sab, sem } = shared(0);
    const puppets = await startPuppets(sab, 3);
    const acquires = [];
    for (const [k, p] of puppets.entries()) acquires.push((await p.runUntilBlocked({ op: "call", prim: SEM, method: "acquire", args: [k + 1] })).reply);
    const done = acquires.map((p, k) => p.then(() => k));
    sem.release(2);
    const first = await Promise.race(done);
    const second = await Promise.race(done.filter((_, k) => k !== first));
    const last = acquires.find((_, k) => k !== first && k !== second)!;
    expect(await settlesWithin(last, 100)).toBe(false);
    expect(sem.value()).toBe(0);
    sem.release();
    expect((await last).value).toBe(true);
    for (const r of await Promise.all(acquires)) expect(r.value).toBe(true);
  });

  it("acquire with a timeout gives up after at least the timeout; 0 means try once", async () => {
    // Scenario (CPython's test_acquire_timeout): Semaphore(0). acquire(50 ms)
    // sleeps once and returns false after >= ~50 ms; acquire(0) returns
    // false at once without sleeping. After a release, acquire(0) succeeds.
    const { sab, sem } = shared(0);
    const [a] = await startPuppets(sab, 1);
    const r = await a.call(SEM, "acquire", 1, 50);
    expect(r).toMatchObject({ value: false, blocks: 1 });
    expect(r.elapsedMs).toBeGreaterThanOrEqual(45);
    expect(await a.call(SEM, "acquire", 1, 0)).toMatchObject({ value: false, blocks: 0 });
    sem.release();
    expect(await a.call(SEM, "acquire", 1, 0)).toMatchObject({ value: true, blocks: 0 });
  });

  it("never calls onBlock when a unit is free, and lets a plain Semaphore go above its initial value", () => {
    // Scenario: Semaphore(1): acquire with a spy succeeds without calling it;
    // tryAcquire then fails. Releasing twice (more than acquired) is allowed
    // for a plain Semaphore (CPython's test_release_unacquired): value 2.
    const { sem } = shared(1);
    const onBlock = vi.fn();
    expect(sem.acquire(1, Infinity, onBlock)).toBe(true);
    expect(sem.tryAcquire()).toBe(false);
    expect(onBlock).not.toHaveBeenCalled();
    sem.release();
    sem.release();
    expect(sem.value()).toBe(2);
    expect(sem.bound()).toBe(-1);
  });

  it("rejects a negative initial value, release(n < 1) and bad timeouts, with CPython's messages", () => {
    const i32 = new Int32Array(new SharedArrayBuffer(64));
    expect(() => Semaphore.init(i32, 0, -1)).toThrow(expect.objectContaining({ name: "ValueError", message: "semaphore initial value must be >= 0" }));
    expect(() => BoundedSemaphore.init(i32, 0, -1)).toThrow("semaphore initial value must be >= 0");
    expect(() => Semaphore.init(i32, 0, 1.5)).toThrow(expect.objectContaining({ name: "ValueError" }));
    const sem = Semaphore.init(i32, 0, 1);
    expect(() => sem.release(0)).toThrow(expect.objectContaining({ name: "ValueError", message: "n must be one or more" }));
    expect(() => sem.acquire(1, NaN)).toThrow(expect.objectContaining({ name: "ValueError" }));
    expect(() => sem.acquire(1, -5)).toThrow(expect.objectContaining({ name: "ValueError" }));
    expect(sem.value()).toBe(1);
  });
});

describe("BoundedSemaphore", () => {
  it("raises ValueError when released above its initial value, and stays usable", async () => {
    // Scenario (CPython's BoundedSemaphoreTests.test_release_unacquired):
    // BoundedSemaphore(1) released before any acquire throws "Semaphore
    // released too many times" and keeps value 1. a acquires and b (any
    // thread may release) releases: fine. A second release throws again.
    const { sab, sem } = shared(1, true);
    expect(() => sem.release()).toThrow(tooMany);
    expect(sem.value()).toBe(1);
    const [a, b] = await startPuppets(sab, 2);
    expect((await a.call(SEM, "acquire", 1)).value).toBe(true);
    await b.call(SEM, "release");
    expect(sem.value()).toBe(1);
    await expect(b.call(SEM, "release")).rejects.toEqual(tooMany);
    expect(sem.value()).toBe(1);
  });

  it("checks release(n) against the bound as a whole", () => {
    // Scenario: BoundedSemaphore(3) acquired twice has value 1: release(3)
    // would make 4 and throws, changing nothing; release(2) makes 3.
    const { sem } = shared(3, true);
    expect(sem.acquire(1)).toBe(true);
    expect(sem.acquire(1)).toBe(true);
    expect(() => sem.release(3)).toThrow(tooMany);
    expect(sem.value()).toBe(1);
    sem.release(2);
    expect(sem.value()).toBe(3);
    expect(sem.bound()).toBe(3);
  });
});
