// Where a run in parallel gets a worker for each start that reaches the
// runner (crew.ts): a worker parked at its dock place first, a warm one of
// the pool next, and a worker booted on the spot only when neither is
// left; with stand-in workers that record what they are sent.
import { afterEach, describe, expect, it } from "vitest";
import { SharedHeap } from "../../sync/heap";
import { PARKED } from "../dock";
import type { ToWorker } from "../protocol";
import { DEFAULT_SETTINGS } from "../settings";
import { Crew } from "./crew";
import { createRunMemory } from "./run-memory";
import { WarmPool, type BlobWorkers } from "./worker-pool";

interface Fake {
  sent: ToWorker[];
  postMessage(message: ToWorker): void;
  terminate(): void;
}

function fakeWorkers(): { workers: BlobWorkers; made: Fake[] } {
  const made: Fake[] = [];
  const workers = {
    create() {
      const w: Fake = { sent: [], postMessage(message) { w.sent.push(message); }, terminate() {} };
      made.push(w);
      return w as unknown as Worker;
    },
  } as unknown as BlobWorkers;
  return { workers, made };
}

const served = (w: Fake) => w.sent.filter((m): m is Extract<ToWorker, { type: "serve" }> => m.type === "serve");

function setUp() {
  const { workers, made } = fakeWorkers();
  // Six warm workers, as the pool holds once a page's first run has ended.
  const pool = new WarmPool(workers, 6, 2, 6);
  const memory = createRunMemory(1, "", DEFAULT_SETTINGS, 0, { heap: SharedHeap.create(1 << 20), userHeap: SharedHeap.create(1 << 20) });
  const crew = new Crew(memory, pool, { started: () => true, message: () => {}, crashed: () => {}, stranded: () => {} }, memory.dockPlaces);
  return { made, pool, memory, crew };
}

let crews: Crew[] = [];
afterEach(() => {
  // (Closes the members' ports, which would keep the test process alive.)
  for (const crew of crews) crew.endRun();
  crews = [];
});

describe("Crew in a run in parallel", () => {
  it("starts that come in a burst, before the dock's workers have parked, all get warm workers", () => {
    const { made, crew, memory } = setUp();
    crews.push(crew);
    crew.start(memory.main);
    // The lesson's three threads: the first finds the dock empty, the runner fills it, and the next two
    // reach the runner before any worker sent to the dock has parked there.
    crew.start(101);
    crew.fillDock();
    crew.start(102);
    crew.start(103);
    expect(made, "no worker booted on the spot").toHaveLength(6);
    const firstThreads = made.flatMap((w) => served(w).map((m) => m.ident ?? 0)).filter((ident) => ident > 0);
    expect(firstThreads.sort()).toEqual([memory.main, 101, 102, 103].sort());
  });

  it("a start that reaches the runner is handed to a worker parked at its place, not to a new one", () => {
    const { made, pool, crew, memory } = setUp();
    crews.push(crew);
    crew.start(memory.main);
    crew.start(101);
    crew.fillDock();
    const docked = made.flatMap((w) => served(w)).filter((m) => m.ident === undefined);
    expect(docked.length).toBeGreaterThan(0);
    // One of them parks (runtime/dock.ts park: its place word goes PARKED).
    const at = docked[0].placeAt;
    Atomics.store(memory.heap.i32, at, PARKED);
    const idle = pool.idleCount;
    crew.start(102);
    expect(Atomics.load(memory.heap.i32, at), "the thread was handed through the parked worker's place").toBe(102);
    expect(pool.idleCount, "no worker was taken from the pool").toBe(idle);
    expect(crew.has(102)).toBe(true);
  });

  it("keeps warm workers in the pool for starts while it fills the dock", () => {
    const { pool, crew, memory } = setUp();
    crews.push(crew);
    crew.start(memory.main);
    crew.start(101);
    crew.fillDock();
    expect(pool.idleCount).toBeGreaterThanOrEqual(2);
  });
});
