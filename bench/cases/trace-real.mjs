// The timeline on a real run's trace (issue 12): a snippet that records
// more than 10 million events (two threads in spans, a producer and a
// consumer on a queue, two threads contending for a lock) runs in the page;
// then the same pan/zoom sweep as render.frame.ms is drawn over the page's
// own model of it (window.playground.debug.renderBenchLastRun).
//   render.frame.ms.real   median frame of the sweep
//   render.events.real     the run's events (RunResult.stats.events)
//   trace.bytes.per.event  the model's typed arrays (their capacity) / events
//   trace.drain.events.per.s  one thread recording as fast as it can for 2 s,
//                          with nothing dropped: what the drain keeps up with
// The ring folds an uncontended lock's pairs into one stored event yet counts
// them all (trace/ring.ts), which would pad the count with events nothing
// holds: the lock's holders mark inside it, so no pair folds, and the case
// fails unless 10 M events are stored (the events less the folded ones).

const STORED_MIN = 10_000_000;

const BIG = `import { Thread, Lock, Queue, span, mark, print } from "playground";
const lock = new Lock();
const jobs = new Queue<number>();
let shared = 0;
function spans() { for (let i = 0; i < 1_800_000; i++) { span("work", () => { shared += 1; }); if (i % 1000 === 0) mark("tick"); } }
function producer() { for (let i = 0; i < 1_000_000; i++) jobs.put(i); jobs.put(-1); }
function consumer() { while (jobs.get() >= 0) {} }
function contender() { for (let i = 0; i < 400_000; i++) lock.with(() => { shared += 1; mark("held"); }); }
const threads = [spans, spans, producer, consumer, contender, contender].map((target) => new Thread({ target }));
threads.forEach((t) => t.start());
threads.forEach((t) => t.join());
print("done");
`;

const DRAIN = `import { mark, now, print } from "playground";
const t0 = now();
let n = 0;
while (now() - t0 < 2000) { for (let i = 0; i < 1000; i++) mark("m"); n += 1000; }
print("BENCH:" + JSON.stringify({ marks: n, ms: now() - t0 }));
`;

let measured = null;
function measure(page) {
  measured ??= (async () => {
    const result = await page.evaluate((code) => window.playground.run({ code, timeoutMs: 300_000 }), BIG);
    if (result.status !== "ok") throw new Error(`the big run ended ${result.status}: ${result.errors.map((e) => e.message).join("; ")}`);
    const sweep = await page.evaluate(() => window.playground.debug.renderBenchLastRun());
    const stored = sweep.events - sweep.folded;
    if (stored < STORED_MIN) throw new Error(`only ${stored} of the run's ${sweep.events} events are stored (${sweep.folded} folded)`);
    return { result, sweep, stored };
  })();
  return measured;
}

export const frame = {
  name: "render.frame.ms.real",
  goal: "<= 16",
  async run(page) {
    const { sweep } = await measure(page);
    return { value: sweep.medianMs, unit: "ms", note: `median of ${sweep.frames} frames over a real run's ${sweep.events.toLocaleString("en-US")} events; p95 ${sweep.p95Ms.toFixed(1)} ms, whole run in view ${sweep.fullViewMs.toFixed(1)} ms` };
  },
};

export const events = {
  name: "render.events.real",
  goal: ">= 10000000",
  async run(page) {
    const { result, sweep } = await measure(page);
    return { value: result.stats.events, unit: "events", note: `${sweep.folded} of them folded lock pairs, ${result.stats.droppedEvents} dropped; the run took ${(result.durationMs / 1000).toFixed(1)} s` };
  },
};

export const bytes = {
  name: "trace.bytes.per.event",
  goal: "<= 16",
  async run(page) {
    const { sweep, stored } = await measure(page);
    const perEvent = sweep.bytes / sweep.events;
    const over = perEvent > 16 ? "; OVER the goal" : "";
    return { value: perEvent, unit: "B", note: `${(sweep.bytes / 2 ** 20).toFixed(0)} MiB of typed arrays (at capacity) for ${sweep.events.toLocaleString("en-US")} events (${(sweep.bytes / stored).toFixed(2)} B per stored one)${over}` };
  },
};

export const drain = {
  name: "trace.drain.events.per.s",
  goal: "report",
  async run(page) {
    const result = await page.evaluate((code) => window.playground.run({ code, timeoutMs: 120_000 }), DRAIN);
    const line = result.output.find((l) => l.text.startsWith("BENCH:"));
    if (result.status !== "ok" || !line) throw new Error(`the drain run ended ${result.status}`);
    const { marks, ms } = JSON.parse(line.text.slice(6));
    if (result.stats.droppedEvents !== 0) throw new Error(`${result.stats.droppedEvents} events dropped`);
    // RunResult's count over the run's length: what reached the page, not just the calls made.
    const { events } = result.stats;
    const perS = (n, ms) => Math.round((n / ms) * 1000);
    return { value: perS(events, result.durationMs), unit: "events/s", note: `one thread, mark() in a loop for ${(ms / 1000).toFixed(1)} s: ${events.toLocaleString("en-US")} events in a ${(result.durationMs / 1000).toFixed(2)} s run, none dropped; the loop alone ${perS(marks, ms).toLocaleString("en-US")}/s` };
  },
};
