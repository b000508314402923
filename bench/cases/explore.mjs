// Controlled runs and the search (issue 13, API.md §10), on the two-thread
// counter of the issue (each thread does `counter += 1` once):
//   explore.schedules.per.s  schedules the search runs a second when there is
//                            nothing to find (the locked counter, mode
//                            "outcomes", a fixed number of schedules)
//   explore.find.ms          from explore() to the lost update found, with
//                            assert(counter === 2) (median of FIND_RUNS)
//   controlled.step.us       wall time per step of a controlled run of two
//                            threads reading and writing a shared global
//                            under the seeded random scheduler (about half
//                            its steps hand the turn to the other worker):
//                            the difference between a long and a short run
//                            over the difference in their steps, so what
//                            every run pays once cancels out
//   step.handoff.us          what a hand-over of the turn to the other worker
//                            adds to a step: the two-thread step cost above
//                            minus the same measured with one thread doing
//                            all the increments (no hand-overs), over the
//                            hand-overs per step (counted in each run's
//                            schedule)
//   controlled.slowdown      that long run's wall time controlled over the
//                            same snippet run in parallel (report only)
// Everything is timed in the page with performance.now() around the
// automation API's own calls.
import { median } from "../snippet.mjs";

/** a search's worth: its first schedules also boot the second set of workers it takes turns with */
const SCHEDULES = 300;
const FIND_RUNS = 3;
const SHORT = 50;
/** long enough that the steps it adds outweigh how much a run's fixed costs vary (at 2,000 the difference went negative on a loaded machine) */
const LONG = 20_000;

const COUNTER = (locked) => `import { Thread, Lock, print, assert } from "playground";
const lock = new Lock();
let counter = 0;
function work() { ${locked ? "lock.with(() => { counter += 1; });" : "counter += 1;"} }
const a = new Thread({ target: work });
const b = new Thread({ target: work });
a.start(); b.start(); a.join(); b.join();
assert(counter === 2, "counter is " + counter);
print(counter);
`;

/** The same increments on one thread: the steps without hand-overs. */
const ONE = (n) => `import { Thread, print } from "playground";
let x = 0;
function work() { for (let i = 0; i < ${2 * n}; i++) x += 1; }
const a = new Thread({ target: work });
a.start(); a.join();
print(x > 0);
`;

const STEPS = (n) => `import { Thread, print } from "playground";
let x = 0;
function work() { for (let i = 0; i < ${n}; i++) x += 1; }
const a = new Thread({ target: work });
const b = new Thread({ target: work });
a.start(); b.start(); a.join(); b.join();
print(x > 0);
`;

async function measure({ locked, racy, short, long, oneShort, oneLong, schedules, findRuns }) {
  const api = window.playground;
  const timed = async (call) => {
    const t0 = performance.now();
    const value = await call();
    return { value, ms: performance.now() - t0 };
  };
  // Warm the compile of each snippet and the pool of workers.
  await api.explore({ code: locked, mode: "outcomes", maxSchedules: 2, timeoutMs: 60_000 });
  const many = await timed(() => api.explore({ code: locked, mode: "outcomes", maxSchedules: schedules, timeoutMs: 120_000 }));
  if (many.value.failure) return { error: `the locked counter failed: ${many.value.failure.explanation}` };
  const finds = [];
  for (let i = 0; i < findRuns; i++) {
    const found = await timed(() => api.explore({ code: racy, maxSchedules: 500, timeoutMs: 120_000 }));
    if (!found.value.failure) return { error: `the lost update was not found in ${found.value.schedulesRun} schedules` };
    finds.push({ ms: found.ms, schedules: found.value.schedulesRun, preemptions: found.value.failure.preemptions });
  }
  // (The search opened the failure it found as a replayable run; a request's seed replaces that schedule.)
  const controlled = async (code) => {
    const run = await timed(() => api.run({ code, settings: { controlled: true, seed: 7 } }));
    if (run.value.status !== "ok") throw new Error(`a controlled run ended ${run.value.status}: ${JSON.stringify(run.value.errors)}`);
    // the schedule is "s1" and one part per stretch of one thread's steps: a hand-over between each two
    return { ms: run.ms, steps: run.value.steps, handovers: run.value.schedule.split(".").length - 2 };
  };
  await controlled(short);
  const shortRuns = [await controlled(short), await controlled(short), await controlled(short)];
  const longRuns = [await controlled(long), await controlled(long), await controlled(long)];
  await controlled(oneShort);
  const oneShortRuns = [await controlled(oneShort), await controlled(oneShort), await controlled(oneShort)];
  const oneLongRuns = [await controlled(oneLong), await controlled(oneLong), await controlled(oneLong)];
  const parallel = [];
  for (let i = 0; i < 3; i++) parallel.push((await timed(() => api.run({ code: long, settings: { controlled: false } }))).ms);
  return { many: { ms: many.ms, schedules: many.value.schedulesRun }, finds, shortRuns, longRuns, oneShortRuns, oneLongRuns, parallel };
}

export default {
  name: "explore.schedules.per.s",
  goal: ">= 500",
  async run(page) {
    const input = {
      locked: COUNTER(true), racy: COUNTER(false), short: STEPS(SHORT), long: STEPS(LONG), oneShort: ONE(SHORT), oneLong: ONE(LONG),
      schedules: SCHEDULES, findRuns: FIND_RUNS,
    };
    const r = await page.evaluate(`(${measure.toString()})(${JSON.stringify(input)})`);
    if (r.error) throw new Error(r.error);
    const perS = (r.many.schedules / r.many.ms) * 1000;
    const find = median(r.finds.map((f) => f.ms));
    const shortMs = median(r.shortRuns.map((s) => s.ms));
    const longMs = median(r.longRuns.map((s) => s.ms));
    const extraSteps = r.longRuns[0].steps - r.shortRuns[0].steps;
    const stepUs = ((longMs - shortMs) / extraSteps) * 1000;
    const oneShortMs = median(r.oneShortRuns.map((s) => s.ms));
    const oneLongMs = median(r.oneLongRuns.map((s) => s.ms));
    const oneExtraSteps = r.oneLongRuns[0].steps - r.oneShortRuns[0].steps;
    const oneStepUs = ((oneLongMs - oneShortMs) / oneExtraSteps) * 1000;
    const handoversPerStep = (median(r.longRuns.map((s) => s.handovers)) - median(r.shortRuns.map((s) => s.handovers))) / extraSteps;
    const handoffUs = (stepUs - oneStepUs) / handoversPerStep;
    const parallelMs = median(r.parallel);
    return {
      value: perS,
      unit: "schedules/s",
      note: `${r.many.schedules} schedules of the locked two-thread counter in ${(r.many.ms / 1000).toFixed(1)} s; each a whole run, on workers and memory the schedules before it left clean, and the one outcome replayed on fresh workers`,
      also: [
        {
          name: "explore.find.ms", goal: "<= 500", value: find, unit: "ms",
          note: `lost update found in ${r.finds.map((f) => `${Math.round(f.ms)} ms (${f.schedules} schedules, ${f.preemptions} preemption)`).join(", ")}`,
        },
        {
          name: "controlled.step.us", goal: "report", value: stepUs, unit: "us",
          note: `(${longMs.toFixed(0)} - ${shortMs.toFixed(0)} ms) / ${extraSteps} steps, two threads, seeded random scheduler`,
        },
        {
          name: "step.handoff.us", goal: "<= 20", value: handoffUs, unit: "us",
          note: `(${stepUs.toFixed(2)} us a step of two threads - ${oneStepUs.toFixed(2)} us of one) / ${handoversPerStep.toFixed(2)} hand-overs a step; one thread: (${oneLongMs.toFixed(0)} - ${oneShortMs.toFixed(0)} ms) / ${oneExtraSteps} steps`,
        },
        {
          name: "controlled.slowdown", goal: "report", value: longMs / parallelMs, unit: "x",
          note: `${LONG} increments per thread: controlled ${longMs.toFixed(0)} ms over parallel ${parallelMs.toFixed(0)} ms (wall, each a whole run)`,
        },
      ],
    };
  },
};
