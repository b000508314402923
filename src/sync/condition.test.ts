// Scenarios for the Condition core (condition.ts), run on real worker_threads
// that share one SharedArrayBuffer. Word layout: 0-1 a Lock, 2-4 an RLock,
// 8-10 a Condition over the Lock, 12-14 a Condition over the RLock, 16 a
// counter cell, 32.. one waiter node (2 words) per puppet, 64.. a bounded
// buffer. Times are only ever bounded from below; "asleep" is observed
// through onBlock, never guessed from a delay.

import { afterEach, describe, expect, it } from "vitest";
import { Condition } from "./condition";
import { Lock } from "./lock";
import { RLock } from "./rlock";
import { settlesWithin, startPuppets, stopPuppets, type Buffer, type LockRef, type Op, type Prim } from "./test-workers-2";

const LOCK: LockRef = { kind: "Lock", base: 0 };
const RLOCK: LockRef = { kind: "RLock", base: 2 };
const COND: Prim = { kind: "Condition", base: 8, lock: LOCK };
const RCOND: Prim = { kind: "Condition", base: 12, lock: RLOCK };
const CELL = 16;
const node = (k: number) => 32 + 2 * k;
const BUF: Buffer = { lock: 64, notFull: 66, notEmpty: 69, meta: 72, slots: 80, capacity: 4 };

function shared() {
  const sab = new SharedArrayBuffer(1024);
  const i32 = new Int32Array(sab);
  const lock = new Lock(i32, LOCK.base);
  const rlock = new RLock(i32, RLOCK.base);
  return { sab, i32, lock, rlock, cond: new Condition(i32, COND.base, lock), rcond: new Condition(i32, RCOND.base, rlock) };
}

/** Puppet k (ident k+1) takes the lock, waits on `prim`, and releases the lock. */
const waitOp = (k: number, timeoutMs = Infinity, prim = COND): Op => ({ op: "call", prim, method: "wait", args: [k + 1, node(k), timeoutMs], holding: true });
/** Puppet k takes the lock, notifies `n` (or all), and releases the lock. */
const notifyOp = (k: number, n?: number, prim = COND): Op =>
  n === undefined ? { op: "call", prim, method: "notifyAll", args: [k + 1], holding: true } : { op: "call", prim, method: "notify", args: [k + 1, n], holding: true };

const unacquired = (what: string) => expect.objectContaining({ name: "RuntimeError", message: `cannot ${what} on un-acquired lock` });

afterEach(stopPuppets);

describe("Condition", () => {
  it("passes every item from 2 producers to 2 consumers through a 4-slot buffer, none lost or doubled", async () => {
    // Scenario (the classic bounded buffer): one Lock, two Conditions over it
    // (notFull, notEmpty). Two producers each put 2,000 numbers, waiting on
    // notFull while the 4 slots are full and notifying notEmpty after each
    // put; two consumers each take 2,000, waiting on notEmpty while it is
    // empty and notifying notFull. A lost wake-up would hang the test. In the
    // end the consumers together hold every number exactly once, each
    // producer's numbers in the order it put them, and nobody still waits.
    const { sab, i32, lock } = shared();
    const [p0, p1, c0, c1] = await startPuppets(sab, 4);
    const N = 2000;
    const items = (p: number) => Array.from({ length: N }, (_, i) => p * 100_000 + i);
    const replies = await Promise.all([
      p0.run({ op: "produce", buf: BUF, ident: 1, node: node(0), items: items(1) }),
      p1.run({ op: "produce", buf: BUF, ident: 2, node: node(1), items: items(2) }),
      c0.run({ op: "consume", buf: BUF, ident: 3, node: node(2), count: N }),
      c1.run({ op: "consume", buf: BUF, ident: 4, node: node(3), count: N }),
    ]);
    const got = [replies[2].value as number[], replies[3].value as number[]];
    expect([...got[0], ...got[1]].sort((a, b) => a - b)).toEqual([...items(1), ...items(2)]);
    for (const taken of got) {
      for (const p of [1, 2]) {
        const mine = taken.filter((x) => Math.floor(x / 100_000) === p);
        expect(mine).toEqual([...mine].sort((a, b) => a - b));
      }
    }
    expect(i32[BUF.meta + 2]).toBe(0);
    expect(new Condition(i32, BUF.notFull, lock).waiting()).toBe(0);
    expect(new Condition(i32, BUF.notEmpty, lock).waiting()).toBe(0);
    expect(new Lock(i32, BUF.lock).locked()).toBe(false);
  });

  it("notify(1) wakes exactly one of three waiters, the one that waited longest", async () => {
    // Scenario: puppets a, b, c start waiting in that order (each asleep
    // before the next starts). d takes the lock and calls notify(1), which
    // reports one thread woken. a returns true; b and c are still asleep
    // 100 ms later and two threads are still queued. Then notifyAll reports
    // two woken, and b and c return true.
    const { sab, cond } = shared();
    const [a, b, c, d] = await startPuppets(sab, 4);
    const waits = [];
    for (const [k, p] of [a, b, c].entries()) waits.push((await p.runUntilBlocked(waitOp(k))).reply);
    expect(cond.waiting()).toBe(3);
    expect((await d.run(notifyOp(3, 1))).value).toBe(1);
    const first = await waits[0];
    expect(first.value).toBe(true);
    expect(first.blocks).toBe(1);
    expect(await settlesWithin(Promise.race([waits[1], waits[2]]), 100)).toBe(false);
    expect(cond.waiting()).toBe(2);
    expect((await d.run(notifyOp(3))).value).toBe(2);
    for (const r of await Promise.all(waits.slice(1))) expect(r.value).toBe(true);
    expect(cond.waiting()).toBe(0);
  });

  it("notifyAll wakes every waiter, and notify with nobody waiting does nothing", async () => {
    // Scenario: notify(5) with an empty queue wakes nobody and is no error.
    // Then three puppets wait; notifyAll reports three woken and all three
    // waits return true, each having re-taken the lock (the harness releases
    // it after the wait, which would throw had the lock not been held).
    const { sab, cond } = shared();
    const [a, b, c, d] = await startPuppets(sab, 4);
    expect((await d.run(notifyOp(3, 5))).value).toBe(0);
    const waits = [];
    for (const [k, p] of [a, b, c].entries()) waits.push((await p.runUntilBlocked(waitOp(k))).reply);
    expect((await d.run(notifyOp(3))).value).toBe(3);
    for (const r of await Promise.all(waits)) expect(r.value).toBe(true);
    expect(cond.waiting()).toBe(0);
  });

  it("wait(timeout) returns false after at least the timeout, holding the lock again", async () => {
    // Scenario: a waits 50 ms and nobody notifies. It sleeps once, returns
    // false after >= ~50 ms, leaves the queue, and holds the lock (released
    // by the harness without error). wait(0) also returns false at once,
    // without sleeping.
    const { sab, cond, lock } = shared();
    const [a] = await startPuppets(sab, 1);
    const r = await a.run(waitOp(0, 50));
    expect(r.value).toBe(false);
    expect(r.elapsedMs).toBeGreaterThanOrEqual(45);
    expect(r.blocks).toBe(1);
    expect(cond.waiting()).toBe(0);
    expect(lock.locked()).toBe(false);
    const zero = await a.run(waitOp(0, 0));
    expect(zero.value).toBe(false);
    expect(zero.blocks).toBe(0);
    expect(cond.waiting()).toBe(0);
  });

  it("a waiter that timed out leaves the queue, so a later notify(1) reaches one still waiting", async () => {
    // Scenario: a waits with a 30 ms timeout, then b waits with none. After
    // a has timed out, notify(1) must wake b (one woken), not be spent on a.
    const { sab, cond } = shared();
    const [a, b, d] = await startPuppets(sab, 3);
    const aWait = (await a.runUntilBlocked(waitOp(0, 30))).reply;
    const bWait = (await b.runUntilBlocked(waitOp(1))).reply;
    expect((await aWait).value).toBe(false);
    expect(cond.waiting()).toBe(1);
    expect((await d.run(notifyOp(2, 1))).value).toBe(1);
    expect((await bWait).value).toBe(true);
  });

  it("a woken waiter that finds the lock taken sleeps on the lock (onRelock), then returns true", async () => {
    // Scenario: a waits. d takes the lock, notifies and keeps holding it. a
    // wakes, tries to re-take the lock, and goes to sleep on it: the lock
    // word turns CONTENDED (2). Only then does d release; a's wait returns
    // true with one onBlock (the condition) and one onRelock (the lock).
    const { sab, i32, lock } = shared();
    const [a, d] = await startPuppets(sab, 2);
    const aWait = (await a.runUntilBlocked(waitOp(0))).reply;
    await d.call(LOCK, "acquire", 4);
    expect((await d.call(COND, "notify", 4, 1)).value).toBe(1);
    while (Atomics.load(i32, LOCK.base) !== 2) await new Promise((r) => setTimeout(r, 1));
    await d.call(LOCK, "release", 4);
    const r = await aWait;
    expect(r).toMatchObject({ value: true, blocks: 1, relocks: 1 });
    expect(lock.locked()).toBe(false);
  });

  it("over an RLock, wait releases every level and restores them", async () => {
    // Scenario: a acquires the RLock three times and waits. While a waits the
    // RLock is free: b takes it, notifies, releases. a's wait returns true
    // and a owns the RLock again at depth 3.
    const { sab, rlock } = shared();
    const [a, b] = await startPuppets(sab, 2);
    for (let n = 0; n < 3; n++) await a.call(RLOCK, "acquire", 1);
    const aWait = (await a.runUntilBlocked({ op: "call", prim: RCOND, method: "wait", args: [1, node(0)] })).reply;
    expect(rlock.locked()).toBe(false);
    expect((await b.call(RLOCK, "acquire", 2, 0)).value).toBe(true);
    expect((await b.call(RCOND, "notify", 2)).value).toBe(1);
    await b.call(RLOCK, "release", 2);
    expect((await aWait).value).toBe(true);
    expect(rlock.owner()).toBe(1);
    expect(rlock.count()).toBe(3);
  });

  it("waitFor returns once the predicate holds, waking and re-checking on each notify", async () => {
    // Scenario (CPython's test_waitfor): a waits for "cell >= 3". Three
    // times, once a is asleep, the cell goes up by one and d notifies. a
    // returns true after the third, having slept three times.
    const { sab, i32 } = shared();
    const [a, d] = await startPuppets(sab, 2);
    let asleep = a.nextBlock();
    const aWait = a.run({ op: "call", prim: COND, method: "waitFor", args: [1, node(0)], until: { cell: CELL, atLeast: 3 }, holding: true });
    for (let n = 0; n < 3; n++) {
      await asleep;
      asleep = a.nextBlock();
      Atomics.add(i32, CELL, 1);
      await d.run(notifyOp(3, 1));
    }
    expect(await aWait).toMatchObject({ value: true, blocks: 3 });
  });

  it("waitFor with a timeout returns false after at least the timeout, however often it is woken", async () => {
    // Scenario (CPython's test_waitfor_timeout): a waits at most 80 ms for
    // "cell >= 100"; meanwhile d notifies a few times, which wakes a early
    // each time. a keeps waiting for the time left and returns false after
    // >= ~80 ms.
    const { sab } = shared();
    const [a, d] = await startPuppets(sab, 2);
    const aWait = a.run({ op: "call", prim: COND, method: "waitFor", args: [1, node(0), 80], until: { cell: CELL, atLeast: 100 }, holding: true });
    for (let n = 0; n < 3; n++) {
      await new Promise((r) => setTimeout(r, 10));
      await d.run(notifyOp(3, 1));
    }
    const r = await aWait;
    expect(r.value).toBe(false);
    expect(r.elapsedMs).toBeGreaterThanOrEqual(75);
  });

  it("refuses wait and notify by a thread that does not hold the lock", async () => {
    // Scenario: with the lock free, wait and notify throw CPython's
    // RuntimeErrors and change nothing. While b holds the lock, a's wait and
    // notify throw the same (a is not the holder), and the lock stays b's.
    const { sab, cond, lock } = shared();
    expect(() => cond.wait(1, node(0))).toThrow(unacquired("wait"));
    expect(() => cond.notify(1)).toThrow(unacquired("notify"));
    expect(() => cond.notifyAll(1)).toThrow(unacquired("notify"));
    expect(cond.waiting()).toBe(0);
    const [a, b] = await startPuppets(sab, 2);
    await b.call(LOCK, "acquire", 2);
    await expect(a.call(COND, "wait", 1, node(0))).rejects.toEqual(unacquired("wait"));
    await expect(a.call(COND, "notify", 1)).rejects.toEqual(unacquired("notify"));
    expect(lock.owner()).toBe(2);
    expect(cond.waiting()).toBe(0);
  });

  it("rejects bad timeouts and waiter nodes", () => {
    // Scenario: a NaN or negative timeout, and a node outside the heap or at
    // word 0 (which means "no node"), are ValueErrors, raised before the lock
    // is released.
    const { cond, lock } = shared();
    lock.acquire(1);
    expect(() => cond.wait(1, node(0), NaN)).toThrow(expect.objectContaining({ name: "ValueError" }));
    expect(() => cond.wait(1, node(0), -1)).toThrow(expect.objectContaining({ name: "ValueError" }));
    expect(() => cond.wait(1, 0)).toThrow(expect.objectContaining({ name: "ValueError" }));
    expect(() => cond.wait(1, 1 << 20)).toThrow(expect.objectContaining({ name: "ValueError" }));
    expect(lock.owner()).toBe(1);
    expect(cond.waiting()).toBe(0);
  });
});
