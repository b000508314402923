// gil.cpu2.speedup / nogil.cpu2.speedup: the same CPU-bound work done by one
// thread (both halves), then by two threads at once; speedup = one / two,
// each timed inside the threads from the first count to the last. With
// the simulated GIL the threads take turns (goal <= 1.15); without it they
// run on two cores (goal >= 1.7). tick.overhead.ratio: a tight loop compiled
// by the playground (with its eval-breaker checks) over the same loop built
// with new Function, which the playground does not instrument.
import { runPlainWorkers } from "../plain-workers.mjs";
import { median, runMeasured } from "../snippet.mjs";

const WORK = 40_000_000;

const speedupSnippet = `import { Thread, Barrier, print, now } from "playground";
function count(n: number) { let x = 0; for (let i = 0; i < n; i++) x += i % 7; return x; }
// Times are taken inside the threads, around the counting only, after a
// short warm-up call and a start gate (as the plain workers' baseline has):
// the figure is about running in parallel, not about starting workers (one
// thread's start after the other's was in the span) or how warm a fresh
// worker's code is. The gate is a Barrier, which gives a GIL up as it waits.
let soloMs = 0;
let start1 = 0, end1 = 0, start2 = 0, end2 = 0;
function solo() { count(1_000_000); const t0 = now(); count(${WORK}); count(${WORK}); soloMs = now() - t0; }
const gate = new Barrier(2);
function part(k: number) {
  count(1_000_000);
  gate.wait();
  const t0 = now();
  count(${WORK});
  const t1 = now();
  if (k === 1) { start1 = t0; end1 = t1; } else { start2 = t0; end2 = t1; }
}
function timeOne(): number {
  const t = new Thread({ target: solo });
  t.start(); t.join();
  return soloMs;
}
function timeTwo(): number {
  const ts = [1, 2].map((k) => new Thread({ target: part, args: [k] }));
  ts.forEach((t) => t.start()); ts.forEach((t) => t.join());
  return Math.max(end1, end2) - Math.min(start1, start2);
}
timeOne(); timeTwo();
let one = Infinity, two = Infinity;
for (let r = 0; r < 3; r++) { one = Math.min(one, timeOne()); two = Math.min(two, timeTwo()); }
print("BENCH:" + JSON.stringify({ one, two }));
`;

function speedupCase(name, gil, goal) {
  return {
    name,
    goal,
    async run(page) {
      const { one, two } = await runMeasured(page, speedupSnippet, { settings: { gil } });
      return { value: one / two, unit: "x", note: `one thread ${one.toFixed(0)} ms, two threads ${two.toFixed(0)} ms (best of 3)` };
    },
  };
}

export const gilOn = speedupCase("gil.cpu2.speedup", true, "<= 1.15");

// workers.cpu2.speedup: what the machine gives, measured right after the
// playground's figure: the same count() in plain Web Workers of the page
// (none of the playground's layers), one worker counting both halves, then
// two workers one half each from a start gate; best of 3 each, alternating.
// nogil.cpu2.speedup is reported against it (goal: >= 0.95 of it).
const countInWorker = `(i32, k, n, { work, halves }) => {
  function count(n) { let x = 0; for (let i = 0; i < n; i++) x += i % 7; return x; }
  let sink = count(1_000_000);
  gate();
  const t0 = clock();
  for (let h = 0; h < halves; h++) sink += count(work);
  return { t0, t1: clock(), sink };
}`;

async function workersSpeedup(page) {
  const span = async (n, halves) => {
    const spans = await runPlainWorkers(page, { body: countInWorker, n, input: { work: WORK, halves } });
    return Math.max(...spans.map((s) => s.t1)) - Math.min(...spans.map((s) => s.t0));
  };
  let one = Infinity;
  let two = Infinity;
  for (let r = 0; r < 3; r++) {
    one = Math.min(one, await span(1, 2));
    two = Math.min(two, await span(2, 1));
  }
  return { one, two };
}

export const gilOff = {
  name: "nogil.cpu2.speedup",
  goal: ">= 1.7; >= 0.95 x workers",
  async run(page) {
    const { one, two } = await runMeasured(page, speedupSnippet, { settings: { gil: false } });
    const workers = await workersSpeedup(page);
    const machine = workers.one / workers.two;
    const value = one / two;
    return {
      value,
      unit: "x",
      baseline: machine,
      ratio: value / machine,
      note: `one thread ${one.toFixed(0)} ms, two threads ${two.toFixed(0)} ms (best of 3); baseline: workers.cpu2.speedup`,
      also: [
        {
          name: "workers.cpu2.speedup",
          goal: "",
          value: machine,
          unit: "x",
          note: `plain Web Workers, same loop: one ${workers.one.toFixed(0)} ms, two ${workers.two.toFixed(0)} ms (best of 3)`,
        },
      ],
    };
  },
};

const tickSnippet = `import { print, now } from "playground";
function instrumented(n: number) { let s = 0; for (let i = 0; i < n; i++) s += i % 7; return s; }
const plain = new Function("n", "let s = 0; for (let i = 0; i < n; i++) s += i % 7; return s;") as (n: number) => number;
const N = 20_000_000;
for (let w = 0; w < 3; w++) { instrumented(N); plain(N); }
let a = Infinity, b = Infinity;
for (let r = 0; r < 7; r++) {
  let t0 = now(); instrumented(N); a = Math.min(a, now() - t0);
  t0 = now(); plain(N); b = Math.min(b, now() - t0);
}
print("BENCH:" + JSON.stringify({ instrumented: a, plain: b }));
`;

export const tickOverhead = {
  name: "tick.overhead.ratio",
  goal: "<= 1.15",
  async run(page) {
    const { instrumented, plain } = await runMeasured(page, tickSnippet);
    return { value: instrumented / plain, unit: "x", baseline: plain, ratio: instrumented / plain, note: `ms per 20M iterations, best of 7; baseline: the loop uninstrumented` };
  },
};

// gil.handoff.us: two CPU-bound threads under the GIL with a 1 ms switch
// interval hand it back and forth a few hundred times; each hand-over is
// traced with the time between the holder letting go and the waiter taking
// it (sync/gil.ts), and the figure is the median of those. No baseline: a
// futex wake between two workers is the floor (lock.contended4.ns's
// neighbourhood), and CPython's own hand-over is in the tens of µs. The
// threads count from a start gate (a Barrier, which gives the GIL up as it
// waits): started one after the other, the first could finish before a
// worker booted for the second (a busy machine) and leave no hand-over.
const handoffSnippet = `// playground: gil=on switchInterval=1
import { Thread, Barrier, print } from "playground";
function count(n: number) { let x = 0; for (let i = 0; i < n; i++) x += i % 7; return x; }
const gate = new Barrier(2);
function part(n: number) { gate.wait(); return count(n); }
const ts = [1, 2].map(() => new Thread({ target: part, args: [${WORK}] }));
ts.forEach((t) => t.start()); ts.forEach((t) => t.join());
print("BENCH:{}");
`;

const MIN_HANDOVERS = 20;
const HANDOFF_ATTEMPTS = 3;

export const gilHandoff = {
  name: "gil.handoff.us",
  goal: "<= 100",
  async run(page) {
    // A run whose threads barely took turns (a machine busy elsewhere) measured nothing: it is run again, and the note says so.
    const counts = [];
    for (let attempt = 1; attempt <= HANDOFF_ATTEMPTS; attempt++) {
      await runMeasured(page, handoffSnippet);
      const handovers = await page.evaluate(() => window.playground.debug.gilHandovers());
      const between = handovers.filter((h) => h.from.startsWith("Thread-") && h.to.startsWith("Thread-")).map((h) => h.latencyUs);
      counts.push(between.length);
      if (between.length < MIN_HANDOVERS) continue;
      const sorted = [...between].sort((a, b) => a - b);
      const p90 = sorted[Math.floor(sorted.length * 0.9)];
      const retried = attempt > 1 ? `; runs before with too few: ${counts.slice(0, -1).join(", ")}` : "";
      return { value: median(between), unit: "µs", note: `median of ${between.length} hand-overs (p90 ${p90} µs), switch interval 1 ms${retried}` };
    }
    throw new Error(`fewer than ${MIN_HANDOVERS} hand-overs between the two threads in each of ${HANDOFF_ATTEMPTS} runs (${counts.join(", ")})`);
  },
};
