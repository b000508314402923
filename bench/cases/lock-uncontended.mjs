// lock.uncontended.ns: one thread, acquire+release of the playground's Lock,
// against a bare Drepper "Futexes Are Tricky" mutex 2 on an Int32Array
// written in the same snippet and timed the same way in the same run.
// The baseline is inlined in its loop (not a function call) because the
// compiler instruments snippet function entries; both loops carry the same
// back-edge check, so the ratio compares the lock operations alone.
// Repetitions alternate Lock/baseline and each takes its best.
import { runMeasured } from "../snippet.mjs";

const N = 2_000_000;
const REPS = 5;

const code = `import { Lock, sharedArray, print } from "playground";

const N = ${N};
const REPS = ${REPS};

function timeLock(lock: Lock): number {
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    lock.acquire();
    lock.release();
  }
  return performance.now() - t0;
}

function timeFutex(a: Int32Array): number {
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    // lock: 0 = free, 1 = locked, 2 = locked with waiters
    let c = Atomics.compareExchange(a, 0, 0, 1);
    if (c !== 0) {
      if (c !== 2) c = Atomics.exchange(a, 0, 2);
      while (c !== 0) {
        Atomics.wait(a, 0, 2);
        c = Atomics.exchange(a, 0, 2);
      }
    }
    // unlock
    if (Atomics.sub(a, 0, 1) !== 1) {
      Atomics.store(a, 0, 0);
      Atomics.notify(a, 0, 1);
    }
  }
  return performance.now() - t0;
}

function main() {
  const lock = new Lock();
  const word = sharedArray("int32", 4);
  let lockMs = Infinity;
  let futexMs = Infinity;
  for (let r = 0; r < REPS; r++) {
    lockMs = Math.min(lockMs, timeLock(lock));
    futexMs = Math.min(futexMs, timeFutex(word));
  }
  print("BENCH:" + JSON.stringify({ lockNs: (lockMs * 1e6) / N, futexNs: (futexMs * 1e6) / N }));
}

main();
`;

export default {
  name: "lock.uncontended.ns",
  goal: "<= 2",
  async run(page) {
    const { lockNs, futexNs } = await runMeasured(page, code);
    return { value: lockNs, unit: "ns", baseline: futexNs, ratio: lockNs / futexNs, note: `best of ${REPS} x ${N} pairs` };
  },
};
