// Controlled runs (API.md §10) on real workers: one thread at a time,
// switching only at steps; virtual time; seeded Math.random; a schedule that
// replays byte for byte; the explorer that finds the interleaving that
// breaks a program and says why; every outcome of a small program; step
// mode; and races found alike in controlled and parallel runs (API.md §11).
// Nothing here depends on the machine's timing: a controlled run is a
// function of its code and its seed or schedule.
import type { Page } from "@playwright/test";
import { apiTest as test, expect, runSnippet, describeRun, outputTexts, type RunResult, type RunSettings } from "./fixtures";

/** Two threads add to one counter without a lock; MainThread asserts nothing was lost. */
const LOST_UPDATE = `import { Thread, print, assert } from "playground";
let counter = 0;
function work() {
  counter += 1;
}
const a = new Thread({ target: work });
const b = new Thread({ target: work });
a.start(); b.start(); a.join(); b.join();
print("counter", counter);
assert(counter === 2, "an update was lost");
`;

/** The same with a lock: no interleaving breaks it. */
const LOCKED = LOST_UPDATE.replace(`import { Thread, print, assert } from "playground";`, `import { Thread, Lock, print, assert } from "playground";\nconst lock = new Lock();`)
  .replace("  counter += 1;", "  lock.acquire();\n  counter += 1;\n  lock.release();");

/** Lock order: Thread-1 takes A then B, Thread-2 B then A. */
const LOCK_ORDER = `import { Thread, Lock, print } from "playground";
const lockA = new Lock();
const lockB = new Lock();
function one() { lockA.acquire(); lockB.acquire(); lockB.release(); lockA.release(); }
function two() { lockB.acquire(); lockA.acquire(); lockA.release(); lockB.release(); }
const a = new Thread({ target: one });
const b = new Thread({ target: two });
a.start(); b.start(); a.join(); b.join();
print("no deadlock this time");
`;

/** Each thread writes its own value: x ends as whichever wrote last. */
const LAST_WRITER = `import { Thread, print } from "playground";
let x = 0;
const a = new Thread({ target: () => { x = 1; } });
const b = new Thread({ target: () => { x = 2; } });
a.start(); b.start(); a.join(); b.join();
print("x", x);
`;

interface ExploreResult {
  schedulesRun: number;
  exhaustive: boolean;
  failure?: { status: string; message: string; schedule: string; seed: number; preemptions: number; result: RunResult; explanation: string };
  outcomes: { output: string; status: string; count: number; schedule: string }[];
}
interface StepView {
  threads: { name: string; state: string; line?: number; next?: string }[];
  output: RunResult["output"];
  done: boolean;
  result?: RunResult;
  schedule: string;
  globals: { name: string; value: number | boolean }[];
  locks: { lock: string; thread: string }[];
}
type Controlled = {
  explore(request: { code?: string; settings?: RunSettings; maxSchedules?: number; timeoutMs?: number; mode?: string }): Promise<ExploreResult>;
  stepStart(request: { code?: string; settings?: RunSettings }): Promise<StepView>;
  step(thread: string): Promise<StepView>;
  stepBack(): Promise<StepView>;
};

function explore(page: Page, request: Parameters<Controlled["explore"]>[0]): Promise<ExploreResult> {
  return page.evaluate((r) => (window as unknown as { playground: Controlled }).playground.explore(r), request);
}
function call<K extends "stepStart" | "step" | "stepBack">(page: Page, name: K, arg?: unknown): Promise<StepView | { error: string }> {
  return page.evaluate(async ({ name, arg }) => {
    try {
      const api = (window as unknown as { playground: Record<string, (a?: unknown) => Promise<StepView>> }).playground;
      return await api[name](arg);
    } catch (error) {
      return { error: (error as Error).message };
    }
  }, { name, arg });
}
async function view(page: Page, name: "stepStart" | "step" | "stepBack", arg?: unknown): Promise<StepView> {
  const v = await call(page, name, arg);
  if ("error" in v) throw new Error(v.error);
  return v;
}

/** What a replay must reproduce exactly: the threads' figures too, which are on the virtual clock (the timeline draws them). */
const fingerprint = (r: RunResult) => JSON.stringify({ status: r.status, output: r.output, errors: r.errors, schedule: r.schedule, steps: r.steps, preemptions: r.preemptions, threads: r.threads });

test("a controlled run is the same every time for one seed, and its schedule replays it under another seed", async ({ playground }) => {
  const code = LOST_UPDATE.replace("counter += 1;", "for (let i = 0; i < 3; i++) counter += 1;").replace("counter === 2", "counter === 6");
  const first = await runSnippet(playground, code, { controlled: true, seed: 7 });
  expect(first.seed).toBe(7);
  expect(first.schedule).toMatch(/^s1\./);
  expect(first.steps).toBeGreaterThan(10);
  for (let i = 0; i < 2; i++) expect(fingerprint(await runSnippet(playground, code, { controlled: true, seed: 7 }))).toBe(fingerprint(first));
  // Seeds choose different interleavings: the counter does not end the same for all of them.
  const counts = new Set<string>();
  for (let seed = 1; seed <= 12 && counts.size < 2; seed++) counts.add(outputTexts(await runSnippet(playground, code, { controlled: true, seed }))[0]);
  expect(counts.size, [...counts].join(", ")).toBe(2);
  // (a schedule given to a run stays in the toolbar, as every setting does: this comes last)
  const replay = await runSnippet(playground, code, { controlled: true, seed: 12345, schedule: first.schedule });
  expect(fingerprint(replay)).toBe(fingerprint(first));
});

test("time is virtual: a minute of sleep passes at once, timeouts expire on the virtual clock, and Math.random is seeded", async ({ playground }) => {
  const code = `import { Thread, Event, print, sleep, now } from "playground";
const never = new Event();
const t = new Thread({ target: () => print("waited", never.wait(250), now()) });
t.start();
sleep(60_000);
t.join();
print("after", now() >= 60_000, Math.random());
`;
  const a = await runSnippet(playground, code, { controlled: true, seed: 3 });
  expect(a.status, describeRun(a)).toBe("ok");
  const texts = outputTexts(a);
  // The event's wait timed out at 250 virtual ms, long before the sleep ended.
  expect(texts[0]).toMatch(/^waited false 25\d\.\d+$/);
  expect(texts[1]).toMatch(/^after true 0\.\d+$/);
  const b = await runSnippet(playground, code, { controlled: true, seed: 3 });
  expect(outputTexts(b)).toEqual(texts);
  const c = await runSnippet(playground, code, { controlled: true, seed: 4 });
  expect(outputTexts(c)[1]).not.toBe(texts[1]);
});

test("explore finds the lost update, explains it by its read and write, and the failing schedule replays to the same failure", async ({ playground }) => {
  const found = await explore(playground, { code: LOST_UPDATE, maxSchedules: 200, timeoutMs: 120_000 });
  expect(found.failure, JSON.stringify(found.outcomes)).toBeDefined();
  const failure = found.failure!;
  expect(failure.status).toBe("error");
  expect(failure.message).toContain("an update was lost");
  expect(failure.preemptions).toBe(1);
  expect(failure.explanation).toMatch(/1 preemption: Thread-\d ran between Thread-\d's "read counter" \(line 4\) and its "write counter" \(line 4\)/);
  // The page opened the failing run: its schedule, replayed, fails the same way.
  const replay = await runSnippet(playground, LOST_UPDATE, { controlled: true, schedule: failure.schedule });
  expect(replay.errors.map((e) => e.message).join("\n")).toContain("an update was lost");
  expect(outputTexts(replay)[0]).toBe("counter 1");
});

test("explore finds the lock-order deadlock with one preemption, and nothing breaks the locked counter", async ({ playground }) => {
  const deadlock = await explore(playground, { code: LOCK_ORDER, maxSchedules: 200, timeoutMs: 120_000 });
  expect(deadlock.failure?.status).toBe("deadlock");
  expect(deadlock.failure?.preemptions).toBe(1);
  expect(deadlock.failure?.result.deadlock?.cycle.map((c) => c.waitsFor).sort()).toEqual(["lockA", "lockB"]);
  expect(deadlock.failure?.explanation).toMatch(/deadlocks after 1 preemption/);

  const safe = await explore(playground, { code: LOCKED, maxSchedules: 25, timeoutMs: 120_000 });
  expect(safe.failure).toBeUndefined();
  expect(safe.schedulesRun).toBe(25);
  expect(safe.outcomes.map((o) => o.output)).toEqual(["counter 2"]);
});

test("outcomes lists every result of a small program with a schedule for each, exhaustively", async ({ playground }) => {
  const found = await explore(playground, { code: LAST_WRITER, mode: "outcomes", maxSchedules: 500, timeoutMs: 240_000 });
  expect(found.exhaustive).toBe(true);
  expect(found.outcomes.map((o) => o.output).sort()).toEqual(["x 1", "x 2"]);
  for (const outcome of found.outcomes) {
    const replay = await runSnippet(playground, LAST_WRITER, { controlled: true, schedule: outcome.schedule });
    expect(outputTexts(replay)).toEqual([outcome.output]);
  }
});

test("step mode: each thread's next step in words and lines, a refused step says why, and Back replays one step shorter", async ({ playground }) => {
  let v = await view(playground, "stepStart", { code: LOST_UPDATE });
  // MainThread holds the baton from the start: the first choice is at its first step.
  expect(v.threads).toEqual([{ name: "MainThread", state: "runnable", next: "start a thread", line: 8 }]);
  // MainThread alone until both threads exist.
  while (v.threads.length < 3) v = await view(playground, "step", "MainThread");
  const t1 = () => v.threads.find((t) => t.name === "Thread-1")!;
  expect(t1()).toMatchObject({ state: "runnable", next: "begin" });
  v = await view(playground, "step", "Thread-1");
  expect(t1()).toMatchObject({ state: "runnable", next: "read counter", line: 4 });
  const beforeRead = JSON.stringify(v.threads);
  v = await view(playground, "step", "Thread-1");
  expect(t1()).toMatchObject({ next: "write counter", line: 4 });
  expect(v.globals).toEqual([{ name: "counter", value: 0 }]);
  v = await view(playground, "step", "Thread-1");
  expect(v.globals).toEqual([{ name: "counter", value: 1 }]);
  v = await view(playground, "stepBack");
  v = await view(playground, "stepBack");
  expect(JSON.stringify(v.threads)).toBe(beforeRead);
  // MainThread goes on to join Thread-1 and blocks there: it cannot step.
  while (v.threads.find((t) => t.name === "MainThread")!.state === "runnable") v = await view(playground, "step", "MainThread");
  expect(v.threads.find((t) => t.name === "MainThread")).toMatchObject({ state: "blocked", next: "join Thread-1", line: 8 });
  const refused = await call(playground, "step", "MainThread");
  expect(refused).toEqual({ error: expect.stringMatching(/MainThread cannot take a step: it is blocked \(join Thread-1\)/) });
  // The schedule so far is a replayable run.
  const replay = await runSnippet(playground, LOST_UPDATE, { controlled: true, schedule: v.schedule, seed: 1 });
  expect(replay.status).not.toBe("error");
});

test("a step-mode pause draws what happened up to it: a thread is starting from its start() and runs through the step it just took, the same on every replay", async ({ playground }) => {
  type Slice = { ph: string; tid?: number; ts: number; dur?: number; name: string; args?: { name?: string } };
  const lanes = async () => {
    const trace = await playground.evaluate(() => (window as unknown as { playground: { getTrace(): { traceEvents: Slice[] } } }).playground.getTrace());
    const names = new Map(trace.traceEvents.filter((e) => e.name === "thread_name").map((e) => [e.tid, e.args!.name!]));
    const byThread: Record<string, string[]> = {};
    for (const e of trace.traceEvents) if (e.ph === "X" && names.has(e.tid)) (byThread[names.get(e.tid)!] ??= []).push(`${e.name} ${e.ts}-${e.ts + e.dur!}`);
    return byThread;
  };
  const seen = new Set<string>();
  for (let i = 0; i < 3; i++) {
    await view(playground, "stepStart", { code: LOST_UPDATE });
    // a.start(), b.start(), a.join() (which blocks), then Thread-1's first step.
    for (const t of ["MainThread", "MainThread", "MainThread", "Thread-1"]) await view(playground, "step", t);
    const byThread = await lanes();
    // One µs a step: MainThread runs its two starts, then waits on the join; each thread is starting from its start().
    expect(byThread).toEqual({
      MainThread: ["running 0-2", "waiting 2-4"],
      "Thread-1": ["starting 0-3", "running 3-4"],
      "Thread-2": ["starting 1-4"],
    });
    seen.add(JSON.stringify(byThread));
  }
  expect(seen.size).toBe(1);
});

test("Timer in a controlled run: it waits out its interval on the virtual clock, fires with its arguments, and a cancel() before then stops it in every schedule", async ({ playground }) => {
  const code = `import { Timer, print, now, sleep } from "playground";
const fired = new Timer(60_000, (msg: string) => print("fired", msg, now() >= 60_000), ["hello"]);
const stopped = new Timer(1_000, () => print("never"));
fired.start();
stopped.start();
sleep(500);
stopped.cancel();
fired.join();
stopped.join();
print("done");
`;
  const result = await runSnippet(playground, code, { controlled: true, seed: 3 });
  expect(result.status, describeRun(result)).toBe("ok");
  expect(outputTexts(result), describeRun(result)).toEqual(["fired hello true", "done"]);
  const all = await playground.evaluate((code) => window.playground!.explore({ code, mode: "outcomes", maxSchedules: 200 }), code);
  expect(all.exhaustive).toBe(true);
  expect(all.outcomes.map((o) => o.output)).toEqual(["fired hello true\ndone"]);
  // In step mode the cancel is a step of its own, in words.
  const view = await playground.evaluate((code) => window.playground!.stepStart({ code }), code.replace("sleep(500);\n", ""));
  let next = view;
  for (let i = 0; i < 40 && !next.threads.some((t) => /^cancel /.test(t.next ?? "")); i++) {
    if (!next.threads.some((t) => t.name === "MainThread" && t.state === "runnable")) break;
    next = await playground.evaluate(() => window.playground!.step("MainThread"));
  }
  expect(next.threads.map((t) => t.next ?? ""), JSON.stringify(next.threads)).toContain("cancel Thread-2");
});

test("a controlled run refuses what it cannot drive yet, by name", async ({ playground }) => {
  const terminated = await runSnippet(playground, `import { Process, Event, print } from "playground";
const never = new Event();
const p = new Process({ target: () => never.wait() });
p.start();
p.terminate();
`, { controlled: true });
  expect(terminated.status).toBe("error");
  expect(terminated.errors[0].message).toMatch(/Process.terminate\(\) is not supported in a controlled run yet/);
  // Asleep in Atomics.wait, a thread would keep the scheduler's turn: refused, not a run that hangs until its timeout.
  const waited = await runSnippet(playground, `import { sharedArray } from "playground";\nconst word = sharedArray("int32", 1);\nAtomics.wait(word, 0, 0, 60_000);\n`, { controlled: true });
  expect(waited.status).toBe("error");
  expect(waited.errors[0].message).toMatch(/Atomics.wait is not supported in a controlled run yet/);
  const bad = await runSnippet(playground, LOST_UPDATE, { controlled: true, schedule: "s1.zz~zzzzzzz" });
  expect(bad.status).toBe("error");
  expect(bad.errors[0].message).toMatch(/setting schedule/);
});

test("a race is a property of the happens-before: controlled and parallel runs report the same one", async ({ playground }) => {
  const race = (r: RunResult) => (r.races ?? []).map((x) => `${x.variable}:${[x.first.line, x.second.line].sort().join("/")}`).sort();
  const parallel = await runSnippet(playground, LOST_UPDATE, { raceDetector: true });
  const controlled = await runSnippet(playground, LOST_UPDATE, { raceDetector: true, controlled: true, seed: 2 });
  expect(race(parallel)).toEqual(["counter:4/4"]);
  expect(race(controlled), describeRun(controlled) + JSON.stringify(controlled.output)).toEqual(race(parallel));
  const lockedParallel = await runSnippet(playground, LOCKED, { raceDetector: true });
  const lockedControlled = await runSnippet(playground, LOCKED, { raceDetector: true, controlled: true, seed: 2 });
  expect(race(lockedParallel)).toEqual([]);
  expect(race(lockedControlled)).toEqual([]);
});

test("the Interleavings examples do what their explanations say when searched", async ({ playground }) => {
  const { EXAMPLES } = await import("../src/examples/catalog");
  const code = (id: string) => EXAMPLES.find((e) => e.id === id)!.code;
  // Its first run, with its own seed, is what its explanation says: three preemptions, none between a read and its write.
  const first = await runSnippet(playground, code("lost-update-steps"), EXAMPLES.find((e) => e.id === "lost-update-steps")!.settings);
  expect([first.status, first.preemptions, outputTexts(first)], describeRun(first)).toEqual(["ok", 3, ["counter = 2"]]);
  expect(EXAMPLES.find((e) => e.id === "lost-update-steps")!.text.en.explanation).toContain("3 preemptions");
  const lost = await explore(playground, { code: code("lost-update-steps"), maxSchedules: 200, timeoutMs: 120_000 });
  expect(lost.failure?.preemptions).toBe(1);
  expect(lost.failure?.explanation).toMatch(/"read counter" \(line 7\) and its "write counter" \(line 7\)/);
  const deadlock = await explore(playground, { code: code("deadlock-search"), maxSchedules: 200, timeoutMs: 120_000 });
  expect(deadlock.failure?.status).toBe("deadlock");
  expect(deadlock.failure?.preemptions).toBe(1);
  const safe = await explore(playground, { code: code("break-this"), maxSchedules: 30, timeoutMs: 120_000 });
  expect(safe.failure).toBeUndefined();
  const ifWhile = await explore(playground, { code: code("condition-if-while"), maxSchedules: 300, timeoutMs: 180_000 });
  expect(ifWhile.failure?.message).toContain("took an item that was not there");
});

test("step mode shows who holds a lock, and a thread that asks for it waits blocked on it", async ({ playground }) => {
  let v = await view(playground, "stepStart", { code: LOCKED });
  while (v.threads.length < 3) v = await view(playground, "step", "MainThread");
  const state = (name: string) => v.threads.find((t) => t.name === name)!;
  v = await view(playground, "step", "Thread-1");
  expect(state("Thread-1")).toMatchObject({ next: "acquire lock", line: 5 });
  v = await view(playground, "step", "Thread-1");
  expect(v.locks).toEqual([{ lock: "lock", thread: "Thread-1" }]);
  v = await view(playground, "step", "Thread-2");
  v = await view(playground, "step", "Thread-2");
  expect(state("Thread-2")).toMatchObject({ state: "blocked", next: "acquire lock" });
  expect(await call(playground, "step", "Thread-2")).toEqual({ error: "Thread-2 cannot take a step: it is blocked (acquire lock)" });
  type Lanes = { debug: { threadStates(): { thread: string; state: string; sinceMs: number; onTurn: boolean }[]; lockHolds(): { holds: { thread: string; endMs: number }[] }[] } };
  const lanes = () => playground.evaluate(() => {
    const { debug } = (window as unknown as { playground: Lanes }).playground;
    return { states: debug.threadStates(), holds: debug.lockHolds() };
  });
  // Blocked, the timeline agrees with the panel.
  expect((await lanes()).states.find((t) => t.thread === "Thread-2")).toMatchObject({ state: "blocked on a lock", onTurn: false });
  // Thread-1 releases: the panel says Thread-2 can run, and its lane says it waits for its turn since the release, not blocked.
  while (state("Thread-2").state !== "runnable") v = await view(playground, "step", "Thread-1");
  const { states, holds } = await lanes();
  const released = Math.max(...holds[0].holds.filter((h) => h.thread === "Thread-1").map((h) => h.endMs));
  const thread2 = states.find((t) => t.thread === "Thread-2")!;
  expect(thread2).toMatchObject({ state: "waiting", onTurn: true });
  expect(thread2.sinceMs).toBeCloseTo(released, 6);
});

test("Stop ends a search: the run in progress stops and no other starts", async ({ playground }) => {
  const found = await playground.evaluate(async (code) => {
    const api = (window as unknown as { playground: Controlled & { stop(): void } }).playground;
    const search = api.explore({ code, maxSchedules: 1000, timeoutMs: 600_000 });
    api.stop();
    return search;
  }, LOCKED);
  expect(found.schedulesRun).toBeLessThanOrEqual(1);
  expect(found.failure).toBeUndefined();
  expect(found.exhaustive).toBe(false);
});

test("a run asked for during a search takes the runner: the search gives way, and counts no run it lost as an outcome", async ({ playground }) => {
  // Whether the run comes before the search's first schedule or between two, the answers below are the same.
  const { found, ran } = await playground.evaluate(async (code) => {
    const api = (window as unknown as { playground: Controlled & { run(r: { code: string }): Promise<RunResult> } }).playground;
    const search = api.explore({ code, mode: "outcomes", maxSchedules: 300, timeoutMs: 600_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ran = await api.run({ code: 'import { print } from "playground";\nprint("the learner\'s run");\n' });
    return { found: await search, ran };
  }, LOST_UPDATE);
  expect(ran.status, describeRun(ran)).toBe("ok");
  expect(outputTexts(ran)).toEqual(["the learner's run"]);
  expect(found.exhaustive).toBe(false);
  // Every outcome it lists is one the program has: a counter of 1 or 2, never a run the page's took over.
  for (const outcome of found.outcomes) expect(outcome.status).not.toBe("stopped");
});

/** Two consumers wait with `if` where `while` belongs: a notifyAll for one item wakes both. */
const IF_NOT_WHILE = `import { Thread, Condition, assert, print } from "playground";
const cond = new Condition();
let items = 0;
function consumer() {
  cond.with(() => {
    if (items === 0) cond.wait();
    items -= 1;
    assert(items >= 0, "took an item that was not there");
  });
}
function producer() {
  for (let i = 0; i < 2; i++) {
    cond.with(() => {
      items += 1;
      cond.notifyAll();
    });
  }
}
const threads = [consumer, consumer, producer].map((target) => new Thread({ target }));
threads.forEach((t) => t.start());
threads.forEach((t) => t.join());
print("items", items);
`;

test("Condition in a controlled run: the search finds the if-instead-of-while bug, and nothing breaks the while loop", async ({ playground }) => {
  const found = await explore(playground, { code: IF_NOT_WHILE, maxSchedules: 300, timeoutMs: 180_000 });
  expect(found.failure, JSON.stringify(found.outcomes)).toBeDefined();
  expect(found.failure!.message).toContain("took an item that was not there");
  const replay = await runSnippet(playground, IF_NOT_WHILE, { controlled: true, schedule: found.failure!.schedule });
  expect(replay.errors.map((e) => e.message).join("\n")).toContain("took an item that was not there");

  const fixed = IF_NOT_WHILE.replace("if (items === 0) cond.wait();", "while (items === 0) cond.wait();");
  const safe = await explore(playground, { code: fixed, maxSchedules: 20, timeoutMs: 180_000 });
  expect(safe.failure, JSON.stringify(safe.failure?.result.errors)).toBeUndefined();
  expect(safe.outcomes.map((o) => o.output)).toEqual(["items 0"]);
});

/** A queue between a producer and a consumer that checks before it takes: with two takers, the check races. */
const CHECK_THEN_GET = `import { Thread, Queue, print } from "playground";
const jobs = new Queue<number>();
jobs.put(7);
let got = 0;
function taker() {
  if (!jobs.empty()) {
    jobs.getNowait();
    got += 1;
  }
}
const a = new Thread({ target: taker });
const b = new Thread({ target: taker });
a.start(); b.start(); a.join(); b.join();
print("got", got);
`;

test("queues in a controlled run: a get waits blocked on the queue, runs replay, and the search finds a check-then-act", async ({ playground }) => {
  const code = `import { Thread, Queue, print } from "playground";
const jobs = new Queue<number>(1);
function producer() { for (let i = 0; i < 3; i++) jobs.put(i); }
function consumer() { let sum = 0; for (let i = 0; i < 3; i++) sum += jobs.get(); print("sum", sum); }
const p = new Thread({ target: producer });
const c = new Thread({ target: consumer });
c.start(); p.start(); p.join(); c.join();
`;
  const first = await runSnippet(playground, code, { controlled: true, seed: 11 });
  expect(first.status, describeRun(first)).toBe("ok");
  expect(outputTexts(first)).toEqual(["sum 3"]);
  const again = await runSnippet(playground, code, { controlled: true, seed: 11 });
  expect(fingerprint(again)).toBe(fingerprint(first));

  // Step mode: the consumer (Thread-2, made second) asks first and waits, blocked on the empty queue.
  let v = await view(playground, "stepStart", { code });
  while (!v.threads.some((t) => t.name === "Thread-2" && t.next === "get from jobs")) {
    const runnable = v.threads.find((t) => t.name === "Thread-2" && t.state === "runnable") ?? v.threads.find((t) => t.name === "MainThread" && t.state === "runnable");
    v = await view(playground, "step", runnable!.name);
  }
  v = await view(playground, "step", "Thread-2");
  expect(v.threads.find((t) => t.name === "Thread-2")).toMatchObject({ state: "blocked", next: "get from jobs", line: 4 });
  const refused = await call(playground, "step", "Thread-2");
  expect(refused).toEqual({ error: expect.stringMatching(/Thread-2 cannot take a step: it is blocked \(get from jobs\)/) });
  // The producer's put (once MainThread has started it) lets it go on.
  while (!v.threads.some((t) => t.name === "Thread-1")) v = await view(playground, "step", "MainThread");
  for (let i = 0; i < 4 && v.threads.find((t) => t.name === "Thread-2")!.state !== "runnable"; i++) v = await view(playground, "step", "Thread-1");
  expect(v.threads.find((t) => t.name === "Thread-2")).toMatchObject({ state: "runnable", next: "get from jobs" });
  expect((v as StepView & { queues: unknown[] }).queues).toEqual([{ queue: "jobs", items: 1, contents: ["0"] }]);

  const found = await explore(playground, { code: CHECK_THEN_GET, maxSchedules: 200, timeoutMs: 180_000 });
  expect(found.failure, JSON.stringify(found.outcomes)).toBeDefined();
  expect(found.failure!.message).toMatch(/Empty/);
  expect(found.failure!.explanation).toMatch(/check jobs/);
});

const BARRIER_ROUNDS = `import { Thread, Barrier, print, assert } from "playground";
let arrived = 0;
let full = 0;
const barrier = new Barrier(2, () => {
  if (arrived === 2) full += 1;
  arrived = 0;
});
function worker() {
  for (let r = 0; r < 2; r++) {
    arrived += 1;
    barrier.wait();
  }
}
const ts = [1, 2].map(() => new Thread({ target: worker }));
for (const t of ts) t.start();
for (const t of ts) t.join();
print("full rounds:", full);
assert(full === 2, "every round saw both arrive");
`;

test("Barrier in a controlled run: rounds replay, waiters sleep on the scheduler, and the search finds the unlocked count that loses an arrival", async ({ playground }) => {
  test.setTimeout(240_000);
  // A timed wait breaks the barrier on the virtual clock, and every waiter hears it.
  const stuck = await runSnippet(playground, `import { Barrier, Thread, print, BrokenBarrierError } from "playground";
const b = new Barrier(3);
const t = new Thread({ target: () => { try { b.wait(60_000); } catch (e) { print("thread:", (e as Error).name); } } });
t.start();
try { b.wait(); } catch (e) { print("main:", (e as Error).name, e instanceof BrokenBarrierError); }
t.join();
print("broken", b.broken);
`, { controlled: true, seed: 1 });
  expect(stuck.status, describeRun(stuck)).toBe("ok");
  expect(outputTexts(stuck).sort()).toEqual(["broken true", "main: BrokenBarrierError true", "thread: BrokenBarrierError"]);
  // The run's duration is on the virtual clock: it ended when the minute was up.
  expect(stuck.durationMs).toBeGreaterThanOrEqual(60_000);
  expect(stuck.durationMs).toBeLessThan(60_100);

  // A seed's run is the same every time, whichever way it went.
  const first = await runSnippet(playground, BARRIER_ROUNDS, { controlled: true, seed: 5 });
  const again = await runSnippet(playground, BARRIER_ROUNDS, { controlled: true, seed: 5 });
  expect(fingerprint(again)).toBe(fingerprint(first));
  expect(first.steps!).toBeGreaterThan(10);

  // arrived += 1 is a read and a write: two arrivals can land on one count.
  const found = await explore(playground, { code: BARRIER_ROUNDS, maxSchedules: 300, timeoutMs: 180_000 });
  expect(found.failure, JSON.stringify(found.outcomes)).toBeDefined();
  expect(found.failure!.message).toMatch(/every round saw both arrive/);
  expect(found.failure!.preemptions).toBe(1);
  expect(found.failure!.explanation).toMatch(/read arrived/);
  const replay = await runSnippet(playground, BARRIER_ROUNDS, { controlled: true, schedule: found.failure!.schedule });
  expect(replay.errors.map((e) => e.message)).toEqual(found.failure!.result.errors.map((e) => e.message));

  // Counted under a lock, every schedule tried trips both rounds with both threads.
  const locked = BARRIER_ROUNDS.replace("import { Thread, Barrier,", "import { Thread, Barrier, Lock,")
    .replace("let arrived = 0;", "let arrived = 0;\nconst lock = new Lock();")
    .replace("    arrived += 1;", "    lock.with(() => { arrived += 1; });");
  const safe = await explore(playground, { code: locked, maxSchedules: 15, timeoutMs: 180_000 });
  expect(safe.failure, safe.failure?.explanation).toBeUndefined();
  expect(safe.outcomes.map((o) => `${o.status} ${o.output}`)).toEqual(["ok full rounds: 2"]);
});

const RWLOCK_CACHE = `import { Thread, RWLock, print, assert } from "playground";
const rw = new RWLock();
let version = 0;
let copy = 0;
function reader() {
  rw.acquireRead();
  const seen = version;
  rw.releaseRead();
  copy = seen;
}
function writer() {
  rw.acquireWrite();
  version += 1;
  rw.releaseWrite();
}
const ts = [new Thread({ target: reader }), new Thread({ target: writer }), new Thread({ target: reader })];
for (const t of ts) t.start();
for (const t of ts) t.join();
print("version", version);
`;

test("RWLock in a controlled run: a writer waits blocked while a reader holds it, and every schedule keeps the write whole", async ({ playground }) => {
  // Step mode: Thread-1 takes a read hold; the writer, asking next, waits blocked on the lock until the reader releases.
  let v = await view(playground, "stepStart", { code: RWLOCK_CACHE });
  const nextOf = (name: string) => v.threads.find((t) => t.name === name);
  for (let i = 0; i < 60 && !nextOf("Thread-2"); i++) v = await view(playground, "step", "MainThread");
  for (let i = 0; i < 10 && nextOf("Thread-1")?.next !== "release rw"; i++) v = await view(playground, "step", "Thread-1");
  expect(nextOf("Thread-1")).toMatchObject({ next: "release rw" });
  for (let i = 0; i < 10 && nextOf("Thread-2")?.state === "runnable"; i++) v = await view(playground, "step", "Thread-2");
  expect(nextOf("Thread-2")).toMatchObject({ state: "blocked", next: "acquire rw" });
  const refused = await call(playground, "step", "Thread-2");
  expect(refused).toEqual({ error: expect.stringMatching(/Thread-2 cannot take a step: it is blocked \(acquire rw\)/) });
  v = await view(playground, "step", "Thread-1");
  expect(nextOf("Thread-2")).toMatchObject({ state: "runnable" });

  const outcomes = await explore(playground, { code: RWLOCK_CACHE, mode: "outcomes", maxSchedules: 30, timeoutMs: 240_000 });
  expect(outcomes.outcomes.map((o) => `${o.status} ${o.output}`)).toEqual(["ok version 1"]);
  expect(outcomes.schedulesRun).toBe(30);
});

const PIPE_PAIR = `import { Thread, Pipe, print, EOFError } from "playground";
const [inbox, outbox] = Pipe(false);
function consumer() {
  let got: number[] = [];
  try {
    for (;;) got.push(inbox.recv() as number);
  } catch (e) {
    print("got", got.join(","), e instanceof EOFError ? "then EOF" : String(e));
  }
}
function producer() {
  for (let i = 1; i <= 3; i++) outbox.send(i);
  outbox.close();
}
const c = new Thread({ target: consumer });
const p = new Thread({ target: producer });
c.start(); p.start(); c.join(); p.join();
`;

test("Pipe in a controlled run: a recv waits blocked on the empty pipe, close ends it in EOFError, and every schedule delivers in order", async ({ playground }) => {
  // Step mode: the consumer (Thread-1) asks first and waits, blocked on the empty pipe.
  let v = await view(playground, "stepStart", { code: PIPE_PAIR });
  const threadOf = (name: string) => v.threads.find((t) => t.name === name);
  for (let i = 0; i < 60 && !threadOf("Thread-1"); i++) v = await view(playground, "step", "MainThread");
  for (let i = 0; i < 10 && threadOf("Thread-1")?.state === "runnable"; i++) v = await view(playground, "step", "Thread-1");
  expect(threadOf("Thread-1")).toMatchObject({ state: "blocked", next: expect.stringMatching(/^get from /), line: 6 });
  const refused = await call(playground, "step", "Thread-1");
  expect(refused).toEqual({ error: expect.stringMatching(/Thread-1 cannot take a step: it is blocked \(get from /) });

  const first = await runSnippet(playground, PIPE_PAIR, { controlled: true, seed: 3 });
  expect(first.status, describeRun(first)).toBe("ok");
  expect(outputTexts(first)).toEqual(["got 1,2,3 then EOF"]);
  const again = await runSnippet(playground, PIPE_PAIR, { controlled: true, seed: 3 });
  expect(fingerprint(again)).toBe(fingerprint(first));

  const outcomes = await explore(playground, { code: PIPE_PAIR, mode: "outcomes", maxSchedules: 25, timeoutMs: 240_000 });
  expect(outcomes.outcomes.map((o) => `${o.status} ${o.output}`)).toEqual(["ok got 1,2,3 then EOF"]);
  expect(outcomes.schedulesRun).toBe(25);
});

const POOL_COUNTER = `import { ThreadPoolExecutor, print, assert } from "playground";
let counter = 0;
function work(n: number) { counter += 1; return n * n; }
const ex = new ThreadPoolExecutor(2);
const futures = [1, 2, 3].map((n) => ex.submit(work, n));
print(futures.map((f) => f.result()).join(","));
ex.shutdown();
assert(counter === 3, "counter is " + counter);
print("counter", counter);
`;

test("ThreadPoolExecutor in a controlled run: its workers take turns at steps, a seed replays, and the search finds the update two workers lose", async ({ playground }) => {
  const first = await runSnippet(playground, POOL_COUNTER, { controlled: true, seed: 5 });
  expect(outputTexts(first)[0], describeRun(first)).toBe("1,4,9");
  for (let i = 0; i < 2; i++) expect(fingerprint(await runSnippet(playground, POOL_COUNTER, { controlled: true, seed: 5 }))).toBe(fingerprint(first));
  const found = await explore(playground, { code: POOL_COUNTER, maxSchedules: 1000, timeoutMs: 120_000 });
  expect(found.failure, `${found.schedulesRun} schedules: ${JSON.stringify(found.outcomes)}`).toBeDefined();
  expect(found.failure!.message).toMatch(/counter is [12]/);
  expect(found.failure!.preemptions).toBe(1);
  expect(found.failure!.explanation).toMatch(/ThreadPoolExecutor-0_\d ran between ThreadPoolExecutor-0_\d's "read counter" \(line 3\) and its "write counter" \(line 3\)/);
  const replay = await runSnippet(playground, POOL_COUNTER, { controlled: true, schedule: found.failure!.schedule });
  expect(replay.errors.map((e) => e.message).join("\n")).toMatch(/counter is [12]/);
  // Every outcome of the pool: 3 when no update is lost, 2 or 1 when one or two are.
  const outcomes = await explore(playground, { code: POOL_COUNTER, mode: "outcomes", maxSchedules: 400, timeoutMs: 120_000 });
  const counters = new Set(outcomes.outcomes.map((o) => /counter( is)? (\d)/.exec(o.output)?.[2]));
  expect([...counters].sort(), JSON.stringify(outcomes.outcomes)).toEqual(["1", "2", "3"]);
});

const PROCESS_VALUE = `import { Process, Queue, Value, print, assert } from "playground";
const done = new Queue();
const v = new Value("int32", 0);
function worker(n: number) { v.value += 1; done.put(n * 10); }
const ps = [1, 2].map((n) => new Process({ target: worker, args: [n] }));
ps.forEach((p) => p.start());
const got = [done.get(), done.get()].sort();
ps.forEach((p) => p.join());
print(got.join(","), ps.map((p) => p.exitcode).join(","));
assert(v.value === 2, "value is " + v.value);
`;

test("processes and pools in a controlled run: a seed replays, the search finds the update two processes lose in a Value, and a Pool maps in order", async ({ playground }) => {
  const first = await runSnippet(playground, PROCESS_VALUE, { controlled: true, seed: 9 });
  expect(outputTexts(first)[0], describeRun(first)).toBe("10,20 0,0");
  expect(fingerprint(await runSnippet(playground, PROCESS_VALUE, { controlled: true, seed: 9 }))).toBe(fingerprint(first));
  const found = await explore(playground, { code: PROCESS_VALUE, maxSchedules: 500, timeoutMs: 120_000 });
  expect(found.failure, `${found.schedulesRun} schedules: ${JSON.stringify(found.outcomes)}`).toBeDefined();
  expect(found.failure!.message).toBe("AssertionError: value is 1");
  expect(found.failure!.preemptions).toBe(1);
  const replay = await runSnippet(playground, PROCESS_VALUE, { controlled: true, schedule: found.failure!.schedule });
  expect(replay.errors.map((e) => e.message)).toEqual(["AssertionError: value is 1"]);
  const pool = await runSnippet(playground, `import { Pool, ProcessPoolExecutor, print } from "playground";
function square(x: number) { return x * x; }
const pool = new Pool(2);
print(pool.map(square, [1, 2, 3, 4]).join(","));
pool.close();
pool.join();
const ex = new ProcessPoolExecutor(2);
print(ex.map(square, [6, 7]).join(","));
ex.shutdown();
`, { controlled: true, seed: 3 });
  expect(outputTexts(pool), describeRun(pool)).toEqual(["1,4,9,16", "36,49"]);
  expect(pool.steps).toBeGreaterThan(20);
});

const COROUTINES = `import { asyncio, print, now } from "playground";
let counter = 0;
async function worker(name: string, delay: number) {
  for (let i = 0; i < 2; i++) {
    const seen = counter;
    await asyncio.sleep(delay);
    counter = seen + 1;
    print(name, i, Math.round(now()));
  }
}
async function main() {
  await asyncio.gather(worker("a", 10), worker("b", 15));
  try { await asyncio.waitFor(asyncio.sleep(60_000), 100); } catch (e) { print("timeout", (e as Error).name, Math.round(now())); }
  print("counter", counter, await asyncio.toThread((x: number) => x * 2, 21));
}
asyncio.run(main());
`;

test("asyncio in a controlled run: its timers wait on the virtual clock, so a minute's timeout passes at once and every seed runs the loop the same way", async ({ playground }) => {
  const first = await runSnippet(playground, COROUTINES, { controlled: true, seed: 1 });
  expect(outputTexts(first), describeRun(first)).toEqual(["a 0 10", "b 0 15", "a 1 20", "b 1 30", "timeout TimeoutError 130", "counter 2 42"]);
  expect(first.durationMs, "virtual time: the 60 s sleep never ran").toBeLessThan(60_000);
  for (const seed of [2, 3]) expect(outputTexts(await runSnippet(playground, COROUTINES, { controlled: true, seed }))).toEqual(outputTexts(first));
  const outcomes = await explore(playground, { code: COROUTINES, mode: "outcomes", maxSchedules: 50, timeoutMs: 120_000 });
  expect(outcomes.outcomes.length, JSON.stringify(outcomes.outcomes)).toBe(1);
});

const ATOMIC_COUNTER = (rmw: string) => `import { Thread, sharedArray, assert, print } from "playground";
const cells = sharedArray("int32", 2);
function work() {
  ${rmw}
}
const a = new Thread({ target: work });
const b = new Thread({ target: work });
a.start(); b.start(); a.join(); b.join();
assert(cells[0] === 2, "count is " + cells[0]);
print("count", cells[0]);
`;

test("Atomics operations are steps of a controlled run: a load then a store loses an update the search finds, a spin lock on compareExchange yields at every try, and Atomics.add breaks nowhere", async ({ playground }) => {
  const split = await explore(playground, { code: ATOMIC_COUNTER("const v = Atomics.load(cells, 0); Atomics.store(cells, 0, v + 1);"), maxSchedules: 200, timeoutMs: 120_000 });
  expect(split.failure?.message, JSON.stringify(split.outcomes)).toBe("AssertionError: count is 1");
  expect(split.failure!.preemptions).toBe(1);
  expect(split.failure!.explanation).toMatch(/Thread-\d ran between Thread-\d's "Atomics.load" \(line 4\) and its "Atomics.store" \(line 4\)/);
  // A spin lock: the thread that spins gives the turn up at each compareExchange, so the holder runs on and lets go.
  const spin = ATOMIC_COUNTER("while (Atomics.compareExchange(cells, 1, 0, 1) !== 0) {}\n  cells[0] += 1;\n  Atomics.store(cells, 1, 0);");
  for (const seed of [1, 2, 3]) {
    const r = await runSnippet(playground, spin, { controlled: true, seed });
    expect(outputTexts(r), describeRun(r)).toEqual(["count 2"]);
  }
  const added = await explore(playground, { code: ATOMIC_COUNTER("Atomics.add(cells, 0, 1);"), mode: "outcomes", maxSchedules: 200, timeoutMs: 120_000 });
  expect(added.outcomes.map((o) => o.output)).toEqual(["count 2"]);
  expect(added.exhaustive).toBe(true);
});
