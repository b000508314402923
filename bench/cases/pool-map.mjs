// pool.map.task.us: overhead per item of pool.map of a trivial function over
// 10,000 items on 2 worker processes (Python's default chunking), measured in
// the snippet from the call to the returned list, pool already started.
import { runMeasured } from "../snippet.mjs";

const ITEMS = 10_000;

const code = `import { Pool, print, now } from "playground";
const items = Array.from({ length: ${ITEMS} }, (_, i) => i);
const pool = new Pool(2);
pool.map((x: number) => x, [1, 2, 3, 4]);
let best = Infinity;
for (let r = 0; r < 5; r++) {
  const t0 = now();
  const out = pool.map((x: number) => x + 1, items);
  best = Math.min(best, now() - t0);
  if (out.length !== items.length || out[${ITEMS - 1}] !== ${ITEMS}) throw new Error("wrong result");
}
pool.close(); pool.join();
print("BENCH:" + JSON.stringify({ perTaskUs: (best * 1000) / ${ITEMS} }));
`;

export default {
  name: "pool.map.task.us",
  goal: "<= 50",
  async run(page) {
    const { perTaskUs } = await runMeasured(page, code);
    return { value: perTaskUs, unit: "µs", note: `${ITEMS} items, 2 workers, best of 5` };
  },
};
