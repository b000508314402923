// Baselines with none of the playground's layers: plain Web Workers that
// the bench page starts itself (classic scripts from a blob, sharing one
// SharedArrayBuffer), running the same work as a playground case in the
// same browser and the same bench run. What the playground adds (the
// runner frame, the door, tracing, eval-breaker checks, shared cells) is
// then the difference between the two figures.
//
// `body` is the text of a function `(i32, k, n, input) => result` run once
// in each of `n` workers: `i32` spans the shared buffer, `k` is the
// worker's index. Word 0 of i32 is the start gate: every worker calls
// `gate()` (a global of the worker) before each timed part, which returns
// when all n have arrived there, so no worker's time includes another's
// boot or the end of another's previous round.
// Words 1.. are the body's. Times across workers: `clock()`, the page's
// clock (timeOrigin + now), one clock for every worker.

const prelude = (body) => `
const body = (${body});
const clock = () => performance.timeOrigin + performance.now();
let gate;
onmessage = (e) => {
  const { sab, k, n, input } = e.data;
  const i32 = new Int32Array(sab);
  let passes = 0;
  gate = () => {
    const all = n * ++passes;
    if (Atomics.add(i32, 0, 1) + 1 === all) { Atomics.notify(i32, 0); return; }
    for (let v; (v = Atomics.load(i32, 0)) < all; ) Atomics.wait(i32, 0, v);
  };
  try {
    postMessage({ ok: true, result: body(i32, k, n, input) });
  } catch (error) {
    postMessage({ ok: false, error: String(error && error.stack || error) });
  }
};
`;

/** Runs `body` in `n` plain workers of the page; resolves to their results, by index. */
export async function runPlainWorkers(page, { body, n, input = null, bufferBytes = 4096, timeoutMs = 120_000 }) {
  return page.evaluate(
    ({ source, n, input, bufferBytes, timeoutMs }) =>
      new Promise((resolve, reject) => {
        const sab = new SharedArrayBuffer(bufferBytes);
        const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
        const workers = [];
        const results = new Array(n);
        let left = n;
        const finish = (error) => {
          clearTimeout(timer);
          for (const w of workers) w.terminate();
          URL.revokeObjectURL(url);
          if (error) reject(error);
          else resolve(results);
        };
        const timer = setTimeout(() => finish(new Error(`plain workers did not finish within ${timeoutMs} ms`)), timeoutMs);
        for (let k = 0; k < n; k++) {
          const w = new Worker(url);
          workers.push(w);
          w.onerror = (e) => finish(new Error(`plain worker ${k}: ${e.message}`));
          w.onmessage = (e) => {
            if (!e.data.ok) return finish(new Error(`plain worker ${k}: ${e.data.error}`));
            results[k] = e.data.result;
            if (--left === 0) finish(null);
          };
          w.postMessage({ sab, k, n, input });
        }
      }),
    { source: prelude(body), n, input, bufferBytes, timeoutMs },
  );
}
