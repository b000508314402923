// The dock under real threads: idle workers (puppets) park at their places,
// the test thread hands them threads as start() does, and every ident
// handed off reaches exactly one worker.

import { afterEach, describe, expect, it } from "vitest";
import { CLOSED, closePlace, EMPTY, handOff, leavePlace, park, PARKED, REVIEW, reviewPlace } from "./dock";
import { Ctl } from "./thread-table";
import { DockPuppet, stopDockPuppets } from "./test-workers-dock";

const CONTROL = 0;
const DOCK = 64;

function dockMemory(places: number): { sab: SharedArrayBuffer; i32: Int32Array } {
  const sab = new SharedArrayBuffer(4 * (DOCK + places));
  const i32 = new Int32Array(sab);
  i32[CONTROL + Ctl.Dock] = DOCK;
  i32[CONTROL + Ctl.DockPlaces] = places;
  return { sab, i32 };
}

/** Resolves once place `at` reads PARKED (its worker is waiting there). */
async function parked(i32: Int32Array, at: number): Promise<void> {
  while (Atomics.load(i32, at) !== PARKED) await new Promise((r) => setTimeout(r, 1));
}

afterEach(stopDockPuppets);

describe("dock", () => {
  it("hands each ident to one parked worker, and says so when none is parked", async () => {
    const { sab, i32 } = dockMemory(4);
    expect(handOff(i32, CONTROL, 5)).toBe(false);
    const [a, b] = await Promise.all([DockPuppet.start(sab), DockPuppet.start(sab)]);
    const gotA = a.park(DOCK + 1);
    const gotB = b.park(DOCK + 3);
    await Promise.all([parked(i32, DOCK + 1), parked(i32, DOCK + 3)]);
    expect(handOff(i32, CONTROL, 7)).toBe(true);
    expect(handOff(i32, CONTROL, 8)).toBe(true);
    expect(handOff(i32, CONTROL, 9)).toBe(false);
    const received = [...(await gotA), ...(await gotB)].sort();
    expect(received).toEqual([7, 8]);
  });

  it("a closed place wakes its worker with 0 and tells the runner what it held", async () => {
    const { sab, i32 } = dockMemory(2);
    const worker = await DockPuppet.start(sab);
    const got = worker.park(DOCK);
    await parked(i32, DOCK);
    expect(closePlace(i32, DOCK)).toBe(PARKED);
    expect(await got).toEqual([0]);
    expect(handOff(i32, CONTROL, 3)).toBe(false);
    expect(Atomics.load(i32, DOCK)).toBe(CLOSED);
  });

  it("a place under review wakes its worker, which parks again and says so, and then takes the next run's thread", async () => {
    const { sab, i32 } = dockMemory(1);
    const worker = await DockPuppet.start(sab);
    const got = worker.park(DOCK, 2);
    await parked(i32, DOCK);
    // The runner's wait for the worker to park again, woken by its notify (docked-crew.ts whenParked).
    expect(reviewPlace(i32, DOCK)).toBe(PARKED);
    const wait = Atomics.waitAsync(i32, DOCK, REVIEW, 10_000);
    if (wait.async) expect(await wait.value).toBe("ok");
    await parked(i32, DOCK);
    expect(handOff(i32, CONTROL, 6)).toBe(true);
    expect(await got).toEqual([REVIEW, 6]);
  });

  it("a parked worker sleeps on while the next run is laid over its place (EMPTY), and closing still wakes it", async () => {
    const { sab, i32 } = dockMemory(1);
    const worker = await DockPuppet.start(sab);
    const got = worker.park(DOCK, 3);
    await parked(i32, DOCK);
    Atomics.store(i32, DOCK, EMPTY);
    Atomics.notify(i32, DOCK);
    expect(handOff(i32, CONTROL, 4)).toBe(false);
    Atomics.store(i32, DOCK, PARKED);
    expect(handOff(i32, CONTROL, 4)).toBe(true);
    await parked(i32, DOCK);
    expect(closePlace(i32, DOCK)).toBe(PARKED);
    expect(await got).toEqual([4, 0]);
  });

  it("a worker whose place was handed a thread while it ran its last takes that thread next, not swallowing it", () => {
    const { i32 } = dockMemory(1);
    // (The place was written PARKED behind its back, and a starter handed it thread 7: it must not become PARKED again.)
    i32[DOCK] = 7;
    expect(park(i32, DOCK, false, 5)).toBe(7);
    expect(i32[DOCK]).toBe(7);
  });

  it("a worker that fails its review leaves its place closed, so the runner's wait ends at once", () => {
    const { i32 } = dockMemory(1);
    expect(reviewPlace(i32, DOCK)).toBe(EMPTY);
    leavePlace(i32, DOCK);
    expect(i32[DOCK]).toBe(CLOSED);
    expect(handOff(i32, CONTROL, 3)).toBe(false);
    expect(closePlace(i32, DOCK)).toBe(CLOSED);
  });

  it("a starter that finds no worker parked waits for one whose thread has ended, and is woken by its park", async () => {
    const { sab, i32 } = dockMemory(2);
    const worker = await DockPuppet.start(sab);
    // Place 0's worker still runs thread 5; place 1's has ended thread 7 and is on its way back.
    i32[DOCK] = 5;
    i32[DOCK + 1] = 7;
    const asked: number[] = [];
    let got: Promise<number[]> | undefined;
    const ended = (held: number) => {
      asked.push(held);
      if (held !== 7) return false;
      // It parks only now, while the starter waits (15 s at most: only its park's notify ends the wait sooner).
      got = worker.park(DOCK + 1);
      return true;
    };
    expect(handOff(i32, CONTROL, 9, ended, 15_000)).toBe(true);
    expect(asked.sort()).toEqual([5, 7]);
    expect(await got).toEqual([9]);
    // Workers whose threads still run (5, and now 9) are not waited for.
    expect(handOff(i32, CONTROL, 10, (held) => held === 7, 15_000)).toBe(false);
  });

  it("a starter does not wait again for a worker whose wait timed out on the same ended thread (code that thread left running holds it)", () => {
    const { i32 } = dockMemory(3);
    i32[DOCK + 2] = 11;
    const asked: number[] = [];
    const ended = (held: number) => (asked.push(held), true);
    expect(handOff(i32, CONTROL, 12, ended, 5)).toBe(false);
    expect(asked).toEqual([11]);
    expect(handOff(i32, CONTROL, 13, ended, 5)).toBe(false);
    expect(asked).toEqual([11]);
    // Its place holding another ended thread is a worker on its way back again.
    i32[DOCK + 2] = 14;
    expect(handOff(i32, CONTROL, 15, ended, 5)).toBe(false);
    expect(asked).toEqual([11, 14]);
  });

  it("under a storm of hand-offs to workers that re-park at once, every ident arrives exactly once", async () => {
    const rounds = 2000;
    const { sab, i32 } = dockMemory(2);
    const workers = await Promise.all([DockPuppet.start(sab), DockPuppet.start(sab)]);
    const got = workers.map((w, k) => w.park(DOCK + k, rounds));
    for (let ident = 1; ident <= 2 * rounds; ident++) {
      while (!handOff(i32, CONTROL, ident)) await new Promise((r) => setImmediate(r));
    }
    const received = (await Promise.all(got)).flat().sort((x, y) => x - y);
    expect(received).toEqual(Array.from({ length: 2 * rounds }, (_, k) => k + 1));
  });
});
