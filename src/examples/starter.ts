// The snippet a learner sees first: the classic lost-update race, then the
// same program fixed with a Lock. Uses only names declared in playground.d.ts.

export const starterSnippet = `// Three threads add 1 to a shared counter, 100,000 times each.
// Press Run (Ctrl/⌘+Enter): without a lock, some updates are lost.
import { Thread, Lock, print, now } from "playground";

const N = 100_000;
let counter = 0;          // top-level numbers are shared by every thread
const lock = new Lock();

function work(n: number, useLock: boolean) {
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
  const threads = [1, 2, 3].map(
    () => new Thread({ target: work, args: [N, useLock] }),
  );
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  const label = useLock ? "with a lock:   " : "without a lock:";
  print(label, counter, "of", 3 * N, \`(\${(now() - start).toFixed(1)} ms)\`);
}

race(false);
race(true);
`;
