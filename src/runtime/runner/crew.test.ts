// Where a run in parallel gets a worker for each start that reaches the
// runner (crew.ts): a warm one of the pool, and one booted on the spot only
// when none is left; the dock is filled from what the starts leave; with
// stand-in workers that record what they are sent.
import { afterEach, describe, expect, it, vi } from "vitest";
import { SharedHeap } from "../../sync/heap";
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

  it("keeps warm workers in the pool for starts while it fills the dock", () => {
    const { pool, crew, memory } = setUp();
    crews.push(crew);
    crew.start(memory.main);
    crew.start(101);
    crew.fillDock();
    expect(pool.idleCount).toBeGreaterThanOrEqual(2);
  });

  it("fills the dock once a burst of starts has stopped coming, so that each start of the burst gets a warm worker", () => {
    vi.useFakeTimers();
    try {
      const { made, pool, crew, memory } = setUp();
      crews.push(crew);
      crew.start(memory.main);
      // A program starts five threads in a loop: each start reaches the runner, which fills the dock soon after each.
      for (const ident of [101, 102, 103, 104, 105]) {
        crew.start(ident);
        crew.fillDockSoon();
      }
      expect(made, "no worker booted on the spot").toHaveLength(6);
      vi.advanceTimersByTime(10);
      expect(pool.idleCount, "the dock took none: the pool keeps its reserve").toBe(0);
      expect(made).toHaveLength(6);
    } finally {
      vi.useRealTimers();
    }
  });
});
