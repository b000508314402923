// The coarse clock's loop (clock-loop.ts) on a real worker thread: it
// ticks, and it ends on the runner's own stop word even while the run's
// state word, which the snippet can reach, is held at 0; and on the state
// word too, a while after it leaves 0. It answers the runner's pings with
// its reading of timeOrigin + now(), after the state word left 0 too.
import { afterEach, describe, expect, it } from "vitest";
import { Worker } from "node:worker_threads";
import { ANSWER_AT, ANSWERED, PING, STOP, STOP_BYTES } from "./clock-loop";

const workers: Worker[] = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.terminate()));
});

/** Runs the loop on a worker thread; resolves when it returns. */
function clockOn(heap: SharedArrayBuffer, stop: SharedArrayBuffer): Promise<void> {
  const loopUrl = new URL("./clock-loop.ts", import.meta.url).href;
  const tsx = import.meta.resolve("tsx/esm/api");
  const source = `
    const { workerData, parentPort } = require("node:worker_threads");
    import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(loopUrl)}); }).then(({ runClock }) => {
      runClock({ heap: workerData.heap, clockIndex: 1, runStateIndex: 0, epochMs: 0, stop: workerData.stop });
      parentPort.postMessage("returned");
    });`;
  const worker = new Worker(source, { eval: true, workerData: { heap, stop } });
  workers.push(worker);
  return new Promise((resolve) => worker.once("message", () => resolve()));
}

async function ticked(heap: SharedArrayBuffer): Promise<void> {
  const f64 = new Float64Array(heap);
  while (f64[1] === 0) await new Promise((r) => setTimeout(r, 1));
}

describe("the coarse clock's loop", () => {
  it("ticks, and returns once the runner sets its stop word, though the run's state word stays 0", async () => {
    const heap = new SharedArrayBuffer(16);
    const stop = new Int32Array(new SharedArrayBuffer(STOP_BYTES));
    const returned = clockOn(heap, stop.buffer);
    await ticked(heap);
    expect(Atomics.load(new Int32Array(heap), 0)).toBe(0);
    Atomics.store(stop, 0, 1);
    Atomics.notify(stop, 0);
    await returned;
  });

  it("answers each ping, once, with its reading of the clock taken after the ping was sent", async () => {
    // Scenario: the runner measures its workers' clock through the stop
    // buffer (runner/run-clock.ts); node's threads share one clock, so the
    // answer must fall inside the ping's round trip.
    const heap = new SharedArrayBuffer(16);
    const stop = new Int32Array(new SharedArrayBuffer(STOP_BYTES));
    const answer = new Float64Array(stop.buffer);
    const returned = clockOn(heap, stop.buffer);
    await ticked(heap);
    for (let ping = 1; ping <= 3; ping++) {
      const sent = performance.timeOrigin + performance.now();
      Atomics.store(stop, PING, ping);
      Atomics.notify(stop, STOP);
      while (Atomics.load(stop, ANSWERED) !== ping) await new Promise((r) => setTimeout(r, 0));
      const back = performance.timeOrigin + performance.now();
      // (A millisecond either way: node's two readings of timeOrigin are not exact to the microsecond.)
      expect(answer[ANSWER_AT]).toBeGreaterThan(sent - 1);
      expect(answer[ANSWER_AT]).toBeLessThan(back + 1);
    }
    // The run is over (its state word left 0): the runner measures once more, for the end's stamp.
    Atomics.store(new Int32Array(heap), 0, 1);
    Atomics.store(stop, PING, 4);
    Atomics.notify(stop, STOP);
    while (Atomics.load(stop, ANSWERED) !== 4) await new Promise((r) => setTimeout(r, 0));
    Atomics.store(stop, STOP, 1);
    Atomics.notify(stop, STOP);
    await returned;
  });

  it("returns a while after the run's state word leaves 0, if the runner never stops it", async () => {
    const heap = new SharedArrayBuffer(16);
    const returned = clockOn(heap, new SharedArrayBuffer(STOP_BYTES));
    await ticked(heap);
    Atomics.store(new Int32Array(heap), 0, 1);
    await returned;
  });
});
