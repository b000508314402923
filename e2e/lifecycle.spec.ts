// How programs end and timers fire (API.md §2): Timer and cancel, exit and
// atexit, osExit, local(). Each scenario is a snippet run through
// window.playground.run, as a course page would.
import { apiTest as test, expect, runSnippet, outputTexts, describeRun } from "./fixtures";

test("a Timer fires after its interval unless cancelled first", async ({ playground }) => {
  // Scenario (the seed's Timer): one timer fires with its argument; a second
  // is cancelled before its interval and never calls its function. The
  // timer's lane is of kind "timer".
  const result = await runSnippet(playground, `
    import { Timer, print, sleep } from "playground";
    const fired = new Timer(50, (msg: string) => print("fired", msg), ["hello"]);
    const cancelled = new Timer(50, () => print("must not print"));
    fired.start(); cancelled.start();
    sleep(10);
    cancelled.cancel();
  `);
  expect(result.status, describeRun(result)).toBe("ok");
  expect(outputTexts(result)).toEqual(["fired hello"]);
  expect(result.threads.filter((t) => t.kind === "timer").length).toBe(2);
});

test("exit() ends MainThread's program, waits for non-daemon threads, then runs atexit last-first", async ({ playground }) => {
  // Scenario: MainThread registers two atexit functions, starts a thread that
  // sleeps, and calls exit(3). Nothing after exit() runs; the thread still
  // finishes; then the atexit functions run in reverse order; exitCode is 3.
  const result = await runSnippet(playground, `
    import { Thread, atexit, exit, print, sleep } from "playground";
    atexit.register((n: number) => print("atexit", n), 1);
    atexit.register((n: number) => print("atexit", n), 2);
    new Thread({ target: () => { sleep(80); print("worker done"); } }).start();
    exit(3);
    print("after exit");
  `);
  expect(result.status, describeRun(result)).toBe("ok");
  expect(result.exitCode).toBe(3);
  expect(outputTexts(result)).toEqual(["worker done", "atexit 2", "atexit 1"]);
});

test("exit() in a thread ends only that thread, silently", async ({ playground }) => {
  // Scenario (the seed's thread.exit_thread()): a thread calls exit() in the
  // middle; its later line never prints, no traceback, MainThread goes on.
  const result = await runSnippet(playground, `
    import { Thread, exit, print } from "playground";
    const t = new Thread({ target: () => { print("before"); exit(); print("after"); } });
    t.start(); t.join();
    print("main goes on");
  `);
  expect(result.status, describeRun(result)).toBe("ok");
  expect(outputTexts(result)).toEqual(["before", "main goes on"]);
  expect(result.errors).toEqual([]);
});

test("osExit() ends every thread at once and skips atexit functions", async ({ playground }) => {
  // Scenario: a thread loops forever; MainThread registers an atexit function
  // and calls osExit(4): the run ends with exit code 4, the looping thread is
  // stopped, the atexit function never runs.
  const result = await runSnippet(playground, `
    import { Thread, atexit, osExit, print } from "playground";
    atexit.register(() => print("must not print"));
    new Thread({ target: () => { for (;;) {} } }).start();
    osExit(4);
  `);
  expect(result.status, describeRun(result)).toBe("ok");
  expect(result.exitCode).toBe(4);
  expect(outputTexts(result)).toEqual([]);
  expect(result.threads.find((t) => t.name === "Thread-1")?.state).toBe("stopped");
});

test("local() gives every thread its own properties", async ({ playground }) => {
  // Scenario (the seed's thread-local data): MainThread sets data.x; two
  // threads each see an empty local, set their own x and read it back.
  const result = await runSnippet(playground, `
    import { Thread, local, print, currentThread } from "playground";
    const data = local<{ x?: string }>();
    data.x = "main";
    function work() {
      const before = data.x;
      data.x = currentThread().name;
      print(currentThread().name, before, data.x);
    }
    const ts = [new Thread({ target: work, name: "A" }), new Thread({ target: work, name: "B" })];
    ts.forEach((t) => t.start()); ts.forEach((t) => t.join());
    print("main", data.x);
  `);
  expect(result.status, describeRun(result)).toBe("ok");
  expect(outputTexts(result).sort()).toEqual(["A undefined A", "B undefined B", "main main"]);
});
