// A controlled run's workers serve the next run of the same code (a
// search's next schedule) only when the snippet left them as they booted
// (runtime/worker-hygiene.ts): a search reuses its workers, and a snippet
// that changes a global, a builtin deep down, or leaves a timer behind
// gets fresh workers for every run, so no run sees what an earlier one did.
// Counted with the runner's own tally of runs served by a kept worker, not
// with time.
import type { Page } from "@playwright/test";
import { apiTest as test, expect, describeRun, outputTexts, type RunResult } from "./fixtures";

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

type Api = { run(r: unknown): Promise<RunResult>; debug: { runner(): Promise<{ workers: { thread: { reused: number } } } | null> } };

/** Runs `code` controlled `runs` times (seeds 1..runs); returns each result and how many threads ran on a kept worker meanwhile. */
async function controlledRuns(page: Page, code: string, runs: number): Promise<{ results: RunResult[]; reused: number }> {
  return page.evaluate(async ({ code, runs }) => {
    const api = (window as unknown as { playground: Api }).playground;
    const reused = async () => (await api.debug.runner())!.workers.thread.reused;
    const before = await reused();
    const results: RunResult[] = [];
    for (let seed = 1; seed <= runs; seed++) results.push(await api.run({ code, settings: { controlled: true, seed } }));
    return { results, reused: (await reused()) - before };
  }, { code, runs });
}

test("a search's schedules reuse its workers", async ({ playground }) => {
  const { results, reused } = await controlledRuns(playground, LOCKED, 16);
  for (const r of results) {
    expect(r.status, describeRun(r)).toBe("ok");
    expect(outputTexts(r), describeRun(r)).toEqual(["counter 2"]);
  }
  // 3 workers a run (MainThread and two threads): most of the 45 after the first run's come kept.
  expect(reused, "threads of 16 runs of 3 that ran on a kept worker").toBeGreaterThan(16);
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
    expect(outputTexts(r).sort(), describeRun(r)).toEqual(["main", "thread"]);
  }
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
