// A controlled run's workers serve the next run of the same code (a
// search's next schedule) only when the snippet left them as they booted
// (runtime/worker-hygiene.ts): a search reuses its workers, and a snippet
// that changes a global, a builtin deep down, or leaves a timer behind
// gets fresh workers for every run, so no run sees what an earlier one did.
// Counted with the runner's own tally of runs served by a kept worker, not
// with time.
import type { Page } from "@playwright/test";
import { apiTest as test, expect, describeRun, outputTexts, runSnippet, type RunResult } from "./fixtures";

const LOCKED = `import { Thread, Lock, print } from "playground";
const lock = new Lock();
let counter = 0;
function work() { lock.acquire(); counter += 1; lock.release(); }
const a = new Thread({ target: work });
const b = new Thread({ target: work });
a.start(); b.start(); a.join(); b.join();
print("counter", counter);
`;

/** Counts its visits where a reused worker would remember them: on the global scope, and deep in a builtin. */
const VISITS = `import { Thread, print } from "playground";
function visit(who: string) {
  const g = globalThis as any;
  g.visits = (g.visits ?? 0) + 1;
  const c = Intl.Collator.prototype as any;
  c.seen = (c.seen ?? 0) + 1;
  print(who, g.visits, c.seen);
}
visit("main");
const t = new Thread({ target: visit, args: ["thread"] });
t.start();
t.join();
`;

/** Changes nothing a fingerprint sees, but leaves a timer behind in both its workers. */
const TIMER = `import { Thread, print } from "playground";
setTimeout(() => {}, 60_000);
const t = new Thread({ target: () => { setTimeout(() => {}, 60_000); print("thread"); } });
t.start();
t.join();
print("main");
`;

/** Fails on some seeds: an atexit function a failed MainThread skips must not run in a later run. */
const ATEXIT = `import { atexit, print } from "playground";
atexit.register(() => print("bye"));
if (Math.random() < 0.5) throw new Error("unlucky");
print("lucky");
`;

/**
 * Fails on any run that finds what an earlier run left: in the user heap
 * past its own data (which a reused heap keeps), and deep in a builtin
 * (which a kept worker's sampled check may miss for several runs).
 */
const CARRIER = `import { Thread, sharedArray, assert, print } from "playground";
const words = new Int32Array(sharedArray("int32", 4).buffer);
const last = words.length - 1;
const c = Intl.Collator.prototype as any;
const left = [words[last], c.mark];
words[last] = 7;
c.mark = 1;
const t = new Thread({ target: () => print("thread") });
t.start();
t.join();
assert(left[0] === 0 && left[1] === undefined, "an earlier run left " + left.join(" and "));
print("alone");
`;

type Counts = { thread: { reused: number }; drainer: { reused: number }; heapsReused: number; docked: number };
type Api = {
  run(r: unknown): Promise<RunResult>;
  explore(r: unknown): Promise<{ schedulesRun: number; failure?: { message: string }; outcomes: { output: string }[] }>;
  debug: { runner(): Promise<{ workers: Counts } | null> };
};

/**
 * Runs `code` controlled `runs` times (seeds 1..runs); returns each result,
 * how many workers and heaps runs took from earlier runs meanwhile, and how
 * many runs took the workers the run before left docked (runner/docked-crew.ts).
 */
async function controlledRuns(page: Page, code: string, runs: number, raceDetector = false): Promise<{ results: RunResult[]; reused: number; heapsReused: number; docked: number; drainersReused: number }> {
  return page.evaluate(async ({ code, runs, raceDetector }) => {
    const api = (window as unknown as { playground: Api }).playground;
    const counts = async () => (await api.debug.runner())!.workers;
    const before = await counts();
    const results: RunResult[] = [];
    // (plan.reuse: as a search's schedules run; a run the page draws is always on fresh workers)
    for (let seed = 1; seed <= runs; seed++) results.push(await api.run({ code, settings: { controlled: true, seed, raceDetector }, plan: { policy: "random", reuse: true } }));
    const after = await counts();
    return {
      results, reused: after.thread.reused - before.thread.reused, heapsReused: after.heapsReused - before.heapsReused, docked: after.docked - before.docked,
      drainersReused: after.drainer.reused - before.drainer.reused,
    };
  }, { code, runs, raceDetector });
}

test("a search's schedules reuse its workers and its memory: docked between schedules", async ({ playground }) => {
  const { results, reused, heapsReused, docked, drainersReused } = await controlledRuns(playground, LOCKED, 16);
  // (Each run's messages came in one batch, and its rings were drained on the runner's thread: its output is whole.)
  for (const r of results) {
    expect(r.status, describeRun(r)).toBe("ok");
    expect(outputTexts(r), describeRun(r)).toEqual(["counter 2"]);
  }
  expect(drainersReused, "a search's runs drain their rings on the runner's thread: none takes a drainer worker").toBe(0);
  // 3 workers a run (MainThread and two threads): most of the 45 after the first run's come kept.
  expect(reused, "threads of 16 runs of 3 that ran on a kept worker").toBeGreaterThan(16);
  expect(heapsReused, "runs of 16 that took an earlier run's heaps").toBeGreaterThan(8);
  expect(docked, "runs of 16 that took the workers the run before left docked").toBeGreaterThan(8);
});

test("where a search's workers cannot stay docked (the race detector's memory is per run), they are kept in the pool and the heaps on the shelf", async ({ playground }) => {
  const { results, reused, heapsReused, docked } = await controlledRuns(playground, LOCKED, 12, true);
  for (const r of results) {
    expect(r.status, describeRun(r)).toBe("ok");
    expect(outputTexts(r), describeRun(r)).toEqual(["counter 2"]);
  }
  expect(docked, "no run took docked workers").toBe(0);
  expect(reused, "threads of 12 runs of 3 that ran on a worker kept in the pool").toBeGreaterThan(12);
  expect(heapsReused, "runs of 12 that took shelved heaps").toBeGreaterThan(5);
});

test("what a run leaves in reused memory or a builtin never reaches a search's answer: it replays on fresh workers", async ({ playground }) => {
  // On shared workers and memory, most runs of CARRIER fail; alone, it never does.
  const { results } = await controlledRuns(playground, CARRIER, 4);
  expect(results.some((r) => r.errors.some((e) => e.message.includes("an earlier run left"))), "a later run on kept workers or memory sees the first one's marks").toBe(true);
  expect(results[0].status, describeRun(results[0])).toBe("ok");
  const found = await playground.evaluate((code) =>
    (window as unknown as { playground: Api }).playground.explore({ code, mode: "failure", maxSchedules: 12, timeoutMs: 60_000 }), CARRIER);
  expect(found.failure?.message, "the search reports no failure: none replays alone").toBeUndefined();
  expect(found.schedulesRun).toBeGreaterThan(1);
  const outcomes = await playground.evaluate((code) =>
    (window as unknown as { playground: Api }).playground.explore({ code, mode: "outcomes", maxSchedules: 12, timeoutMs: 60_000 }), CARRIER);
  expect(outcomes.outcomes.map((o) => o.output), "every outcome is one the program has alone").toEqual(["thread\nalone"]);
});

test("a run the page draws never takes a search's workers or memory", async ({ playground }) => {
  const counts = () => playground.evaluate(async () => (await (window as unknown as { playground: Api }).playground.debug.runner())!.workers);
  const before = await counts();
  for (let seed = 1; seed <= 4; seed++) await runSnippet(playground, LOCKED, { controlled: true, seed });
  const after = await counts();
  expect(after.thread.reused - before.thread.reused, "runs on kept workers").toBe(0);
  expect(after.heapsReused - before.heapsReused, "runs on shelved heaps").toBe(0);
});

test("a snippet that changes a global or a builtin gets fresh workers: no run sees an earlier run's visits", async ({ playground }) => {
  const { results, reused } = await controlledRuns(playground, VISITS, 6);
  for (const r of results) {
    expect(r.status, describeRun(r)).toBe("ok");
    expect(outputTexts(r), describeRun(r)).toEqual(["main 1 1", "thread 1 1"]);
  }
  expect(reused, "no worker is kept").toBe(0);
});

test("a snippet that leaves a timer behind gets fresh workers", async ({ playground }) => {
  const { results, reused } = await controlledRuns(playground, TIMER, 6);
  for (const r of results) {
    expect(r.status, describeRun(r)).toBe("ok");
    // Thread-1's timer is cleared at its end, and the run says so (runtime/thread-timers.ts); MainThread's outlives the run.
    expect(outputTexts(r).sort(), describeRun(r)).toEqual([
      "RuntimeWarning: Thread-1 ended with 1 timer still set: it came after its end and did not run, as a thread's event loop ends with it.",
      "main",
      "thread",
    ]);
  }
  expect(reused, "no worker is kept").toBe(0);
});

test("a snippet that starts a host API's work that calls back later (a Blob's text(), AbortSignal.timeout) gets fresh workers", async ({ playground }) => {
  // Neither is a timer or a listener: each is a method of a host object, wrapped where the worker's global scope finds it.
  const code = `import { Thread, print } from "playground";
void new Blob(["body"]).text();
const t = new Thread({ target: () => { AbortSignal.timeout(60_000); print("thread"); } });
t.start();
t.join();
print("main");
`;
  const { results, reused } = await controlledRuns(playground, code, 4);
  for (const r of results) expect(r.status, describeRun(r)).toBe("ok");
  expect(reused, "no worker is kept").toBe(0);
});

test("a snippet that changes a stream's async iterator (a prototype no global leads to) gets fresh workers", async ({ playground }) => {
  // The iterator's next is the runtime's (bound to the thread that reads): one the snippet replaced would run in the next run on that
  // worker. (Each worker changes its own: the prototype is not one a closure carries to a thread.)
  const code = `import { Thread, print } from "playground";
function change() {
  const proto = Object.getPrototypeOf(new Response("").body!.values()) as { next: unknown };
  proto.next = () => Promise.resolve({ done: true, value: undefined });
}
const t = new Thread({ target: change });
t.start();
t.join();
change();
`;
  const { results, reused } = await controlledRuns(playground, code, 4);
  for (const r of results) expect(r.status, describeRun(r)).toBe("ok");
  expect(reused, "no worker is kept").toBe(0);
});

test("an atexit function a failed run skipped never runs in a later run of the same code", async ({ playground }) => {
  const { results } = await controlledRuns(playground, ATEXIT, 10);
  const statuses = new Set(results.map((r) => r.status));
  expect(statuses.size, "seeds 1..10 both fail and pass").toBe(2);
  for (const r of results) {
    const texts = outputTexts(r).filter((t) => t === "lucky" || t === "bye");
    expect(texts, describeRun(r)).toEqual(r.status === "ok" ? ["lucky", "bye"] : []);
  }
});
