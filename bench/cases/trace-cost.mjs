// trace.lock.ratio: a Lock acquire+release pair with its two timeline events
// over the same pair with the thread's event recording off (setTracing),
// same run. trace.event.ns: what one recorded event costs, from the same
// measurement: (traced pair - untraced pair) / 2.
import { runMeasured } from "../snippet.mjs";

const N = 2_000_000;

const code = `import { Lock, print, setTracing } from "playground";
const N = ${N};
function pairs(lock: Lock): number {
  const t0 = performance.now();
  for (let i = 0; i < N; i++) { lock.acquire(); lock.release(); }
  return performance.now() - t0;
}
const lock = new Lock();
let traced = Infinity, untraced = Infinity;
for (let r = 0; r < 5; r++) {
  setTracing(true); traced = Math.min(traced, pairs(lock));
  setTracing(false); untraced = Math.min(untraced, pairs(lock));
}
setTracing(true);
print("BENCH:" + JSON.stringify({ tracedNs: (traced * 1e6) / N, untracedNs: (untraced * 1e6) / N }));
`;

let measured = null;
async function measure(page) {
  measured ??= await runMeasured(page, code);
  return measured;
}

export const lockRatio = {
  name: "trace.lock.ratio",
  goal: "<= 1.5",
  async run(page) {
    const { tracedNs, untracedNs } = await measure(page);
    return { value: tracedNs / untracedNs, unit: "x", baseline: untracedNs, ratio: tracedNs / untracedNs, note: `traced pair ${tracedNs.toFixed(1)} ns vs untraced ${untracedNs.toFixed(1)} ns, best of 5 x ${N}` };
  },
};

export const eventCost = {
  name: "trace.event.ns",
  goal: "<= 50",
  async run(page) {
    const { tracedNs, untracedNs } = await measure(page);
    return { value: Math.max(0, (tracedNs - untracedNs) / 2), unit: "ns", note: "per event: (traced pair - untraced pair) / 2 events" };
  },
};
