// A controlled run's workers serve the next run of the same code (a
// search's next schedule) only when the snippet left them as they booted
// (runtime/worker-hygiene.ts): a search reuses its workers, and a snippet
// that changes a global, a builtin deep down, or leaves a timer behind
// gets fresh workers for every run, so no run sees what an earlier one did.
// Counted with the runner's own tally of workers made, not with time.
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

/** Changes nothing a fingerprint sees, but leaves a timer behind in MainThread's worker. */
const TIMER = `import { Thread, print } from "playground";
setTimeout(() => {}, 60_000);
const t = new Thread({ target: () => print("thread") });
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

type Api = { run(r: unknown): Promise<RunResult>; debug: { runner(): Promise<{ workers: { thread: { made: number } } } | null> } };

/** Runs `code` controlled `runs` times (seeds 1..runs); returns each result and how many thread workers the runner made meanwhile. */
async function controlledRuns(page: Page, code: string, runs: number): Promise<{ results: RunResult[]; made: number }> {
  return page.evaluate(async ({ code, runs }) => {
    const api = (window as unknown as { playground: Api }).playground;
    const made = async () => (await api.debug.runner())!.workers.thread.made;
    const before = await made();
    const results: RunResult[] = [];
    for (let seed = 1; seed <= runs; seed++) results.push(await api.run({ code, settings: { controlled: true, seed } }));
    return { results, made: (await made()) - before };
  }, { code, runs });
}

test("a search's schedules reuse its workers: fewer workers are made than schedules are run", async ({ playground }) => {
  const { results, made } = await controlledRuns(playground, LOCKED, 16);
  for (const r of results) {
    expect(r.status, describeRun(r)).toBe("ok");
    expect(outputTexts(r), describeRun(r)).toEqual(["counter 2"]);
  }
  // Fresh workers would be 3 a run (MainThread and two threads): 48.
  expect(made, `thread workers made for 16 runs of 3 threads`).toBeLessThan(16);
});

test("a snippet that changes a global or a builtin gets fresh workers: no run sees an earlier run's visits", async ({ playground }) => {
  const { results, made } = await controlledRuns(playground, VISITS, 6);
  for (const r of results) {
    expect(r.status, describeRun(r)).toBe("ok");
    expect(outputTexts(r), describeRun(r)).toEqual(["main 1 1", "thread 1 1"]);
  }
  expect(made, "every run's two workers are new").toBeGreaterThanOrEqual(2 * 6);
});

test("a snippet that leaves a timer behind gets a fresh worker for the thread that set it", async ({ playground }) => {
  const { results, made } = await controlledRuns(playground, TIMER, 6);
  for (const r of results) {
    expect(r.status, describeRun(r)).toBe("ok");
    expect(outputTexts(r).sort(), describeRun(r)).toEqual(["main", "thread"]);
  }
  // MainThread's worker is tainted every run; the thread's may be kept.
  expect(made, "MainThread's worker is new in every run").toBeGreaterThanOrEqual(6);
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
