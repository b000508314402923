// A run's end when its drainer's final pass never ends (run-drain.ts): the
// end gives up after FINAL_DRAIN_MS and says where the trace is cut, from
// what the drainer last wrote in its `sent` word; with a stand-in drainer
// worker that never answers.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SharedHeap } from "../../sync/heap";
import { DRAIN_SENT_F64, type DrainerStart } from "../drainer/drain-protocol";
import { DEFAULT_SETTINGS } from "../settings";
import { createRunMemory } from "./run-memory";
import { RunDrain } from "./run-drain";
import { WarmPool, type BlobWorkers } from "./worker-pool";

function stuckDrainer() {
  const started: DrainerStart[] = [];
  const workers = {
    create: () => ({ postMessage: (start: DrainerStart) => started.push(start), terminate() {}, onmessage: null }) as unknown as Worker,
  } as unknown as BlobWorkers;
  const memory = createRunMemory(1, "", DEFAULT_SETTINGS, 0, { heap: SharedHeap.create(1 << 20), userHeap: SharedHeap.create(1 << 20) });
  const drain = new RunDrain(memory, new WarmPool(workers, 1, 0, 1), () => {}, () => {});
  return { drain, started };
}

describe("RunDrain whose final pass never ends", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("gives up, and cuts the trace at the run's start when the drainer never sent a whole pass", async () => {
    const { drain } = stuckDrainer();
    const finished = drain.finish(50);
    await vi.advanceTimersByTimeAsync(5001);
    expect(await finished).toBe(false);
    expect(drain.sentCompleteMs()).toBe(0);
  });

  it("cuts it where the drainer last sent all it had read", async () => {
    const { drain, started } = stuckDrainer();
    new Float64Array(started[0].commands)[DRAIN_SENT_F64] = 17.25;
    const finished = drain.finish(50);
    await vi.advanceTimersByTimeAsync(5001);
    expect(await finished).toBe(false);
    expect(drain.sentCompleteMs()).toBe(17.25);
  });
});
