// The warm pool's keeping of workers for the next controlled run of the
// same code (worker-pool.ts), with stand-in workers: which worker a run
// gets, and which are terminated when.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { WarmPool, type BlobWorkers } from "./worker-pool";

interface Fake {
  id: number;
  terminated: boolean;
  terminate(): void;
}

function fakeWorkers(): { workers: BlobWorkers; made: Fake[] } {
  const made: Fake[] = [];
  const workers = {
    create() {
      const w: Fake = { id: made.length + 1, terminated: false, terminate() { w.terminated = true; } };
      made.push(w);
      return w as unknown as Worker;
    },
  } as unknown as BlobWorkers;
  return { workers, made };
}

describe("WarmPool keeping workers for the same code", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("a worker kept for a code serves the next run of that code, and no other", () => {
    const { workers } = fakeWorkers();
    const pool = new WarmPool(workers, 2, 1);
    const served = pool.take("A");
    pool.keep(served, "A", {});
    expect(pool.take("B")).not.toBe(served);
    expect(pool.take("A")).toBe(served);
  });

  it("a run of other code terminates the workers kept for earlier code", () => {
    const { workers } = fakeWorkers();
    const pool = new WarmPool(workers, 2, 1);
    const served = pool.take("A") as unknown as Fake;
    pool.keep(served as unknown as Worker, "A", {});
    pool.runStarts("B");
    expect(served.terminated).toBe(true);
    expect(pool.take("A")).not.toBe(served);
  });

  it("kept workers are terminated once they have waited 3 s", () => {
    const { workers } = fakeWorkers();
    const pool = new WarmPool(workers, 2, 1);
    const served = pool.take("A") as unknown as Fake;
    pool.keep(served as unknown as Worker, "A", {});
    vi.advanceTimersByTime(3001);
    expect(served.terminated).toBe(true);
  });

  it("a worker serves runs in at most 12 memories, then is terminated even if clean", () => {
    const { workers } = fakeWorkers();
    const pool = new WarmPool(workers, 2, 1);
    const worker = pool.take("A");
    let runs = 1;
    for (; runs < 20; runs++) {
      pool.keep(worker, "A", {});
      if ((worker as unknown as Fake).terminated) break;
      expect(pool.take("A")).toBe(worker);
    }
    expect(runs).toBe(12);
  });

  it("runs in the same memory count once: a worker serves a search on one memory for 1,000 runs", () => {
    const { workers } = fakeWorkers();
    const pool = new WarmPool(workers, 2, 1);
    const worker = pool.take("A");
    const memory = {};
    let runs = 1;
    for (; runs < 2000; runs++) {
      pool.keep(worker, "A", memory);
      if ((worker as unknown as Fake).terminated) break;
      expect(pool.take("A")).toBe(worker);
    }
    expect(runs).toBe(1000);
  });

  it("dispose terminates the kept workers and any kept after it", () => {
    const { workers } = fakeWorkers();
    const pool = new WarmPool(workers, 2, 1);
    const a = pool.take("A") as unknown as Fake;
    const b = pool.take("A") as unknown as Fake;
    pool.keep(a as unknown as Worker, "A", {});
    pool.dispose();
    expect(a.terminated).toBe(true);
    pool.keep(b as unknown as Worker, "A", {});
    expect(b.terminated).toBe(true);
  });
});

describe("WarmPool booting at first only what a first run needs", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("boots `initial` workers, and the rest once a run has ended", () => {
    const { workers, made } = fakeWorkers();
    const pool = new WarmPool(workers, 6, 2, 1);
    expect(made.length).toBe(1);
    pool.take();
    // The first run is not slowed by boots, not even the one it took: its end grows the pool.
    vi.advanceTimersByTime(5000);
    expect(made.length).toBe(1);
    pool.runEnded();
    vi.advanceTimersByTime(100);
    expect(made.length).toBe(7);
  });

  it("boots the rest when the page says it has loaded, unless a run goes on: then at its end", () => {
    const { workers, made } = fakeWorkers();
    const pool = new WarmPool(workers, 6, 2, 3);
    pool.grow();
    vi.advanceTimersByTime(100);
    expect(made.length).toBe(6);

    const busy = fakeWorkers();
    const during = new WarmPool(busy.workers, 6, 2, 3);
    during.runStarts(undefined);
    during.take();
    during.grow();
    vi.advanceTimersByTime(5000);
    expect(busy.made.length, "nothing boots beside the first run").toBe(3);
    during.runEnded();
    vi.advanceTimersByTime(100);
    expect(during.idleCount).toBe(6);
  });

  it("a take after the pool grew refills it below its low water: a few during the run, the rest at its end", () => {
    const { workers, made } = fakeWorkers();
    const pool = new WarmPool(workers, 6, 2, 1);
    pool.runEnded();
    vi.advanceTimersByTime(100);
    expect(made.length).toBe(6);
    for (let i = 0; i < 5; i++) pool.take();
    vi.advanceTimersByTime(100);
    expect(pool.idleCount, "one past the low-water mark while the run goes on").toBe(3);
    expect(made.length).toBe(8);
    pool.runEnded();
    vi.advanceTimersByTime(100);
    expect(pool.idleCount).toBe(6);
    expect(made.length).toBe(11);
  });

  it("keeps booting only a few while a run goes on, even when the run before it ends after it began", () => {
    // A new run stops the one going on, whose end (after its last drain) comes once the new one has begun.
    const { workers, made } = fakeWorkers();
    const pool = new WarmPool(workers, 6, 2, 6);
    pool.runStarts(undefined);
    pool.take();
    pool.runStarts(undefined);
    for (let i = 0; i < 4; i++) pool.take();
    pool.runEnded();
    vi.advanceTimersByTime(100);
    expect(pool.idleCount, "the new run still goes on").toBe(3);
    pool.runEnded();
    vi.advanceTimersByTime(100);
    expect(pool.idleCount).toBe(6);
    expect(made.length).toBe(11);
  });

  it("boots no more than `initial` on its own, however long no run comes: the page says when it has loaded", () => {
    const { workers, made } = fakeWorkers();
    const pool = new WarmPool(workers, 6, 2, 1);
    vi.advanceTimersByTime(60_000);
    expect(made.length).toBe(1);
    pool.grow();
    vi.advanceTimersByTime(100);
    expect(made.length).toBe(6);
  });

  it("a run that needs more workers than are booted still gets them", () => {
    const { workers, made } = fakeWorkers();
    const pool = new WarmPool(workers, 6, 2, 1);
    const taken = [pool.take(), pool.take(), pool.take()];
    expect(new Set(taken).size).toBe(3);
    expect(made.length).toBe(3);
  });

  it("has only the idle workers the next starts take compile a run's snippet, each once, in the order take() hands them out", () => {
    const posted: { id: number; js: string }[] = [];
    const made: Worker[] = [];
    const workers = {
      create() {
        const id = made.length + 1;
        const w = { id, terminate() {}, postMessage(m: { js: string }) { posted.push({ id, js: m.js }); } } as unknown as Worker;
        made.push(w);
        return w;
      },
    } as unknown as BlobWorkers;
    const pool = new WarmPool(workers, 8, 2);
    expect(made.length).toBe(8);
    pool.prepare({ runId: 1, js: "a" } as Parameters<WarmPool["prepare"]>[0]);
    pool.prepare({ runId: 1, js: "a" } as Parameters<WarmPool["prepare"]>[0]);
    expect(posted).toEqual([{ id: 1, js: "a" }, { id: 2, js: "a" }, { id: 3, js: "a" }]);
    expect(pool.take()).toBe(made[0]);
  });
});
