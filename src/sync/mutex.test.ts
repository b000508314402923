// Scenarios for the bare Drepper mutex (mutex.ts), run on real worker_threads
// that share one SharedArrayBuffer. Word 0 is the mutex, word 1 a counter
// cell, word 2 a start gate; times are only ever bounded from below.

import { afterEach, describe, expect, it } from "vitest";
import { CONTENDED, LOCKED, Mutex, UNLOCKED } from "./mutex";
import { startPuppets, stopPuppets } from "./test-workers";

const M = 0;
const CELL = 1;
const GATE = 2;

function shared(): { sab: SharedArrayBuffer; i32: Int32Array } {
  const sab = new SharedArrayBuffer(64);
  return { sab, i32: new Int32Array(sab) };
}

async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setTimeout(r, 1));
}

afterEach(stopPuppets);

describe("Mutex", () => {
  it("walks the word through its states on one thread", () => {
    // Scenario: lock, a failing tryLock, unlock, then a successful tryLock.
    // The word reads 1 while held without waiters and 0 when free.
    const { i32 } = shared();
    const m = new Mutex(i32, M);
    m.lock();
    expect(i32[M]).toBe(LOCKED);
    expect(m.tryLock()).toBe(false);
    expect(m.lockTimed(0)).toBe(false);
    m.unlock();
    expect(i32[M]).toBe(UNLOCKED);
    expect(m.tryLock()).toBe(true);
  });

  it("loses no update of a plain cell: 4 workers x 100,000 increments", async () => {
    // Scenario: four workers wait at a start gate, then each adds 1 to a plain
    // (non-atomic) Int32 cell 100,000 times, holding the mutex around each
    // read-modify-write. Two cores interleave them for real; with mutual
    // exclusion no increment is lost and the cell ends at exactly 400,000.
    const { sab, i32 } = shared();
    const workers = await startPuppets(sab, 4);
    await Promise.all(
      workers.map((w, k) =>
        w.run({ op: "count", kind: "Mutex", base: M, cell: CELL, iterations: 100_000, ident: k + 1, gate: GATE, parties: 4 }),
      ),
    );
    expect(i32[CELL]).toBe(400_000);
    expect(i32[M]).toBe(UNLOCKED);
  });

  it("tryLock fails in one worker while another holds the mutex", async () => {
    // Scenario: worker A locks. Worker B's tryLock fails. A unlocks; B's next
    // tryLock succeeds.
    const { sab } = shared();
    const [a, b] = await startPuppets(sab, 2);
    await a.call("Mutex", M, "lock");
    expect((await b.call("Mutex", M, "tryLock")).value).toBe(false);
    await a.call("Mutex", M, "unlock");
    expect((await b.call("Mutex", M, "tryLock")).value).toBe(true);
  });

  it("lockTimed gives up after its timeout while another worker holds it", async () => {
    // Scenario: A holds the mutex and never lets go in time. B's
    // lockTimed(50) returns false, and only after waiting at least ~50 ms.
    // Once A unlocks, B's lockTimed(50) succeeds.
    const { sab } = shared();
    const [a, b] = await startPuppets(sab, 2);
    await a.call("Mutex", M, "lock");
    const timedOut = await b.call("Mutex", M, "lockTimed", 50);
    expect(timedOut.value).toBe(false);
    expect(timedOut.elapsedMs).toBeGreaterThanOrEqual(45);
    await a.call("Mutex", M, "unlock");
    expect((await b.call("Mutex", M, "lockTimed", 50)).value).toBe(true);
  });

  it("unlock wakes a worker asleep in lock()", async () => {
    // Scenario: A holds the mutex; B calls lock() with no timeout. Once the
    // word reads 2 (B has marked it contended, so it is asleep or about to
    // be), A unlocks. B must be woken by A's notify: if unlock forgot it, B
    // would sleep forever and the test would time out.
    const { sab, i32 } = shared();
    const [a, b] = await startPuppets(sab, 2);
    await a.call("Mutex", M, "lock");
    const bLocked = b.call("Mutex", M, "lock");
    await until(() => Atomics.load(i32, M) === CONTENDED);
    await a.call("Mutex", M, "unlock");
    await bLocked;
    expect(Atomics.load(i32, M)).not.toBe(UNLOCKED);
    await b.call("Mutex", M, "unlock");
    expect(Atomics.load(i32, M)).toBe(UNLOCKED);
  });
});
