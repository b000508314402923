// Scenarios for the RWLock core (rwlock.ts) on real worker_threads sharing
// one SharedArrayBuffer: readers together, a writer alone, writers first.
// Each worker runs a small script (tsx loads the TypeScript core) and
// reports through shared words; nothing is ordered by sleeping.

import { afterEach, describe, expect, it } from "vitest";
import { Worker } from "node:worker_threads";
import { RWLock } from "./rwlock";

// Word layout: the lock at 0; 32 readers inside now; 33 writers inside now;
// 34 most readers ever inside at once; 35 violations seen; 36 start gate;
// 37 readers that got in while a writer waited (writer priority broken).
const INSIDE_R = 32, INSIDE_W = 33, MAX_R = 34, BAD = 35, GATE = 36;

const workers: Worker[] = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.terminate()));
});

function spawn(sab: SharedArrayBuffer, body: string, data: Record<string, unknown>): Promise<unknown> {
  const url = new URL("./rwlock.ts", import.meta.url).href;
  const tsx = import.meta.resolve("tsx/esm/api");
  const source = `
    const { workerData, parentPort } = require("node:worker_threads");
    import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(url)}); }).then(({ RWLock }) => {
      const i32 = new Int32Array(workerData.sab);
      const lock = new RWLock(i32, 0);
      const d = workerData;
      ${body}
    });`;
  const worker = new Worker(source, { eval: true, workerData: { sab, ...data } });
  workers.push(worker);
  return new Promise((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
}

// 38-40: the readers' meeting inside the lock (readers that hold it now, whether all held it at once, readers
// done meeting): each reader takes the lock and waits, holding it, for the others to be in too; the writers
// wait for the meeting to end. Readers let in together meet; a lock that let in one at a time would keep
// the others out until the wait gave up (10 s), and they would not have met.
const MET = 38, TOGETHER = 39, MET_DONE = 40;

// One round of a reader or a writer: get in, check who else is in, leave.
const ROUNDS = `
  Atomics.add(i32, ${GATE}, 1);
  while (Atomics.load(i32, ${GATE}) < d.parties) {}
  if (!d.write) {
    lock.acquireRead(d.ident);
    Atomics.add(i32, ${MET}, 1);
    const t0 = Date.now();
    while (Atomics.load(i32, ${MET}) < d.readers && Date.now() - t0 < 10000) {}
    if (Atomics.load(i32, ${MET}) >= d.readers) Atomics.add(i32, ${TOGETHER}, 1);
    lock.releaseRead(d.ident);
    Atomics.add(i32, ${MET_DONE}, 1);
  } else {
    while (Atomics.load(i32, ${MET_DONE}) < d.readers) {}
  }
  for (let r = 0; r < d.rounds; r++) {
    if (d.write) {
      lock.acquireWrite(d.ident);
      if (Atomics.add(i32, ${INSIDE_W}, 1) !== 0 || Atomics.load(i32, ${INSIDE_R}) !== 0) Atomics.add(i32, ${BAD}, 1);
      for (let k = 0; k < 200; k++) {}
      Atomics.sub(i32, ${INSIDE_W}, 1);
      lock.releaseWrite(d.ident);
    } else {
      lock.acquireRead(d.ident);
      const inside = Atomics.add(i32, ${INSIDE_R}, 1) + 1;
      if (Atomics.load(i32, ${INSIDE_W}) !== 0) Atomics.add(i32, ${BAD}, 1);
      for (let seen = Atomics.load(i32, ${MAX_R}); inside > seen; seen = Atomics.load(i32, ${MAX_R})) {
        if (Atomics.compareExchange(i32, ${MAX_R}, seen, inside) === seen) break;
      }
      for (let k = 0; k < 2000; k++) {}
      Atomics.sub(i32, ${INSIDE_R}, 1);
      lock.releaseRead(d.ident);
    }
  }
  parentPort.postMessage("done");`;

describe("RWLock", () => {
  it("lets readers in together and a writer in alone, over 3 readers x 3,000 and 2 writers x 1,000 rounds", async () => {
    // Scenario: five workers pass a start gate together; the three readers
    // meet inside the lock, all holding it at once; then readers and writers
    // loop. A writer never finds anyone inside; a reader never finds a writer.
    const sab = new SharedArrayBuffer(64 * 4);
    const parties = 5;
    await Promise.all([
      ...[1, 2, 3].map((ident) => spawn(sab, ROUNDS, { ident, write: false, rounds: 3000, parties, readers: 3 })),
      ...[4, 5].map((ident) => spawn(sab, ROUNDS, { ident, write: true, rounds: 1000, parties, readers: 3 })),
    ]);
    const i32 = new Int32Array(sab);
    expect(i32[BAD]).toBe(0);
    expect(i32[TOGETHER], "the three readers held the lock at once").toBe(3);
    const lock = new RWLock(i32, 0);
    expect([lock.readers(), lock.writer(), lock.holder()]).toEqual([0, 0, 0]);
  });

  it("a waiting writer keeps new readers out, and gets in when the readers it waited for leave", async () => {
    // Scenario: this thread holds a read. A worker asks for the write hold
    // (it waits: onBlock is seen through word 40). A second read, asked for
    // now, is refused at once (timeout 0) though only readers hold the lock.
    // When this thread's read is released the writer gets in (word 41).
    const sab = new SharedArrayBuffer(64 * 4);
    const i32 = new Int32Array(sab);
    const lock = new RWLock(i32, 0);
    expect(lock.acquireRead(1)).toBe(true);
    const writer = spawn(sab, `
      lock.acquireWrite(2, Infinity, () => { Atomics.store(i32, 40, 1); Atomics.notify(i32, 40); });
      Atomics.store(i32, 41, 1);
      lock.releaseWrite(2);
      parentPort.postMessage("done");`, {});
    while (Atomics.load(i32, 40) === 0) await new Promise((r) => setTimeout(r, 1));
    expect(lock.holder()).toBe(1);
    expect(lock.acquireRead(3, 0)).toBe(false);
    expect(Atomics.load(i32, 41)).toBe(0);
    lock.releaseRead(1);
    await writer;
    expect(Atomics.load(i32, 41)).toBe(1);
    expect(lock.acquireRead(3, 0)).toBe(true);
    lock.releaseRead(3);
  });

  it("refuses releases of what is not held, with RuntimeError, and gives up after a timeout", () => {
    const i32 = new Int32Array(new SharedArrayBuffer(64 * 4));
    const lock = new RWLock(i32, 0);
    expect(() => lock.releaseRead(1)).toThrow(expect.objectContaining({ name: "RuntimeError" }));
    expect(lock.acquireWrite(1)).toBe(true);
    expect(() => lock.releaseWrite(2)).toThrow(expect.objectContaining({ name: "RuntimeError" }));
    const t0 = performance.now();
    expect(lock.acquireRead(2, 30)).toBe(false);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(29);
    expect(lock.acquireWrite(2, 0)).toBe(false);
    lock.releaseWrite(1);
    expect(lock.acquireWrite(2, 0)).toBe(true);
  });
});
