// A run's end when its drainer's final pass never ends (run-drain.ts): the
// end gives up after FINAL_DRAIN_MS and goes on (the page is told its trace
// is not whole: supervisor.ts), with a stand-in drainer worker that never
// answers.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SharedHeap } from "../../sync/heap";
import { DEFAULT_SETTINGS } from "../settings";
import { createRunMemory } from "./run-memory";
import { RunDrain } from "./run-drain";
import { WarmPool, type BlobWorkers } from "./worker-pool";
import { Field } from "../thread-table";

describe("RunDrain whose final pass never ends", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("gives up after 5 s", async () => {
    const workers = { create: () => ({ postMessage() {}, terminate() {}, onmessage: null }) as unknown as Worker } as unknown as BlobWorkers;
    const memory = createRunMemory(1, "", DEFAULT_SETTINGS, 0, { heap: SharedHeap.create(1 << 20), userHeap: SharedHeap.create(1 << 20) });
    const drain = new RunDrain(memory, new WarmPool(workers, 1, 0, 1), () => {}, () => {});
    let answer: boolean | undefined;
    void drain.finish(50, 5050).then((drained) => (answer = drained));
    await vi.advanceTimersByTimeAsync(4900);
    expect(answer).toBeUndefined();
    await vi.advanceTimersByTimeAsync(200);
    expect(answer).toBe(false);
  });
});

describe("RunDrain on the runner's own thread (a search's run)", () => {
  it("answers the final pass at once when its trace was already found written over: the drain stopped at that pass", async () => {
    // Before: finish() waited for a pass that never came, with no time limit, and the run never ended.
    const workers = { create: () => ({ postMessage() {}, terminate() {}, onmessage: null }) as unknown as Worker } as unknown as BlobWorkers;
    const memory = createRunMemory(1, "", DEFAULT_SETTINGS, 0, { heap: SharedHeap.create(1 << 20), userHeap: SharedHeap.create(1 << 20) });
    // The snippet writes over MainThread's ring header (its capacity word).
    memory.heap.i32[memory.table.get(memory.main, Field.RingBase) + 3] = 12345;
    let ended = false;
    const drain = new RunDrain(memory, new WarmPool(workers, 1, 0, 1), () => {}, () => (ended = true), true);
    await vi.waitFor(() => expect(ended).toBe(true));
    const answer = await Promise.race([drain.finish(50, 5050), new Promise((resolve) => setTimeout(() => resolve("no answer"), 1000))]);
    expect(answer).toBe(true);
    expect(drain.corrupt).toContain("the run's trace could not be read");
  });
});
