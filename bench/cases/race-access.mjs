// race.access.ns: what the race detector adds to one checked access of a
// shared global: one thread reads and writes `let x` K times with the
// detector on and off (same page, interleaved, medians of 3); the difference
// over the 2K accesses. No other thread runs, so this is the check itself
// (shadow lookup, FastTrack's epoch test, the shadow's spin word), not
// contention.
import { median, runMeasured } from "../snippet.mjs";

const K = 2_000_000;

const code = `import { print } from "playground";
let x = 0;
function loop(k: number) {
  for (let i = 0; i < k; i++) x = x + 1;
}
loop(1000);
const t0 = performance.now();
loop(${K});
print("BENCH:" + JSON.stringify({ ms: performance.now() - t0, x }));
`;

export default {
  name: "race.access.ns",
  goal: "",
  async run(page) {
    const off = [];
    const on = [];
    for (let k = 0; k < 3; k++) {
      off.push((await runMeasured(page, code, { settings: { raceDetector: false } })).ms);
      on.push((await runMeasured(page, code, { settings: { raceDetector: true } })).ms);
    }
    const ns = ((median(on) - median(off)) * 1e6) / (2 * K);
    return { value: ns, unit: "ns", note: `${2 * K} accesses: ${median(on).toFixed(0)} ms checked, ${median(off).toFixed(0)} ms plain (medians of 3)` };
  },
};
