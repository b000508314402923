// A run's clock worker (run-clock.ts) with a stand-in worker and a real pool:
// at the run's end it is told to stop and kept for the next run, which gets
// it back; a run that never came to be terminates it.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RunClock } from "./run-clock";
import { WarmPool, type BlobWorkers } from "./worker-pool";

interface Fake {
  sent: { stop: SharedArrayBuffer }[];
  terminated: boolean;
}

function pool(): { pool: WarmPool; made: Fake[] } {
  const made: Fake[] = [];
  const workers = {
    create() {
      const w = { sent: [] as Fake["sent"], terminated: false, postMessage(m: Fake["sent"][0]) { w.sent.push(m); }, terminate() { w.terminated = true; } };
      made.push(w);
      return w as unknown as Worker;
    },
  } as unknown as BlobWorkers;
  return { pool: new WarmPool(workers, 2, 1, 1), made };
}

const place = { heap: new SharedArrayBuffer(16), clockIndex: 1, runStateIndex: 0, epochMs: 0 };

describe("RunClock", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("stops its worker on a word of its own at the run's end, and the next run's clock is the same worker", () => {
    const { pool: clocks, made } = pool();
    const first = new RunClock(clocks, place);
    const [worker] = made;
    const stop = new Int32Array(worker.sent[0].stop);
    expect(Atomics.load(stop, 0)).toBe(0);
    first.end({});
    expect(Atomics.load(stop, 0), "told to stop").toBe(1);
    expect(worker.terminated).toBe(false);
    new RunClock(clocks, place);
    expect(worker.sent.length, "the next run's start went to the same worker").toBe(2);
    expect(worker.sent[1].stop, "with a stop word of its own").not.toBe(worker.sent[0].stop);
  });

  it("terminates its worker when the run never came to be", () => {
    const { pool: clocks, made } = pool();
    new RunClock(clocks, place).abandon();
    expect(made[0].terminated).toBe(true);
  });
});
