// lock.contended4.ns: 4 Threads each do M increments of one shared
// top-level number (`let counter`, shared memory per API.md §1) under one
// Lock; wall time from the first start() to the last join(), divided by the
// 4*M acquire/release pairs. The counter must come out exactly 4*M.
import { runMeasured } from "../snippet.mjs";

const M = 100_000;
const THREADS = 4;

const code = `import { Thread, Lock, print } from "playground";

const M = ${M};
let counter = 0;
const lock = new Lock();

function work() {
  for (let i = 0; i < M; i++) {
    lock.acquire();
    counter += 1;
    lock.release();
  }
}

function main() {
  const threads = Array.from({ length: ${THREADS} }, () => new Thread({ target: work }));
  const t0 = performance.now();
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  const totalMs = performance.now() - t0;
  print("BENCH:" + JSON.stringify({ totalMs, counter }));
}

main();
`;

export default {
  name: "lock.contended4.ns",
  goal: "",
  async run(page) {
    const { totalMs, counter } = await runMeasured(page, code);
    const expected = THREADS * M;
    if (counter !== expected) {
      throw new Error(
        `counter is ${counter}, expected ${expected}: updates were lost ` +
          "(the Lock did not exclude, or top-level `let counter` is not shared memory as API.md §1 says)",
      );
    }
    return { value: (totalMs * 1e6) / expected, unit: "ns", note: `${THREADS} threads x ${M} pairs, total ${totalMs.toFixed(0)} ms` };
  },
};
