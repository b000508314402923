// The run's limits (issue: the whole concurrency API): too many threads fail
// start() with a clear RuntimeError and leave the run usable; an output flood
// keeps the page responsive and counts the lines it did not keep.
import { apiTest as test, expect, runSnippet, outputTexts, describeRun } from "./fixtures";

test("start() beyond maxThreads raises RuntimeError, and the threads already started finish", async ({ playground }) => {
  // Scenario: settings.maxThreads = 4; MainThread starts 6 threads that wait
  // on an Event: the fifth start() fails with CPython's "can't start new
  // thread"; after the Event is set the four started ones finish normally.
  const result = await runSnippet(playground, `
    import { Thread, Event, print } from "playground";
    const go = new Event();
    const started: Thread[] = [];
    for (let i = 0; i < 6; i++) {
      const t = new Thread({ target: () => go.wait() });
      try { t.start(); started.push(t); } catch (e) { print((e as Error).name, (e as Error).message.split(":")[0]); }
    }
    go.set();
    started.forEach((t) => t.join());
    print("started", started.length);
  `, { maxThreads: 4 });
  expect(result.status, describeRun(result)).toBe("ok");
  expect(outputTexts(result)).toEqual(["RuntimeError can't start new thread", "RuntimeError can't start new thread", "started 4"]);
});

test("the default limit is 64 threads alive at once", async ({ playground }) => {
  // Scenario: without settings, 64 waiting threads start and the 65th fails.
  const result = await runSnippet(playground, `
    import { Thread, Event, print } from "playground";
    const go = new Event();
    let ok = 0;
    for (let i = 0; i < 65; i++) {
      try { new Thread({ target: () => go.wait(), daemon: true }).start(); ok++; } catch (e) { print((e as Error).name); }
    }
    go.set();
    print("started", ok);
  `, undefined, 60_000);
  expect(result.status, describeRun(result)).toBe("ok");
  expect(outputTexts(result)).toEqual(["RuntimeError", "started 64"]);
});

test("long lines are counted against what a run keeps too: the page keeps at most 32 MB of output text", async ({ playground }) => {
  // Scenario: 1,000 lines of 30,000 characters (60 MB of text): lines alone were no bound, and a
  // hundred times this took the page's memory. About 560 are kept, and a note counts the rest.
  const result = await runSnippet(playground, `
    import { print } from "playground";
    const s = "y".repeat(30000);
    for (let i = 0; i < 1000; i++) print(s);
  `, undefined, 120_000);
  expect(result.status, describeRun(result)).toBe("ok");
  const kept = result.output.filter((o) => !o.system);
  expect(kept.reduce((n, o) => n + o.text.length, 0)).toBeLessThanOrEqual(16 << 20);
  expect(kept.length).toBeGreaterThan(500);
  expect(result.output.at(-1)!.text).toBe(`${1000 - kept.length} more output lines were printed but not kept (a run keeps at most 100000 lines and 32 MB of text)`);
});

test("an output flood keeps the page responsive and counts the lines it did not keep", async ({ playground }) => {
  // Scenario: a thread prints 120,000 lines; the result keeps 100,000 and
  // ends with a note that counts the other 20,000; the page answers meanwhile.
  const result = await runSnippet(playground, `
    import { Thread, print } from "playground";
    const t = new Thread({ target: () => { for (let i = 0; i < 120000; i++) print("line", i); } });
    t.start(); t.join();
  `, undefined, 120_000);
  expect(result.status, describeRun(result)).toBe("ok");
  expect(result.output.length).toBe(100_001);
  expect(result.output.at(-1)!.text).toBe("20000 more output lines were printed but not kept (a run keeps at most 100000 lines and 32 MB of text)");
  expect(await playground.evaluate(() => document.body.dataset.runState)).not.toBe("running");
});
