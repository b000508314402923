// race.overhead.ratio: the starter's locked half (3 threads x N increments
// of a shared `let counter` under one Lock, API.md §11) with the race
// detector on, over the same with it off, measured in the same page, the
// two runs interleaved 3 times and the medians compared. Goal <= 3 (TSan
// costs 5-15x, Go's -race 2-20x).
import { median, runMeasured } from "../snippet.mjs";

const N = 100_000;

const code = `import { Thread, Lock, Barrier, print } from "playground";
const N = ${N};
let counter = 0;
const lock = new Lock();
const ready = new Barrier(3);
function work() {
  ready.wait();
  for (let i = 0; i < N; i++) lock.with(() => { counter += 1; });
}
const threads = [1, 2, 3].map(() => new Thread({ target: work }));
const t0 = performance.now();
for (const t of threads) t.start();
for (const t of threads) t.join();
print("BENCH:" + JSON.stringify({ ms: performance.now() - t0, counter }));
`;

export default {
  name: "race.overhead.ratio",
  goal: "<= 3",
  async run(page) {
    const off = [];
    const on = [];
    for (let k = 0; k < 3; k++) {
      for (const [settings, into] of [[{ raceDetector: false }, off], [{ raceDetector: true }, on]]) {
        const { ms, counter } = await runMeasured(page, code, { settings });
        if (counter !== 3 * N) throw new Error(`counter is ${counter}, expected ${3 * N}`);
        into.push(ms);
      }
    }
    const ratio = median(on) / median(off);
    return {
      value: ratio, unit: "x", baseline: median(off), ratio,
      note: `3 threads x ${N} locked increments: ${median(on).toFixed(0)} ms on, ${median(off).toFixed(0)} ms off (medians of 3)`,
    };
  },
};
