// The snippet a learner sees first: the classic lost-update race, then the
// same program fixed with a Lock. The threads wait at a Barrier so they really
// count at the same time (a thread that starts a moment later could otherwise
// finish its loop before the next one begins, and hide the race).

export const starterSnippet = `// Three threads add 1 to a shared counter, 200,000 times each.
// Press Run (Ctrl/⌘+Enter): without a lock, some updates are lost.
import { Thread, Lock, Barrier, print, now } from "playground";

const N = 200_000;
let counter = 0;          // top-level numbers are shared by every thread
const lock = new Lock();
const ready = new Barrier(3); // start counting together

function work(n: number, useLock: boolean) {
  ready.wait();
  for (let i = 0; i < n; i++) {
    if (useLock) {
      lock.with(() => { counter += 1; });
    } else {
      counter += 1;       // read, add, write: another thread can write in between
    }
  }
}

function race(useLock: boolean) {
  counter = 0;
  const start = now();
  const threads = [1, 2, 3].map(() => new Thread({ target: work, args: [N, useLock] }));
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  const label = useLock ? "with a lock:   " : "without a lock:";
  print(label, counter, "of", 3 * N, \`(\${(now() - start).toFixed(1)} ms)\`);
}

race(false);
race(true);
`;
