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

describe("RunDrain whose final pass never ends", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("gives up after 5 s", async () => {
    const workers = { create: () => ({ postMessage() {}, terminate() {}, onmessage: null }) as unknown as Worker } as unknown as BlobWorkers;
    const memory = createRunMemory(1, "", DEFAULT_SETTINGS, 0, { heap: SharedHeap.create(1 << 20), userHeap: SharedHeap.create(1 << 20) });
    const drain = new RunDrain(memory, new WarmPool(workers, 1, 0, 1), () => {}, () => {});
    let answer: boolean | undefined;
    void drain.finish(50).then((drained) => (answer = drained));
    await vi.advanceTimersByTimeAsync(4900);
    expect(answer).toBeUndefined();
    await vi.advanceTimersByTimeAsync(200);
    expect(answer).toBe(false);
  });
});
