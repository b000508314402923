// The simulated GIL (API.md §7): behaviour, not wiring. With the GIL on, two
// CPU-bound threads never run at the same time (their summed running time
// fits in the span they cover); blocking calls give the GIL up, so sleeping
// threads still overlap; the first-line pragma sets it and its interval.
import { apiTest as test, expect, runSnippet, outputTexts, describeRun } from "./fixtures";

const CPU_BOUND = `
import { Thread, print } from "playground";
function count(n: number) { let x = 0; for (let i = 0; i < n; i++) x += i % 7; return x; }
const ts = [1, 2].map(() => new Thread({ target: count, args: [30_000_000] }));
ts.forEach((t) => t.start()); ts.forEach((t) => t.join());
print("done");
`;

type Handover = { to: string; from: string; tMs: number; latencyUs: number };
const gilHandovers = (page: import("@playwright/test").Page) =>
  page.evaluate(() => (window as unknown as { playground: { debug: { gilHandovers(): Handover[] } } }).playground.debug.gilHandovers());

function cpuThreads(result: Awaited<ReturnType<typeof runSnippet>>) {
  const threads = result.threads.filter((t) => t.name === "Thread-1" || t.name === "Thread-2");
  const span = Math.max(...threads.map((t) => t.endMs)) - Math.min(...threads.map((t) => t.startMs));
  const running = threads.reduce((sum, t) => sum + t.runningMs, 0);
  return { span, running };
}

test("with the GIL on, two CPU-bound threads take turns: their running times do not overlap", async ({ playground }) => {
  // Scenario: the same counting loop in two threads, GIL on via settings.
  // Running time is recorded only while a thread holds the GIL, so the sum
  // stays within ~15% of the time both threads span, and each thread spends
  // time waiting for the GIL (counted as blocked).
  const result = await runSnippet(playground, CPU_BOUND, { gil: true }, 120_000);
  expect(result.status, describeRun(result)).toBe("ok");
  const { span, running } = cpuThreads(result);
  expect(running).toBeLessThanOrEqual(span * 1.15);
  for (const t of result.threads.filter((t) => t.name.startsWith("Thread-"))) expect(t.blockedMs).toBeGreaterThan(0);
  // The timeline's hand-over arrows: the GIL went back and forth between the
  // two workers (the switch interval forces it), never from a thread to itself.
  const handovers = await gilHandovers(playground);
  const between = handovers.filter((h) => h.from.startsWith("Thread-") && h.to.startsWith("Thread-"));
  expect(between.filter((h) => h.to === "Thread-1").length).toBeGreaterThan(2);
  expect(between.filter((h) => h.to === "Thread-2").length).toBeGreaterThan(2);
  for (const h of handovers) {
    expect(h.from).not.toBe(h.to);
    expect(h.latencyUs).toBeGreaterThanOrEqual(0);
  }
});

/**
 * The counting loop of CPU_BOUND in two threads that start counting together
 * (a Barrier), each noting when it did: however late a busy machine starts
 * the second thread, the loops are both there to overlap.
 */
const CPU_BOUND_TOGETHER = `
import { Thread, Barrier, sharedArray, now, print } from "playground";
const go = new Barrier(2);
const released = sharedArray("float64", 2);
function count(i: number, n: number) {
  go.wait();
  released[i] = now();
  let x = 0;
  for (let k = 0; k < n; k++) x += k % 7;
  return x;
}
const ts = [0, 1].map((i) => new Thread({ target: count, args: [i, 30_000_000] }));
ts.forEach((t) => t.start()); ts.forEach((t) => t.join());
print("released " + Math.max(released[0], released[1]));
`;

test("with the GIL off, the same threads run in parallel on two cores", async ({ playground }) => {
  // Scenario: GIL off: from the Barrier on, both threads run at once, so
  // their running time adds up to well over the time from the barrier to
  // the last end (on a machine with at least 2 cores), and no GIL goes
  // from one to the other. (Before the Barrier, a busy CI machine started the
  // second thread so late that the two loops did not overlap at all.)
  test.skip((await playground.evaluate(() => navigator.hardwareConcurrency)) < 2, "needs 2 cores");
  const result = await runSnippet(playground, CPU_BOUND_TOGETHER, { gil: false }, 120_000);
  expect(result.status, describeRun(result)).toBe("ok");
  const release = Number(outputTexts(result)[0].replace("released ", ""));
  const threads = result.threads.filter((t) => t.name === "Thread-1" || t.name === "Thread-2");
  const window = Math.max(...threads.map((t) => t.endMs)) - release;
  const running = threads.reduce((sum, t) => sum + t.runningMs, 0);
  expect(running, describeRun(result)).toBeGreaterThan(window * 1.3);
  // (Neither took the GIL from the other: there is none.)
  expect(await gilHandovers(playground)).toEqual([]);
});

test("with the GIL on, I/O-bound threads overlap their sleeps", async ({ playground }) => {
  // Scenario: three threads meet at a Barrier and then each sleep 300 ms with
  // the GIL on. Sleeping gives the GIL up, so the three sleeps share a moment:
  // the last to start sleeping starts before the first to wake wakes. Held
  // through the sleep, the GIL would make them one after another, disjoint.
  const result = await runSnippet(playground, `
    import { Thread, Barrier, print, sleep, now, sharedArray } from "playground";
    const startedAt = sharedArray("float64", 3);
    const wokeAt = sharedArray("float64", 3);
    const gate = new Barrier(3);
    const ts = [0, 1, 2].map((i) => new Thread({ target: () => {
      gate.wait();
      startedAt[i] = now(); sleep(300); wokeAt[i] = now();
    } }));
    ts.forEach((t) => t.start()); ts.forEach((t) => t.join());
    print(Math.max(...startedAt) < Math.min(...wokeAt) ? "overlapped" : "serialised");
  `, { gil: true }, 60_000);
  expect(result.status, describeRun(result)).toBe("ok");
  expect(outputTexts(result)).toEqual(["overlapped"]);
});

test("the first-line pragma turns the GIL on and sets the switch interval", async ({ playground }) => {
  // Scenario: `// playground: gil=on switchInterval=2` with no settings: the
  // snippet sees the GIL on and a 2 ms interval; setSwitchInterval changes it.
  const result = await runSnippet(playground, `// playground: gil=on switchInterval=2
    import { print, gilEnabled, getSwitchInterval, setSwitchInterval } from "playground";
    print(gilEnabled(), getSwitchInterval());
    setSwitchInterval(10);
    print(getSwitchInterval());
  `);
  expect(result.status, describeRun(result)).toBe("ok");
  expect(outputTexts(result)).toEqual(["true 2", "10"]);
});

test("each process has its own GIL: a Process can run free-threaded or with the GIL whatever the run's setting", async ({ playground }) => {
  // Scenario: the run has the GIL off; one child process asks for the GIL
  // and runs two CPU-bound threads, which then take turns (summed running
  // time within ~15% of their span); a second child inherits "off" and a
  // third, started from a GIL process with gil: false, is free-threaded.
  const result = await runSnippet(playground, `
    import { Process, Thread, print, gilEnabled } from "playground";
    function count(n: number) { let x = 0; for (let i = 0; i < n; i++) x += i % 7; return x; }
    function twoThreads() {
      const ts = [1, 2].map((k) => new Thread({ name: "cpu-" + k, target: count, args: [20_000_000] }));
      ts.forEach((t) => t.start()); ts.forEach((t) => t.join());
    }
    function report(label: string) { print(label, gilEnabled()); }
    function nested() { report("with-gil"); const p = new Process({ target: report, args: ["grandchild-free"], gil: false }); p.start(); p.join(); twoThreads(); }
    print("main", gilEnabled());
    const a = new Process({ target: nested, gil: true });
    a.start(); a.join();
    const b = new Process({ target: report, args: ["inherits"] });
    b.start(); b.join();
  `, {}, 120_000);
  expect(result.status, describeRun(result)).toBe("ok");
  expect(outputTexts(result)).toEqual(["main false", "with-gil true", "grandchild-free false", "inherits false"]);
  const threads = result.threads.filter((t) => t.name.startsWith("cpu-"));
  expect(threads).toHaveLength(2);
  const span = Math.max(...threads.map((t) => t.endMs)) - Math.min(...threads.map((t) => t.startMs));
  const running = threads.reduce((sum, t) => sum + t.runningMs, 0);
  expect(running).toBeLessThanOrEqual(span * 1.15);
});

type Slice = { name: string; fromMs: number; toMs: number };
/** Each thread's state slices, by name, from the exported trace. */
async function stateSlices(page: import("@playwright/test").Page): Promise<Record<string, Slice[]>> {
  return page.evaluate(() => {
    const trace = (window as unknown as { playground: { getTrace(): { traceEvents: { ph: string; name: string; tid: number; ts: number; dur?: number; cat?: string; args?: { name?: string } }[] } } }).playground.getTrace();
    const names = new Map(trace.traceEvents.filter((e) => e.ph === "M" && e.name === "thread_name").map((e) => [e.tid, e.args?.name ?? ""]));
    const out: Record<string, { name: string; fromMs: number; toMs: number }[]> = {};
    for (const e of trace.traceEvents) {
      if (e.ph !== "X" || e.cat !== "state") continue;
      (out[names.get(e.tid) ?? ""] ??= []).push({ name: e.name, fromMs: e.ts / 1000, toMs: (e.ts + (e.dur ?? 0)) / 1000 });
    }
    return out;
  });
}

/**
 * Runs `code`, which declares idler() and worker(), with the GIL on, each in
 * a thread of its name (each prints once, then MainThread runs `after`); the
 * state slices and the lines `after` printed.
 */
async function runIdlerAndWorker(page: import("@playwright/test").Page, code: string, after = ""): Promise<Record<string, Slice[]> & { printed: string[] }> {
  const result = await runSnippet(page, `${code}
    const a = new Thread({ target: idler, name: "idler" });
    const b = new Thread({ target: worker, name: "worker" });
    a.start(); b.start(); a.join(); b.join();
    ${after}
  `, { gil: true });
  expect(result.status, describeRun(result)).toBe("ok");
  const lines = outputTexts(result);
  expect(lines.slice(0, 2)).toEqual(["worker ran", "idler woke"]);
  return Object.assign(await stateSlices(page), { printed: lines.slice(2) });
}

/** The state of thread "idler" as "worker" began to run after its wait on an Event. */
function idlerWhenWorkerRan(slices: Record<string, Slice[]>): string | undefined {
  const waited = slices.worker.findIndex((s) => s.name === "waiting");
  const ran = slices.worker.slice(waited + 1).find((s) => s.name === "running");
  return ran && slices.idler.find((s) => s.fromMs <= ran.fromMs && ran.fromMs < s.toMs)?.name;
}

test("with the GIL on, a thread whose code waits at an await lets the GIL go: its process's other threads run meanwhile", async ({ playground }) => {
  // Scenario: `idler` says it is about to await (an Event) and awaits
  // Atomics.waitAsync on a shared word, which `worker` notifies once it has
  // run: nothing of the idler's runs meanwhile (a 1 ms interval polling the
  // word did, and on a busy machine the worker met one of its runs holding
  // the GIL). A Python thread waiting in its event loop holds no GIL; this
  // one held it for its whole wait, and `worker` waited for the GIL until
  // the wait timed out. So when `worker` runs, `idler` is idle, not running
  // or waiting for the GIL.
  const slices = await runIdlerAndWorker(playground, `
    import { Thread, Event, sharedArray, print } from "playground";
    const awaiting = new Event();
    const ran = sharedArray("int32", 1);
    async function idler() {
      awaiting.set();
      await Atomics.waitAsync(ran, 0, 0, 5000).value;
      print("idler woke");
    }
    function worker() { awaiting.wait(); print("worker ran"); Atomics.store(ran, 0, 1); Atomics.notify(ran, 0); }
  `);
  expect(idlerWhenWorkerRan(slices), JSON.stringify(slices)).toBe("event loop idle");
});

test("with the GIL on, code a host promise woke is drawn running from its wake, and idle again at its next await", async ({ playground }) => {
  // Scenario: idler awaits OffscreenCanvas.convertToBlob() (a host
  // promise), then sorts a million numbers (host calls only: no API call,
  // loop or function entry of its own), timing that itself, then sleeps,
  // lets worker go and awaits a timer. The wake must be seen: the sort
  // is drawn running (before the canvas's promise was bound to its thread,
  // the thread was drawn idle, without the GIL, until the sleep found it
  // running). Then it must be found idle again at the timer's await, GIL let
  // go, so that worker, waiting for the Event, runs meanwhile and prints
  // first. (Which state the idler is in as the worker starts is the
  // machine's: the worker may ask for the GIL while the idler still runs
  // its last statements, and get it at the idler's next check.)
  const slices = await runIdlerAndWorker(playground, `
    import { Thread, Event, sleep, print, sharedArray } from "playground";
    const go = new Event();
    const sortMs = sharedArray("float64", 1);
    async function idler() {
      const canvas = new (globalThis as unknown as { OffscreenCanvas: new (w: number, h: number) => { getContext(k: string): unknown; convertToBlob(): Promise<Blob> } }).OffscreenCanvas(1, 1);
      canvas.getContext("2d");
      await canvas.convertToBlob();
      const t0 = performance.now();
      new Float64Array(1_000_000).map(Math.random).sort();
      sortMs[0] = performance.now() - t0;
      sleep(5);
      go.set();
      await new Promise((resolve) => setTimeout(resolve, 500));
      print("idler woke");
    }
    function worker() { go.wait(); print("worker ran"); }
  `, "print(sortMs[0]);");
  const why = JSON.stringify(slices);
  const sortMs = Number(slices.printed[0]);
  expect(sortMs, why).toBeGreaterThan(0);
  const slept = slices.idler.findIndex((s) => s.name === "sleeping");
  expect(slept, why).toBeGreaterThan(0);
  const beforeSleep = slices.idler[slept - 1];
  // (The slice holds the sort and its timing: at least the half of it is far from the instant an unseen wake drew.)
  expect(beforeSleep.name, why).toBe("running");
  expect(beforeSleep.toMs - beforeSleep.fromMs, why).toBeGreaterThan(sortMs / 2);
  expect(slices.idler.slice(slept + 1).some((s) => s.name === "event loop idle"), why).toBe(true);
});
