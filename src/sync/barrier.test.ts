// Scenarios for the Barrier core (barrier.ts), run on real worker_threads
// that share one SharedArrayBuffer. Word layout: 0-4 the barrier, 8 "last
// round whose action finished", 9 an action counter, 64.. one action counter
// per round. Times are only ever bounded from below; "asleep" is observed
// through onBlock.

import { afterEach, describe, expect, it } from "vitest";
import { Barrier, BROKEN, RESET, TIMED_OUT } from "./barrier";
import { startPuppets, stopPuppets, type Action, type Op, type Prim } from "./test-workers-2";

const BAR: Prim = { kind: "Barrier", base: 0 };
const DONE = 8;
const COUNTER = 9;
const ACTIONS = 64;

function shared(parties: number) {
  const sab = new SharedArrayBuffer(1024);
  const i32 = new Int32Array(sab);
  return { sab, i32, barrier: Barrier.init(i32, BAR.base, parties) };
}

const waitOp = (timeoutMs = Infinity, action?: Action): Op => ({ op: "call", prim: BAR, method: "wait", args: [timeoutMs], action });

afterEach(stopPuppets);

describe("Barrier", () => {
  it("4 parties pass 50 rounds in lockstep: each round's indices are 0..3 and its action runs once, first", async () => {
    // Scenario: four workers each call wait() 50 times. The action adds 1 to
    // its round's counter and then records the round as done. For every
    // round, the four indices returned are a permutation of 0..3, the action
    // ran exactly once, and no worker left a round before its action had
    // finished. Afterwards nobody waits and the barrier is not broken.
    const { sab, i32, barrier } = shared(4);
    const workers = await startPuppets(sab, 4);
    const ROUNDS = 50;
    const replies = await Promise.all(workers.map((w) => w.run({ op: "barrierRounds", base: BAR.base, rounds: ROUNDS, actions: ACTIONS, done: DONE })));
    const results = replies.map((r) => r.value as { indices: number[]; early: number });
    for (let round = 0; round < ROUNDS; round++) {
      expect(results.map((r) => r.indices[round]).sort()).toEqual([0, 1, 2, 3]);
      expect(i32[ACTIONS + round]).toBe(1);
    }
    for (const r of results) expect(r.early).toBe(0);
    expect(barrier.nWaiting()).toBe(0);
    expect(barrier.broken()).toBe(false);
  });

  it("gives indices in arrival order, and the last to arrive runs the action", async () => {
    // Scenario: Barrier(3). a arrives and sleeps, then b (nWaiting is 2).
    // c arrives last with an action that counts: c gets index 2 without
    // sleeping, a gets 0 and b 1, and the action ran once.
    const { sab, i32, barrier } = shared(3);
    const [a, b, c] = await startPuppets(sab, 3);
    const aWait = (await a.runUntilBlocked(waitOp())).reply;
    const bWait = (await b.runUntilBlocked(waitOp())).reply;
    expect(barrier.nWaiting()).toBe(2);
    expect(await c.run(waitOp(Infinity, { kind: "count", cell: COUNTER }))).toMatchObject({ value: 2, blocks: 0 });
    expect((await aWait).value).toBe(0);
    expect((await bWait).value).toBe(1);
    expect(i32[COUNTER]).toBe(1);
  });

  it("abort() breaks it: waiters fail at once, later waits fail, reset() makes it usable again", async () => {
    // Scenario: Barrier(3); a and b are asleep in wait(). This thread calls
    // abort(): both waits return BROKEN, and the barrier reports broken. A
    // new wait fails at once without sleeping. After reset() it is not
    // broken, and three workers pass it again with indices 0..2.
    const { sab, barrier } = shared(3);
    const [a, b, c] = await startPuppets(sab, 3);
    const waits = [(await a.runUntilBlocked(waitOp())).reply, (await b.runUntilBlocked(waitOp())).reply];
    barrier.abort();
    for (const r of await Promise.all(waits)) expect(r.value).toBe(BROKEN);
    expect(barrier.broken()).toBe(true);
    expect(await c.run(waitOp())).toMatchObject({ value: BROKEN, blocks: 0 });
    barrier.reset();
    expect(barrier.broken()).toBe(false);
    const again = await Promise.all([a, b, c].map((p) => p.run(waitOp())));
    expect(again.map((r) => r.value).sort()).toEqual([0, 1, 2]);
  });

  it("reset() while threads wait releases them with RESET, and the barrier works on", async () => {
    // Scenario (CPython's test_reset): Barrier(3); a and b wait (nWaiting 2).
    // reset(): both return RESET; the barrier is not broken, and a full
    // round afterwards gives indices 0..2.
    const { sab, barrier } = shared(3);
    const [a, b, c] = await startPuppets(sab, 3);
    const waits = [(await a.runUntilBlocked(waitOp())).reply, (await b.runUntilBlocked(waitOp())).reply];
    expect(barrier.nWaiting()).toBe(2);
    barrier.reset();
    for (const r of await Promise.all(waits)) expect(r.value).toBe(RESET);
    expect(barrier.broken()).toBe(false);
    const again = await Promise.all([a, b, c].map((p) => p.run(waitOp())));
    expect(again.map((r) => r.value).sort()).toEqual([0, 1, 2]);
  });

  it("a wait that times out breaks the barrier for everyone", async () => {
    // Scenario (CPython's test_timeout): Barrier(3). b waits with no
    // timeout; a waits at most 50 ms and the third party never comes. a
    // returns TIMED_OUT after >= ~50 ms, b returns BROKEN, and the barrier
    // stays broken.
    const { sab, barrier } = shared(3);
    const [a, b] = await startPuppets(sab, 2);
    const bWait = (await b.runUntilBlocked(waitOp())).reply;
    const r = await a.run(waitOp(50));
    expect(r.value).toBe(TIMED_OUT);
    expect(r.elapsedMs).toBeGreaterThanOrEqual(45);
    expect((await bWait).value).toBe(BROKEN);
    expect(barrier.broken()).toBe(true);
  });

  it("an action that throws breaks the barrier: its thread gets the error, the others BROKEN", async () => {
    // Scenario: Barrier(2). a waits; b arrives last with an action that
    // throws. b's wait throws that error; a returns BROKEN; broken is true.
    const { sab, barrier } = shared(2);
    const [a, b] = await startPuppets(sab, 2);
    const aWait = (await a.runUntilBlocked(waitOp())).reply;
    await expect(b.run(waitOp(Infinity, { kind: "throw", message: "action failed" }))).rejects.toThrow("action failed");
    expect((await aWait).value).toBe(BROKEN);
    expect(barrier.broken()).toBe(true);
    expect(barrier.nWaiting()).toBe(0);
  });

  it("Barrier(1) never blocks; parties must be a whole number >= 1", () => {
    // Scenario (CPython's test_single_thread): a one-party barrier trips on
    // every wait, returning index 0. Barrier(0), Barrier(-1), Barrier(2.5)
    // are ValueErrors.
    const i32 = new Int32Array(new SharedArrayBuffer(64));
    const one = Barrier.init(i32, 0, 1);
    expect(one.wait()).toBe(0);
    expect(one.wait()).toBe(0);
    expect(one.parties()).toBe(1);
    expect(() => Barrier.init(i32, 8, 0)).toThrow(expect.objectContaining({ name: "ValueError", message: "parties must be >= 1" }));
    expect(() => Barrier.init(i32, 8, -1)).toThrow(expect.objectContaining({ name: "ValueError" }));
    expect(() => Barrier.init(i32, 8, 2.5)).toThrow(expect.objectContaining({ name: "ValueError" }));
    expect(() => one.wait(NaN)).toThrow(expect.objectContaining({ name: "ValueError" }));
  });
});
