// thread.start.ms: time from just before t.start() to the first line of
// the thread's target, both read with now() (the run's clock, the same in
// every thread); the target stores it in a shared float64 slot. Sequential
// runs with join() between, after WARMUP such starts (as figures.py's
// CPython figure takes them); the median of RUNS, and their 95th percentile
// as thread.start.p95.ms.
import { median, p95, runMeasured } from "../snippet.mjs";

const RUNS = 30;
const WARMUP = 3;

const code = `import { Thread, sharedArray, now, print } from "playground";

const firstLine = sharedArray("float64", 1);

function target() {
  firstLine[0] = now();
}

function main() {
  const samples = new Float64Array(${RUNS});
  for (let i = -${WARMUP}; i < samples.length; i++) {
    const t = new Thread({ target });
    firstLine[0] = NaN; // stays NaN if the target never runs
    const t0 = now();
    t.start();
    t.join();
    if (i >= 0) samples[i] = firstLine[0] - t0;
  }
  print("BENCH:" + JSON.stringify({ samples: Array.from(samples) }));
}

main();
`;

export default {
  name: "thread.start.ms",
  goal: "<= 0.1",
  async run(page) {
    const { samples } = await runMeasured(page, code);
    if (samples.length !== RUNS || samples.some((s) => !Number.isFinite(s))) {
      throw new Error(`expected ${RUNS} numbers (NaN: the target never ran), got ${JSON.stringify(samples).slice(0, 200)}`);
    }
    if (samples.some((s) => s < 0)) {
      const worst = Math.min(...samples).toFixed(3);
      throw new Error(
        `a thread's first line came before its start() (down to ${worst} ms): now() in the thread and in MainThread ` +
          "are not one clock (API.md §2: now() is the same clock in every thread)",
      );
    }
    const sorted = [...samples].sort((a, b) => a - b);
    return {
      value: median(samples),
      unit: "ms",
      note: `median of ${RUNS} after ${WARMUP}; min ${sorted[0].toFixed(3)}, max ${sorted.at(-1).toFixed(3)}`,
      also: [{ name: "thread.start.p95.ms", goal: "<= 0.5", value: p95(samples), unit: "ms", note: `95th percentile of the same ${RUNS}` }],
    };
  },
};
