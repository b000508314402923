// thread.start.ms: time from just before t.start() to the first line of
// the thread's target, both read with now() (the run's clock, the same in
// every thread); the target stores it in a shared float64 slot. Sequential
// runs with join() between; the median of RUNS.
import { median, runMeasured } from "../snippet.mjs";

const RUNS = 30;

const code = `import { Thread, sharedArray, now, print } from "playground";

const firstLine = sharedArray("float64", 1);

function target() {
  firstLine[0] = now();
}

function main() {
  const samples = new Float64Array(${RUNS});
  for (let i = 0; i < samples.length; i++) {
    const t = new Thread({ target });
    const t0 = now();
    t.start();
    t.join();
    samples[i] = firstLine[0] - t0;
  }
  print("BENCH:" + JSON.stringify({ samples: Array.from(samples) }));
}

main();
`;

export default {
  name: "thread.start.ms",
  goal: "< 1",
  async run(page) {
    const { samples } = await runMeasured(page, code);
    if (samples.length !== RUNS || samples.some((s) => !(s >= 0))) throw new Error(`bad samples ${JSON.stringify(samples)}`);
    const sorted = [...samples].sort((a, b) => a - b);
    return { value: median(samples), unit: "ms", note: `median of ${RUNS}; min ${sorted[0].toFixed(3)}, max ${sorted.at(-1).toFixed(3)}` };
  },
};
