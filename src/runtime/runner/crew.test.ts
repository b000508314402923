// Where a run in parallel gets a worker for each start that reaches the
// runner (crew.ts): a warm one of the pool, and one booted on the spot only
// when none is left; the dock is filled from what the starts leave; with
// stand-in workers that record what they are sent.
import { afterEach, describe, expect, it, vi } from "vitest";
import { SharedHeap } from "../../sync/heap";
import type { ToWorker } from "../protocol";
import { PARKED } from "../dock";
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

let crews: Crew[] = [];

/** A run in parallel whose MainThread has started, on a pool of six warm workers (as a page's after its first run). */
function setUp() {
  const { workers, made } = fakeWorkers();
  const pool = new WarmPool(workers, 6, 2, 6);
  const memory = createRunMemory(1, "", DEFAULT_SETTINGS, 0, { heap: SharedHeap.create(1 << 20), userHeap: SharedHeap.create(1 << 20) });
  const crew = new Crew(memory, pool, { started: () => true, message: () => {}, crashed: () => {}, stranded: () => {} }, memory.dockPlaces);
  crews.push(crew);
  crew.start(memory.main);
  return { made, pool, memory, crew };
}
afterEach(() => {
  // (Closes the members' ports, which would keep the test process alive.)
  for (const crew of crews) crew.endRun();
  crews = [];
});

describe("Crew in a run in parallel", () => {
  it("starts that come in a burst, before the dock's workers have parked, all get warm workers", () => {
    const { made, crew, memory } = setUp();
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

  it("keeps warm workers in the pool for starts while it fills the dock", () => {
    const { pool, crew } = setUp();
    crew.start(101);
    crew.fillDock();
    expect(pool.idleCount).toBeGreaterThanOrEqual(2);
  });

  it("fills the dock only once the starts reaching the runner have stopped coming, and only past the pool's reserve", () => {
    vi.useFakeTimers();
    try {
      const { made, pool, crew } = setUp();
      for (const ident of [101, 102]) {
        crew.start(ident);
        crew.fillDockSoon();
      }
      const docked = () => made.flatMap((w) => served(w)).filter((m) => m.ident === undefined).length;
      expect(docked(), "nothing docked while starts may still come").toBe(0);
      expect(pool.idleCount).toBe(3);
      vi.advanceTimersByTime(10);
      expect(docked(), "then one, the most the reserve of two leaves").toBe(1);
      expect(pool.idleCount).toBe(2);
      expect(made, "no worker booted on the spot").toHaveLength(6);
    } finally {
      vi.useRealTimers();
    }
  });

  it("lets no fill timer outlive the run", () => {
    vi.useFakeTimers();
    try {
      const { crew } = setUp();
      crew.start(101);
      crew.fillDockSoon();
      crew.endRun();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("starts a thread that reaches the runner on a worker of its own, even when a worker of the crew is parked", () => {
    // The parked worker may have taken a thread from the dock and run it before its word of that is read: handed
    // another now, that late word would name a thread it does not run, and it would be retired with this one on it.
    const { made, pool, crew, memory } = setUp();
    crew.start(101);
    crew.fillDock();
    const at = made.flatMap((w) => served(w)).find((m) => m.ident === undefined)!.placeAt;
    Atomics.store(memory.heap.i32, at, PARKED);
    const idle = pool.idleCount;
    crew.start(102);
    expect(Atomics.load(memory.heap.i32, at)).toBe(PARKED);
    expect(pool.idleCount).toBe(idle - 1);
  });
});

describe("Crew in a controlled run", () => {
  it("hands MainThread to a docked worker, and no other start", () => {
    const { workers } = fakeWorkers();
    const pool = new WarmPool(workers, 6, 2, 6);
    const memory = createRunMemory(1, "", { ...DEFAULT_SETTINGS, controlled: true, seed: 1 }, 0, { heap: SharedHeap.create(1 << 20), userHeap: SharedHeap.create(1 << 20) });
    const docked = { worker: { postMessage() {}, terminate() {}, onerror: null } as unknown as Worker, port: new MessageChannel().port1, place: 0, ident: 0, last: 0, ran: new Set<number>() };
    const at = memory.dockBase;
    Atomics.store(memory.heap.i32, at, PARKED);
    const crew = new Crew(memory, pool, { started: () => true, message: () => {}, crashed: () => {}, stranded: () => {} }, memory.dockPlaces, "code", [docked]);
    crews.push(crew);
    crew.start(memory.main);
    expect(Atomics.load(memory.heap.i32, at)).toBe(memory.main);
    crew.finished(memory.main);
    // It parks again; a thread's start that found no worker parked reaches the runner after.
    Atomics.store(memory.heap.i32, at, PARKED);
    crew.start(200);
    expect(Atomics.load(memory.heap.i32, at)).toBe(PARKED);
    expect(crew.has(200)).toBe(true);
  });

  it("passes on a late report about any thread a worker ran this run, not only its last, and none about a thread it never ran", async () => {
    const { workers, made } = fakeWorkers();
    const pool = new WarmPool(workers, 6, 2, 6);
    const memory = createRunMemory(1, "", DEFAULT_SETTINGS, 0, { heap: SharedHeap.create(1 << 20), userHeap: SharedHeap.create(1 << 20) });
    const heard: number[] = [];
    const crew = new Crew(memory, pool, { started: () => true, message: (ident, m) => m.type === "late" && heard.push(ident), crashed: () => {}, stranded: () => {} }, memory.dockPlaces);
    crews.push(crew);
    crew.start(101);
    const worker = made.find((w) => served(w).some((m) => m.ident === 101))!;
    const port = served(worker)[0].port;
    // The worker runs 101, then 102 from the dock; code 101 left running acts while 102 runs, then after.
    crew.finished(101);
    port.postMessage({ type: "started", ident: 102 });
    await vi.waitFor(() => expect(crew.has(102)).toBe(true));
    const late = (ident: number) => ({ type: "late", ident, events: 0, lines: 0, timers: 1 });
    port.postMessage(late(101));
    port.postMessage(late(999));
    crew.finished(102);
    port.postMessage(late(101));
    await vi.waitFor(() => expect(heard).toEqual([101, 101]));
  });
});

