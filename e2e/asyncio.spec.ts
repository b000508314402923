// Coroutines (API.md §8): tasks take turns on one thread's loop.
import { apiTest as test, expect, runSnippet, outputTexts, describeRun } from "./fixtures";

test("asyncio.gather of three 150 ms sleeps takes well under 300 ms, on one thread", async ({ playground }) => {
  // Scenario: three coroutines each await asyncio.sleep(150); gathered, they
  // overlap on MainThread's loop, and no other thread is started.
  const result = await runSnippet(playground, `
    import { asyncio, print, now, currentThread } from "playground";
    async function nap(tag: string) { await asyncio.sleep(150); return tag + "@" + currentThread().name; }
    asyncio.run(async () => {
      const t0 = now();
      const names = await asyncio.gather(nap("a"), nap("b"), nap("c"));
      print(names.join(","), now() - t0 < 290 ? "fast" : "slow");
    });
  `);
  expect(result.status, describeRun(result)).toBe("ok");
  expect(outputTexts(result)).toEqual(["a@MainThread,b@MainThread,c@MainThread fast"]);
  expect(result.threads.map((t) => t.name)).toEqual(["MainThread"]);
});

test("a blocking sleep inside a coroutine stalls the loop, and the output says why", async ({ playground }) => {
  // Scenario: one task calls the blocking sleep(200) while another wants to
  // print after asyncio.sleep(10): the second prints only after the first
  // unblocks, and a hint explains it.
  const result = await runSnippet(playground, `
    import { asyncio, print, sleep, now } from "playground";
    asyncio.run(async () => {
      const t0 = now();
      const quick = (async () => { await asyncio.sleep(10); return now() - t0; })();
      await asyncio.sleep(0);
      sleep(200);
      print((await quick) >= 195 ? "stalled" : "not stalled");
    });
  `);
  expect(result.status, describeRun(result)).toBe("ok");
  const texts = outputTexts(result);
  expect(texts.some((t) => t.startsWith("hint: sleep() blocks this thread's whole event loop"))).toBe(true);
  expect(texts).toContain("stalled");
});

test("waitFor times out, tasks report their results, asyncio.Queue passes items between tasks", async ({ playground }) => {
  // Scenario: a task's result and name; waitFor on a long sleep raises
  // TimeoutError; a consumer task sums three items a producer puts.
  const result = await runSnippet(playground, `
    import { asyncio, print } from "playground";
    asyncio.run(async () => {
      const task = asyncio.createTask((async () => 7)(), { name: "seven" });
      print(await task, task.getName(), task.done());
      try { await asyncio.waitFor(asyncio.sleep(1000), 30); } catch (e) { print((e as Error).name); }
      const q = new asyncio.Queue<number>();
      const consumer = asyncio.createTask((async () => { let s = 0; for (let i = 0; i < 3; i++) s += await q.get(); return s; })());
      for (const n of [1, 2, 3]) await q.put(n);
      print("sum", await consumer);
    });
  `);
  expect(result.status, describeRun(result)).toBe("ok");
  expect(outputTexts(result)).toEqual(["7 seven true", "TimeoutError", "sum 6"]);
});

test("asyncio.toThread runs its function on a thread of its own, and the channel its result comes back on is the runtime's: no queue lane", async ({ playground }) => {
  // Before: a "Queue 1" lane the snippet never made, with the result's traffic on it.
  const result = await runSnippet(playground, `
    import { asyncio, print, sleep } from "playground";
    function blocking(ms: number) { sleep(ms); return ms; }
    asyncio.run(async () => {
      const [r] = await asyncio.gather(asyncio.toThread(blocking, 30), asyncio.sleep(10));
      print("r", r);
    });
  `);
  expect(result.status, describeRun(result)).toBe("ok");
  expect(outputTexts(result)).toEqual(["r 30"]);
  const lanes = await playground.evaluate(() =>
    (window as unknown as { playground: { debug: { timelineLanes(): { kind: string; label: string }[] } } }).playground.debug.timelineLanes());
  expect(lanes.filter((lane) => lane.kind === "thread").map((lane) => lane.label)).toEqual(["MainThread", "Thread-1"]);
  expect(lanes.filter((lane) => lane.kind === "queue"), JSON.stringify(lanes)).toEqual([]);
});

test("a task that fails and that nothing reads is said at the loop's end, as Python's \"Task exception was never retrieved\"; one read by await, result() or gather is not", async ({ playground }) => {
  // Before: the run said 0 errors and printed nothing; only the task's red end on the timeline showed it failed.
  const result = await runSnippet(playground, `
    import { asyncio, print } from "playground";
    async function bad(n: number) { await asyncio.sleep(5); throw new Error("failed " + n); }
    asyncio.run(async () => {
      const a = asyncio.createTask(bad(1));
      try { await a; } catch (e) { print("caught", String(e)); }
      const b = asyncio.createTask(bad(2));
      await asyncio.sleep(20);
      try { b.result(); } catch { print("result raised"); }
      const [r] = await asyncio.gather(bad(3), { returnExceptions: true });
      print("gathered", String(r));
      asyncio.createTask(bad(4), { name: "lost" });
      await asyncio.sleep(20);
    });
  `);
  expect(result.status, describeRun(result)).toBe("ok");
  const said = result.output.map((line) => `${line.stream}: ${line.text}`);
  expect(said, describeRun(result)).toEqual([
    "stdout: caught Error: failed 1",
    "stdout: result raised",
    "stdout: gathered Error: failed 3",
    "stderr: Task exception was never retrieved\nfuture: <Task finished name='lost' exception=Error('failed 4')>",
  ]);
});

test("waitFor cancels what it waited for when the time is up, as Python's wait_for does; Task.cancel() raises CancelledError where the task waits", async ({ playground }) => {
  // Before: the timed-out task ran on and printed "slow finished" at 200 ms, drawn running to the end; and a task had no cancel().
  const result = await runSnippet(playground, `
    import { asyncio, print } from "playground";
    async function slow() { await asyncio.sleep(200); print("slow finished"); return 1; }
    async function worker() {
      try { await asyncio.sleep(1000); print("worker woke"); }
      catch (e) { print("worker caught", (e as Error).name); throw e; }
    }
    asyncio.run(async () => {
      try { await asyncio.waitFor(slow(), 30); } catch (e) { print("waitFor:", (e as Error).name); }
      const w = asyncio.createTask(worker(), { name: "worker" });
      await asyncio.sleep(10);
      print("cancel:", w.cancel());
      try { await w; } catch (e) { print("await raised", (e as Error).name, e instanceof asyncio.CancelledError); }
      print("cancelled:", w.cancelled(), "again:", w.cancel());
      await asyncio.sleep(250);
      print("main end");
    });
  `);
  expect(result.status, describeRun(result)).toBe("ok");
  expect(outputTexts(result)).toEqual([
    "waitFor: TimeoutError", "cancel: true", "worker caught CancelledError", "await raised CancelledError true", "cancelled: true again: false", "main end",
  ]);
  // The timeline: the worker's row ends cancelled, at its cancel, not at the end of its second's sleep.
  const tasks = await playground.evaluate(() =>
    (window as unknown as { playground: { debug: { coroutineTasks(): { name: string; cancelled: boolean; failed: boolean; endMs: number }[] } } }).playground.debug.coroutineTasks());
  const worker = tasks.find((t) => t.name === "worker");
  expect(worker, JSON.stringify(tasks)).toMatchObject({ cancelled: true, failed: false });
  expect(worker!.endMs).toBeLessThan(tasks.find((t) => t.name === "main")!.endMs - 200);
});

test("waitFor cancels only what is known to be what it waited for; a CancelledError a task raises itself ends it cancelled; a loop says only its own tasks' lost failures", async ({ playground }) => {
  // From a review: a helper started before the await had its sleep taken for waitFor's and was cancelled; one
  // loop's late failure was said when the next loop closed; a CancelledError the snippet raised was said as a failure.
  const result = await runSnippet(playground, `
    import { asyncio, print } from "playground";
    async function helper() { await asyncio.sleep(40); print("helper finished"); }
    async function selfCancel() { await asyncio.sleep(1); throw new asyncio.CancelledError(); }
    async function lateFailure() { await asyncio.sleep(30); throw new Error("after its loop"); }
    asyncio.run(async () => {
      const h = helper();
      try { await asyncio.waitFor(new Promise((r) => setTimeout(r, 100)), 10); } catch (e) { print("waitFor:", (e as Error).name); }
      await h;
      const t = asyncio.createTask(selfCancel());
      await asyncio.sleep(5);
      print("self-cancelled:", t.cancelled());
      asyncio.createTask(lateFailure(), { name: "late" });
    });
    await asyncio.sleep(60);
    asyncio.run(async () => { await asyncio.sleep(1); print("second loop"); });
  `);
  expect(result.status, describeRun(result)).toBe("ok");
  expect(result.output.map((line) => line.text), describeRun(result)).toEqual([
    "waitFor: TimeoutError", "helper finished", "self-cancelled: true", "second loop",
  ]);
});

test("a cancelled wait in an asyncio Lock, Queue, Event, gather, waitFor or await of a Task ends as Python's does: it leaves its line, passes on what it was handed, and cancels what it waited for", async ({ playground }) => {
  // Before: a timed-out waitFor(lock.acquire()) still took the lock when it came free (the next acquire waited for
  // ever); a getter cancelled as an item came took it; a cancelled gather, waitFor or await of a Task left its
  // children running. The expected lines are what CPython 3.11 prints for the same program in Python.
  const result = await runSnippet(playground, `
    import { asyncio, print } from "playground";
    asyncio.run(async () => {
      // 1. a timed-out acquire leaves the line: the lock is free once its holder lets go
      const lock = new asyncio.Lock();
      await lock.acquire();
      try { await asyncio.waitFor(lock.acquire(), 10); } catch (e) { print("1 waitFor:", (e as Error).name); }
      lock.release();
      print("1 locked after release:", lock.locked());
      // 2. a waiter handed the lock and cancelled in the same tick passes it on
      await lock.acquire();
      const first = asyncio.createTask((async () => { try { await lock.acquire(); print("2 first got it"); } catch (e) { print("2 first:", (e as Error).name); } })());
      const second = asyncio.createTask((async () => { await lock.acquire(); print("2 second got it"); lock.release(); })());
      await asyncio.sleep(5);
      lock.release();
      first.cancel();
      await asyncio.gather(first, second);
      print("2 locked:", lock.locked());
      // 3. a getter cancelled as an item comes takes no item
      const q = new asyncio.Queue<number>();
      const getter = asyncio.createTask((async () => { try { return await q.get(); } catch (e) { print("3 getter:", (e as Error).name); return -1; } })());
      await asyncio.sleep(5);
      q.putNowait(7);
      getter.cancel();
      print("3 got", await getter, "left", q.qsize());
      // 4. a gather cancelled cancels its children
      async function child(name: string) { try { await asyncio.sleep(1000); } catch (e) { print("child", name, (e as Error).name); throw e; } }
      const outer = asyncio.createTask((async () => { await asyncio.gather(child("a"), child("b")); print("4 outer went on"); })());
      await asyncio.sleep(5);
      outer.cancel();
      try { await outer; } catch (e) { print("4 outer:", (e as Error).name, outer.cancelled()); }
      // 5. a task cancelled while it awaits another cancels that one
      const inner = asyncio.createTask(child("inner"));
      const awaiting = asyncio.createTask((async () => { await inner; })());
      await asyncio.sleep(5);
      awaiting.cancel();
      try { await awaiting; } catch (e) { print("5 awaiting:", (e as Error).name, "inner cancelled:", inner.cancelled()); }
      // 6. a task cancelled in a waitFor cancels what it waits for
      const waiting = asyncio.createTask((async () => { await asyncio.waitFor(child("waited"), 1000); })());
      await asyncio.sleep(5);
      waiting.cancel();
      try { await waiting; } catch (e) { print("6 waiting:", (e as Error).name, waiting.cancelled()); }
      // 7. a cancelled Event waiter: the others still wake
      const ev = new asyncio.Event();
      const w1 = asyncio.createTask((async () => { try { await ev.wait(); print("7 w1 woke"); } catch (e) { print("7 w1:", (e as Error).name); } })());
      const w2 = asyncio.createTask((async () => { await ev.wait(); print("7 w2 woke"); })());
      await asyncio.sleep(5);
      w1.cancel();
      await asyncio.sleep(1);
      ev.set();
      await asyncio.gather(w1, w2);
      print("done");
    });
  `, undefined, 20_000);
  expect(result.status, describeRun(result)).toBe("ok");
  expect(outputTexts(result), describeRun(result)).toEqual([
    "1 waitFor: TimeoutError", "1 locked after release: false",
    "2 first: CancelledError", "2 second got it", "2 locked: false",
    "3 getter: CancelledError", "3 got -1 left 1",
    "child a CancelledError", "child b CancelledError", "4 outer: CancelledError true",
    "child inner CancelledError", "5 awaiting: CancelledError inner cancelled: true",
    "child waited CancelledError", "6 waiting: CancelledError true",
    "7 w1: CancelledError", "7 w2 woke", "done",
  ]);
});

test("a cancel raised as Python raises it: after a wait's turn came, through an await of a Task, twice in a row, before a task's first step, through a helper coroutine, in waitFor's wait for its inner, in lock.with()", async ({ playground }) => {
  // From a review of the cancellable waits: each program once ended otherwise than in CPython 3.11, whose output
  // (True/False in JavaScript's spelling) is what each is checked against.
  const cases: [string, string, string[]][] = [
    [
      "a cancel that comes after the wait's turn, before its await resumed",
      `import { asyncio, print } from "playground";
asyncio.run(async () => {
  const ev = new asyncio.Event();
  const q = new asyncio.Queue<number>();
  let v: any;
  const c = asyncio.createTask((async () => { await ev.wait(); print("C cancels V"); v.cancel(); })());
  v = asyncio.createTask((async () => { try { await ev.wait(); print("V woke"); print("V got", await q.get()); } catch (e) { print("V:", (e as Error).name); } })());
  await asyncio.sleep(5);
  ev.set();
  await asyncio.gather(c, v);
  print("done");
});`,
      ["C cancels V", "V: CancelledError", "done"],
    ],
    [
      "a cancel passed on through an await of a Task, taken from the task that awaits",
      `import { asyncio, print } from "playground";
asyncio.run(async () => {
  const inner2 = asyncio.createTask((async () => { try { await asyncio.sleep(1000); } catch (e) { print("D inner2 cancelled"); throw e; } })());
  let p: any;
  p = asyncio.createTask((async () => {
    await asyncio.sleep(1);
    const w2 = asyncio.createTask((async () => { await inner2; })());
    await asyncio.sleep(5);
    p.cancel();
    w2.cancel();
    try { await asyncio.sleep(10); print("D p not cancelled"); } catch (e) { print("D p:", (e as Error).name); }
    try { await w2; } catch (e) { print("D w2:", (e as Error).name); }
  })());
  try { await p; print("D p ended ok, cancelled:", p.cancelled()); } catch (e) { print("D p ended:", (e as Error).name); }
});`,
      ["D inner2 cancelled", "D p: CancelledError", "D w2: CancelledError", "D p ended ok, cancelled: false"],
    ],
    [
      "two cancels while in gather, waitFor or an await of a Task: one CancelledError; a child's own error wins",
      `import { asyncio, print } from "playground";
asyncio.run(async () => {
  async function child(name: string) { try { await asyncio.sleep(1000); } catch (e) { print(name, "child", (e as Error).name); throw e; } }
  // E: cancel twice while in gather / waitFor / await task
  for (const kind of ["gather", "waitFor", "task"]) {
    const outer = asyncio.createTask((async () => {
      try {
        if (kind === "gather") await asyncio.gather(child(kind));
        else if (kind === "waitFor") await asyncio.waitFor(child(kind), 1000);
        else await asyncio.createTask(child(kind));
      } catch (e) { print(kind, "outer caught", (e as Error).name); }
      await asyncio.sleep(1);
      print(kind, "outer after");
    })());
    await asyncio.sleep(5);
    outer.cancel(); outer.cancel();
    try { await outer; print(kind, "ended, cancelled:", outer.cancelled()); } catch (e) { print(kind, "ended:", (e as Error).name); }
  }
  // F: gather cancelled; its child turns the cancel into a ValueError
  const f = asyncio.createTask((async () => {
    await asyncio.gather((async () => { try { await asyncio.sleep(1000); } catch { throw Object.assign(new Error("boom"), { name: "ValueError" }); } })());
  })());
  await asyncio.sleep(5);
  f.cancel();
  try { await f; } catch (e) { print("F:", (e as Error).name, "cancelled:", f.cancelled()); }
});`,
      ["gather child CancelledError", "gather outer caught CancelledError", "gather outer after", "gather ended, cancelled: false", "waitFor child CancelledError", "waitFor outer caught CancelledError", "waitFor outer after", "waitFor ended, cancelled: false", "task child CancelledError", "task outer caught CancelledError", "task outer after", "task ended, cancelled: false", "F: ValueError cancelled: false"],
    ],
    [
      "a task cancelled before its first step gives back what its first await took",
      `import { asyncio, print } from "playground";
asyncio.run(async () => {
  const q = new asyncio.Queue<number>();
  q.putNowait(1);
  const lock = new asyncio.Lock();
  const w = asyncio.createTask((async () => { const x = await q.get(); print("worker got", x); await lock.acquire(); print("worker holds the lock"); await asyncio.sleep(10); lock.release(); })());
  w.cancel();
  try { await w; } catch (e) { print("w:", (e as Error).name); }
  print("left", q.qsize(), "locked", lock.locked());
});`,
      ["w: CancelledError", "left 1 locked false"],
    ],
    [
      "a Lock taken through a helper coroutine, cancelled after its turn: the lock goes back",
      `import { asyncio, print } from "playground";
// a Lock taken through a helper; the waiter is cancelled after its turn, before it resumes: the lock must go back
asyncio.run(async () => {
  const lock = new asyncio.Lock();
  const ev = new asyncio.Event();
  await lock.acquire();
  async function grab() { await lock.acquire(); }
  let w: any;
  const c = asyncio.createTask((async () => { await ev.wait(); print("c cancels w"); w.cancel(); })());
  w = asyncio.createTask((async () => { try { await grab(); print("w got lock"); lock.release(); } catch (e) { print("w:", (e as Error).name); } })());
  await asyncio.sleep(5);
  ev.set(); lock.release();
  await asyncio.gather(c, w);
  print("locked after:", lock.locked());
  try { await asyncio.waitFor(lock.acquire(), 50); print("main got lock"); } catch (e) { print("main:", (e as Error).name); }
});`,
      ["c cancels w", "w: CancelledError", "locked after: false", "main got lock"],
    ],
    [
      "a task cancelled while waitFor waits for the inner its timeout cancelled",
      `import { asyncio, print } from "playground";
// waitFor's timeout cancels the inner, which takes a while to finish; the outer is cancelled meanwhile
asyncio.run(async () => {
  async function slow() {
    try { await asyncio.sleep(1000); } catch (e) { print("inner cancelled, cleaning up"); await asyncio.sleep(50); print("inner cleanup done"); throw e; }
  }
  const outer = asyncio.createTask((async () => {
    try { await asyncio.waitFor(slow(), 10); print("outer: no error"); }
    catch (e) { print("outer:", (e as Error).name); }
    try { await asyncio.sleep(100); print("outer slept on"); } catch (e) { print("outer sleep:", (e as Error).name); }
  })());
  await asyncio.sleep(30);
  print("main cancels outer");
  outer.cancel();
  await outer;
  print("outer cancelled():", outer.cancelled());
});`,
      ["inner cancelled, cleaning up", "main cancels outer", "outer: CancelledError", "inner cleanup done", "outer slept on", "outer cancelled(): false"],
    ],
    [
      "lock.with() cancelled after its turn: the body never runs",
      `import { asyncio, print } from "playground";
// lock.with(): a cancel after the lock's turn came, before the waiter ran
asyncio.run(async () => {
  const lock = new asyncio.Lock();
  const ev = new asyncio.Event();
  await lock.acquire();
  let w: any;
  const c = asyncio.createTask((async () => { await ev.wait(); print("c cancels w"); w.cancel(); })());
  w = asyncio.createTask((async () => {
    try { const r = await lock.with(() => { print("w in body"); return 7; }); print("w result", r); } catch (e) { print("w:", (e as Error).name); }
  })());
  await asyncio.sleep(5);
  ev.set(); lock.release();
  await asyncio.gather(c, w);
  print("locked after:", lock.locked());
});`,
      ["c cancels w", "w: CancelledError", "locked after: false"],
    ],
  ];
  for (const [why, code, expected] of cases) {
    const result = await runSnippet(playground, code, undefined, 20_000);
    expect(result.status, `${why}\n${describeRun(result)}`).toBe("ok");
    expect(outputTexts(result), `${why}\n${describeRun(result)}`).toEqual(expected);
  }
});

test("asyncio.Lock lets one task in at a time and refuses a release while free; Semaphore(2) lets two", async ({ playground }) => {
  // Scenario: three tasks take a Lock around an await: their critical
  // sections never interleave; releasing a free Lock raises; four tasks
  // through a Semaphore(2) are never more than two inside.
  const result = await runSnippet(playground, `
    import { asyncio, print } from "playground";
    asyncio.run(async () => {
      const lock = new asyncio.Lock();
      const order: string[] = [];
      async function worker(name: string) { await lock.with(async () => { order.push(name + "+"); await asyncio.sleep(10); order.push(name + "-"); }); }
      await asyncio.gather(worker("a"), worker("b"), worker("c"));
      print(order.join(" "), lock.locked());
      try { lock.release(); } catch (e) { print((e as Error).message); }
      const sem = new asyncio.Semaphore(2);
      let inside = 0, most = 0;
      await asyncio.gather(...[1, 2, 3, 4].map(() => sem.with(async () => { inside++; most = Math.max(most, inside); await asyncio.sleep(10); inside--; })));
      print("most", most);
    });
  `);
  expect(result.status, describeRun(result)).toBe("ok");
  expect(outputTexts(result)).toEqual(["a+ a- b+ b- c+ c- false", "RuntimeError: Lock is not acquired.", "most 2"]);
});

type TaskInfo = { thread: string; name: string; startMs: number; endMs: number; runs: [number, number][] };
const coroutineTasks = (page: import("@playwright/test").Page) =>
  page.evaluate(() => (window as unknown as { playground: { debug: { coroutineTasks(): TaskInfo[] } } }).playground.debug.coroutineTasks());

test("the timeline draws each task as a sub-lane: running between awaits, waiting at them, one at a time", async ({ playground }) => {
  // Scenario: main gathers three named tasks that each run, await a 100 ms
  // sleep and run again. Each task gets a sub-lane with two running
  // stretches around a wait of about 100 ms; main waits while they do; and,
  // the loop being one thread, no two tasks ever run at the same moment.
  const result = await runSnippet(playground, `
    import { asyncio, print } from "playground";
    async function worker(n: number) {
      let x = 0; for (let i = 0; i < 200_000; i++) x += i;
      await asyncio.sleep(100);
      for (let i = 0; i < 200_000; i++) x -= i;
      return n + x;
    }
    asyncio.run(async () => {
      const tasks = [1, 2, 3].map((n) => asyncio.createTask(worker(n), { name: "worker-" + n }));
      print((await asyncio.gather(...tasks)).join(","));
    });
  `);
  expect(result.status, describeRun(result)).toBe("ok");
  expect(outputTexts(result)).toEqual(["1,2,3"]);
  const tasks = await coroutineTasks(playground);
  expect(tasks.map((t) => t.name).sort()).toEqual(["main", "worker-1", "worker-2", "worker-3"]);
  for (const t of tasks) expect(t.thread).toBe("MainThread");
  for (const t of tasks.filter((t) => t.name.startsWith("worker-"))) {
    expect(t.runs, t.name).toHaveLength(2);
    const waited = t.runs[1][0] - t.runs[0][1];
    expect(waited, t.name).toBeGreaterThanOrEqual(90);
  }
  const main = tasks.find((t) => t.name === "main")!;
  expect(main.runs.length).toBeGreaterThanOrEqual(2);
  expect(main.runs[1][0] - main.runs[0][1]).toBeGreaterThanOrEqual(90);
  // A task made by createTask has already run its first segment inside its
  // creator's (JavaScript starts an async function eagerly): that shows as a
  // zero-length first stretch, which overlaps nothing.
  const all = tasks
    .flatMap((t) => t.runs.map(([s, e]) => ({ s, e, name: t.name })))
    .filter((r) => r.e > r.s)
    .sort((a, b) => a.s - b.s);
  for (let i = 1; i < all.length; i++) expect(all[i].s, `${all[i].name} starts before ${all[i - 1].name} ends`).toBeGreaterThanOrEqual(all[i - 1].e - 0.05);
});

test("a blocking call inside a task shows as that task running through it, the others kept waiting", async ({ playground }) => {
  // Scenario: "hog" calls the blocking sleep(150) between awaits; "polite"
  // only wants to wake after 10 ms. The hog's running stretch covers the
  // whole blocking sleep, and polite resumes only after it.
  const result = await runSnippet(playground, `
    import { asyncio, sleep } from "playground";
    asyncio.run(async () => {
      const polite = asyncio.createTask((async () => { await asyncio.sleep(10); })(), { name: "polite" });
      const hog = asyncio.createTask((async () => { await asyncio.sleep(0); sleep(150); })(), { name: "hog" });
      await asyncio.gather(polite, hog);
    });
  `);
  expect(result.status, describeRun(result)).toBe("ok");
  const tasks = await coroutineTasks(playground);
  const hog = tasks.find((t) => t.name === "hog")!;
  const polite = tasks.find((t) => t.name === "polite")!;
  const longest = hog.runs.reduce((best, [s, e]) => (e - s > best[1] - best[0] ? [s, e] : best), [0, 0]);
  expect(longest[1] - longest[0]).toBeGreaterThanOrEqual(140);
  expect(polite.runs[polite.runs.length - 1][0]).toBeGreaterThanOrEqual(longest[1] - 0.05);
});

test("an event loop with every task waiting at an await is drawn as idle, not as running", async ({ playground }) => {
  // Scenario: main gathers two tasks that each await a 150 ms sleep. From
  // main's await until the first sleeper's timer wakes the thread no task
  // is ready, so MainThread runs no code: the trace says "event loop idle"
  // from exactly main's await (read from the tasks' own running stretches,
  // not from the clock) until the wake, which comes before the sleeper's
  // resume (the loop's own code runs first), and the run's figures do not
  // count it as running.
  const result = await runSnippet(playground, `
    import { asyncio, print } from "playground";
    async function nap(n: number) { await asyncio.sleep(150); return n; }
    asyncio.run(async () => {
      print((await asyncio.gather(nap(1), nap(2))).join(","));
    });
  `);
  expect(result.status, describeRun(result)).toBe("ok");
  expect(outputTexts(result)).toEqual(["1,2"]);
  const trace = await playground.evaluate(() => (window as unknown as { playground: { getTrace(): { traceEvents: { name: string; ph: string; tid: number; ts: number; dur?: number; cat?: string }[] } } }).playground.getTrace());
  const idle = trace.traceEvents.filter((e) => e.name === "event loop idle" && e.ph === "X");
  const idleMs = idle.reduce((sum, e) => sum + (e.dur ?? 0), 0) / 1000;
  const tasks = await coroutineTasks(playground);
  const mainAwaits = tasks.find((t) => t.name === "main")!.runs[0][1];
  const firstResume = Math.min(...tasks.filter((t) => t.name !== "main").map((t) => t.runs[1][0]));
  const longest = idle.reduce((a, b) => ((b.dur ?? 0) > (a.dur ?? 0) ? b : a));
  const why = JSON.stringify({ idle, mainAwaits, firstResume });
  expect(longest.ts / 1000, why).toBeCloseTo(mainAwaits, 2);
  const woke = (longest.ts + (longest.dur ?? 0)) / 1000;
  expect(woke, why).toBeLessThanOrEqual(firstResume + 0.001);
  // (A timer never fires early: the wake is the sleep's, not a probe's mistake.)
  expect(woke, why).toBeGreaterThan(mainAwaits + 140);
  const main = result.threads.find((t) => t.name === "MainThread")!;
  // Running and idle never overlap: the run's span holds both.
  expect(main.runningMs + idleMs).toBeLessThanOrEqual(main.endMs - main.startMs + 0.5);
});

test("a task is drawn waiting at every await, also after one of a plain async function of the snippet's, or of a lock it got at once", async ({ playground }) => {
  // The learner review's case: helper's first await (of its own async
  // function nop) and locked's (an asyncio.Lock free at once) settle
  // without a wait; each then sleeps 100 ms. The two resumed in the same
  // tick, and the one that resumed second was taken for the task that ran
  // after both: helper's sleep was counted as locked's, and helper was
  // drawn running through its sleep.
  const result = await runSnippet(playground, `
    import { asyncio, print } from "playground";
    async function nop() { return 1; }
    async function helper() { await nop(); await asyncio.sleep(100); }
    const alock = new asyncio.Lock();
    async function locked() { await alock.acquire(); await asyncio.sleep(100); alock.release(); }
    asyncio.run(async () => {
      await asyncio.gather(asyncio.createTask(helper(), { name: "helper" }), asyncio.createTask(locked(), { name: "locked" }));
      print("done");
    });
  `);
  expect(result.status, describeRun(result)).toBe("ok");
  expect(outputTexts(result)).toEqual(["done"]);
  const tasks = await coroutineTasks(playground);
  for (const name of ["helper", "locked"]) {
    const task = tasks.find((t) => t.name === name)!;
    const why = JSON.stringify(tasks);
    // Each running stretch is a segment between awaits: none spans the 100 ms sleep, which is a wait between two.
    // (An await of what had already settled, nop()'s result, waited for nothing and may show as none.)
    const longest = Math.max(...task.runs.map(([from, to]) => to - from));
    expect(longest, why).toBeLessThan(50);
    expect(task.runs.length, why).toBeGreaterThanOrEqual(2);
  }
  // The exported trace (Export JSON, Perfetto) has the tasks too: each one's life, and its running stretches in it.
  const trace = await playground.evaluate(() => (window as unknown as { playground: { getTrace(): { traceEvents: { name: string; ph: string; cat?: string; dur?: number }[] } } }).playground.getTrace());
  const exported = trace.traceEvents.filter((e) => e.ph === "X" && e.cat === "task");
  expect(exported.filter((e) => e.name.startsWith("task ")).map((e) => e.name).sort()).toEqual(["task helper", "task locked", "task main"]);
  expect(exported.filter((e) => e.name === "running").every((e) => (e.dur ?? 0) < 50_000)).toBe(true);
});

test("an await in a task takes as many microtask ticks as JavaScript gives it, and an await outside any task is no task's", async ({ playground }) => {
  // The review's cases. (1) A microtask-order lesson gets JavaScript's answer inside asyncio.run too: 1 3 2.
  // (2) ticker, no task's, awaits timers beside main, which sleeps, computes for 40 ms and sleeps again:
  // ticker's awaits were counted as main's, and main was drawn waiting while it computed.
  const result = await runSnippet(playground, `
    import { asyncio, print, now } from "playground";
    async function ticker() {
      for (let i = 0; i < 12; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    async function main() {
      Promise.resolve().then(() => print("1")).then(() => print("2"));
      await null;
      print("3");
      await asyncio.sleep(20);
      const t0 = now();
      while (now() - t0 < 40) {}
      await asyncio.sleep(20);
    }
    const ticking = ticker();
    asyncio.run(main);
    await ticking;
  `);
  expect(result.status, describeRun(result)).toBe("ok");
  expect(outputTexts(result)).toEqual(["1", "3", "2"]);
  const main = (await coroutineTasks(playground)).find((t) => t.name === "main")!;
  const why = JSON.stringify(main);
  // main ran its 40 ms of work in one stretch, not cut by ticker's awaits.
  expect(Math.max(...main.runs.map(([from, to]) => to - from)), why).toBeGreaterThanOrEqual(39);
});

test("a task that awaits another Task waits there, whether it was started as a function or a coroutine: the loop is drawn idle while every task waits", async ({ playground }) => {
  // Scenario: the gallery's createTask example. JavaScript calls a Task's
  // then() a job after the await, when the awaiting task's first segment is
  // over: main's `await down` was lost, and main drawn running for the whole
  // run, the loop never idle.
  for (const start of ["asyncio.run(main)", "asyncio.run(main())"]) {
    const result = await runSnippet(playground, `
      import { asyncio, print } from "playground";
      async function nap() { await asyncio.sleep(100); return 3; }
      async function main() {
        const down = asyncio.createTask(nap(), { name: "down" });
        print("got " + (await down));
      }
      ${start};
    `);
    expect(result.status, describeRun(result)).toBe("ok");
    expect(outputTexts(result)).toEqual(["got 3"]);
    const tasks = await coroutineTasks(playground);
    const main = tasks.find((t) => t.name === "main")!;
    const down = tasks.find((t) => t.name === "down")!;
    const why = `${start}: ${JSON.stringify(tasks)}`;
    expect(main.runs.length, why).toBe(2);
    // main waits from its await until down is done.
    expect(main.runs[1][0], why).toBeGreaterThanOrEqual(down.runs.at(-1)![0]);
    const trace = await playground.evaluate(() => (window as unknown as { playground: { getTrace(): { traceEvents: { name: string; ph: string; dur?: number }[] } } }).playground.getTrace());
    expect(trace.traceEvents.some((e) => e.name === "event loop idle" && e.ph === "X"), why).toBe(true);
  }
});

test("an await of a Task whose awaiting task is not known is not drawn on another task: a task made in main's first segment that awaits another there", async ({ playground }) => {
  // The review's case: main makes c, then p, whose first segment awaits c, then sleeps and works. Whose the
  // await of c is cannot be told (two tasks were just made): it is not traced, and main is drawn as it ran.
  const result = await runSnippet(playground, `
    import { asyncio, print, now } from "playground";
    async function child() { await asyncio.sleep(200); return 1; }
    async function parent(c: PromiseLike<number>) { return await c; }
    async function main() {
      const c = asyncio.createTask(child(), { name: "c" });
      const p = asyncio.createTask(parent(c), { name: "p" });
      await asyncio.sleep(50);
      const end = now() + 20;
      while (now() < end) {}
      print("got " + (await p));
    }
    asyncio.run(main);
  `);
  expect(result.status, describeRun(result)).toBe("ok");
  const tasks = await coroutineTasks(playground);
  const main = tasks.find((t) => t.name === "main")!;
  const why = JSON.stringify(tasks);
  // main runs again when its 50 ms sleep ends (its busy 20 ms drawn as running), not only at the end.
  expect(main.runs.length, why).toBe(3);
  expect(main.runs[1][1] - main.runs[1][0], why).toBeGreaterThanOrEqual(15);
});

test("a thread whose target awaits a plain promise is drawn idle while it waits, not running", async ({ playground }) => {
  // Scenario: an async target awaits a 200 ms timer through a plain promise
  // (no asyncio). Its worker runs nothing of it meanwhile; the lane said
  // "running" for the whole wait, and the run counted it as running time.
  const result = await runSnippet(playground, `
    import { Thread, print } from "playground";
    async function waiter() {
      print("before");
      await new Promise((resolve) => setTimeout(resolve, 200));
      print("after");
    }
    const t = new Thread({ target: waiter, name: "waiter" });
    t.start(); t.join();
  `);
  expect(result.status, describeRun(result)).toBe("ok");
  expect(outputTexts(result)).toEqual(["before", "after"]);
  const [before, after] = result.output.map((l) => l.t);
  const trace = await playground.evaluate(() => (window as unknown as { playground: { getTrace(): { traceEvents: { name: string; ph: string; tid: number; ts: number; dur?: number; cat?: string; args?: { name?: string } }[] } } }).playground.getTrace());
  const tid = trace.traceEvents.find((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "waiter")!.tid;
  const states = trace.traceEvents.filter((e) => e.ph === "X" && e.cat === "state" && e.tid === tid).map((e) => ({ name: e.name, fromMs: e.ts / 1000, toMs: (e.ts + (e.dur ?? 0)) / 1000 }));
  const why = JSON.stringify({ states, before, after });
  const idle = states.filter((s) => s.name === "event loop idle");
  expect(idle, why).toHaveLength(1);
  expect(idle[0].fromMs, why).toBeGreaterThanOrEqual(before);
  expect(idle[0].toMs, why).toBeLessThanOrEqual(after);
  // Drawn running, it ran for the whole wait; idle, for a sliver of it (half leaves room for a slow machine's probe).
  const waiter = result.threads.find((t) => t.name === "waiter")!;
  expect(waiter.runningMs, why).toBeLessThan((after - before) / 2);
});
