// The vector-clock core on real worker threads: three puppets (Node
// worker_threads) share one detector memory, as a run's workers do. Each
// scenario sets up happens-before with the detector's own operations (or
// with a real Lock around a real shared counter) and checks which races
// are reported, by whom and with which previous access.

import { afterEach, describe, expect, it } from "vitest";
import { Access } from "./race-detector";
import { createRaceMemory, Header } from "./race-memory";
import { startRacePuppets, stopRacePuppets, type RacePuppet } from "./test-workers-race";

afterEach(stopRacePuppets);

const CELL = 40;
const LOCK_REF = 7;

/** MainThread (ident 1) starts threads 2 and 3, each on its own worker. */
async function threeThreads(): Promise<{ main: RacePuppet; t2: RacePuppet; t3: RacePuppet; race: SharedArrayBuffer; plain: Int32Array }> {
  const race = createRaceMemory();
  const sab = new SharedArrayBuffer(1024);
  const [main, t2, t3] = await startRacePuppets(race, sab, 3);
  await main.races({ op: "enter", ident: 1, main: true });
  await main.races({ op: "fork", ident: 2 });
  await main.races({ op: "fork", ident: 3 });
  await t2.races({ op: "enter", ident: 2, main: false });
  await t3.races({ op: "enter", ident: 3, main: false });
  return { main, t2, t3, race, plain: new Int32Array(sab) };
}

describe("RaceDetector", () => {
  it("reports two unordered writes once, naming the earlier write", async () => {
    const { t2, t3 } = await threeThreads();
    expect(await t2.races({ op: "write", cell: CELL, site: 10 })).toEqual([]);
    const races = await t3.races({ op: "write", cell: CELL, site: 11 });
    expect(races).toHaveLength(1);
    expect(races[0]).toMatchObject({ cell: CELL, access: Access.Write, site: 11, prevTid: 1, prevAccess: Access.Write, prevSite: 10 });
    // the same pair of sites again: not reported twice
    await t2.races({ op: "write", cell: CELL, site: 10 });
    expect(await t3.races({ op: "write", cell: CELL, site: 11 })).toHaveLength(1);
  });

  it("finds no race where start and join order the accesses", async () => {
    const race = createRaceMemory();
    const [main, child] = await startRacePuppets(race, new SharedArrayBuffer(64), 2);
    await main.races({ op: "enter", ident: 1, main: true });
    await main.races({ op: "write", cell: CELL, site: 1 });
    await main.races({ op: "fork", ident: 2 });
    await child.races({ op: "enter", ident: 2, main: false });
    expect(await child.races({ op: "read", cell: CELL, site: 2 })).toEqual([]);
    expect(await child.races({ op: "write", cell: CELL, site: 3 })).toEqual([]);
    await main.races({ op: "joined", ident: 2 });
    expect(await main.races({ op: "write", cell: CELL, site: 4 })).toEqual([]);
  });

  it("a write after the parent started the thread, before join, races with the parent's read", async () => {
    const race = createRaceMemory();
    const [main, child] = await startRacePuppets(race, new SharedArrayBuffer(64), 2);
    await main.races({ op: "enter", ident: 1, main: true });
    await main.races({ op: "fork", ident: 2 });
    await child.races({ op: "enter", ident: 2, main: false });
    await child.races({ op: "write", cell: CELL, site: 5 });
    const races = await main.races({ op: "read", cell: CELL, site: 6 });
    expect(races).toEqual([expect.objectContaining({ access: Access.Read, site: 6, prevTid: 1, prevAccess: Access.Write, prevSite: 5 })]);
  });

  it("release -> acquire orders a hand-over; without the acquire it is a race", async () => {
    const { t2, t3 } = await threeThreads();
    await t2.races({ op: "write", cell: CELL, site: 1 });
    await t2.races({ op: "release", ref: LOCK_REF });
    await t3.races({ op: "acquire", ref: LOCK_REF });
    expect(await t3.races({ op: "write", cell: CELL, site: 2 })).toEqual([]);
    // t2 writes again without acquiring what t3 released: a race with t3's write
    const races = await t2.races({ op: "write", cell: CELL, site: 3 });
    expect(races).toEqual([expect.objectContaining({ site: 3, prevTid: 2, prevSite: 2 })]);
  });

  it("keeps unordered reads apart (read-shared): a later write races with the reader it is not ordered after", async () => {
    const { main, t2, t3 } = await threeThreads();
    await t2.races({ op: "read", cell: CELL, site: 20 });
    await t3.races({ op: "read", cell: CELL, site: 21 });
    // MainThread learns t3's reads (t3 released, main acquired) but not t2's
    await t3.races({ op: "release", ref: LOCK_REF });
    await main.races({ op: "acquire", ref: LOCK_REF });
    const races = await main.races({ op: "write", cell: CELL, site: 22 });
    expect(races).toEqual([expect.objectContaining({ access: Access.Write, site: 22, prevTid: 1, prevAccess: Access.Read, prevSite: 20 })]);
  });

  it("a counter under a real Lock, two workers in parallel: no report; without the lock: a report", async () => {
    const { t2, t3, plain, race } = await threeThreads();
    const locked = { op: "countLocked", lockBase: 0, ref: LOCK_REF, cell: 8, iterations: 20_000, gate: 4, parties: 2 } as const;
    const [a, b] = await Promise.all([t2.races({ ...locked, ident: 2 }), t3.races({ ...locked, ident: 3 })]);
    expect(plain[8]).toBe(40_000);
    expect([...a, ...b]).toEqual([]);
    const bare = { op: "countBare", cell: 9, iterations: 20_000, gate: 5, parties: 2 } as const;
    const [c, d] = await Promise.all([t2.races(bare), t3.races(bare)]);
    const found = [...c, ...d];
    expect(found.length).toBeGreaterThan(0);
    for (const r of found) expect(r.cell).toBe(9);
    expect(new Int32Array(race)[Header.Overflow]).toBe(0);
  });
});
