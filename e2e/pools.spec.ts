// Pools and executors (shared/API.md §6, src/api/playground.d.ts):
// multiprocessing.Pool (map/starmap/imap/imapUnordered/apply/applyAsync/
// mapAsync, callbacks, close/join/terminate) and concurrent.futures
// (ThreadPoolExecutor, ProcessPoolExecutor, Future, asCompleted), with
// Python's semantics, error names and messages. Cases follow CPython's
// Lib/test/_test_multiprocessing.py (TestPool) and
// test_concurrent_futures. Snippets print what they observed and the test
// compares with Python's behaviour. Where completion order matters the
// workers are first made to meet at a Barrier (so all of them are up) and
// the sleeps differ by hundreds of ms; other timing is only checked as
// lower bounds or orderings of now() values. Every run has a timeout.
import { apiTest as test, expect, describeRun, outputTexts, runLong as run, expectOk } from "./fixtures";


// ---------------------------------------------------------------------------
// Pool: the mapping and apply family

// Pool(2): map and starmap give results in input order (map also when
// later items finish first, and with an explicit chunksize; map of nothing
// is []); imap yields in input order, imapUnordered in the order results
// finish (after both workers have met at a Barrier, an 800 ms item and a
// 10 ms item: the 10 ms one comes first); apply waits for one call.
test("Pool: map, starmap, imap, imapUnordered and apply", async ({ playground }) => {
  const result = await run(
    playground,
    `import { Pool, Barrier, sleep, print } from "playground";
function square(x: number) { return x * x; }
function power(b: number, e: number) { return b ** e; }
function slowId(ms: number) { sleep(ms); return ms; }
const meet = new Barrier(2);
function meetUp() { return meet.wait(20_000); }
const pool = new Pool(2);
print("map", pool.map(square, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).join(","));
print("map chunksize 3", pool.map(square, [1, 2, 3, 4, 5, 6, 7], 3).join(","));
print("map of nothing", JSON.stringify(pool.map(square, [])));
print("map, later items finish first", pool.map(slowId, [300, 10, 200, 20], 1).join(","));
print("starmap", pool.starmap(power, [[2, 3], [3, 2], [10, 0]] as [number, number][]).join(","));
print("apply", pool.apply(power, [2, 10]));
print("both workers met:", pool.map(meetUp, [0, 1], 1).sort().join(","));
print("imap", [...pool.imap(slowId, [800, 10])].join(","));
print("both workers met again:", pool.map(meetUp, [0, 1], 1).sort().join(","));
print("imapUnordered", [...pool.imapUnordered(slowId, [800, 10])].join(","));
print("imap of squares", [...pool.imap(square, [3, 1, 2])].join(","));
pool.close();
pool.join();
`,
  );
  expectOk(result);
  expect(outputTexts(result, "MainThread"), describeRun(result)).toEqual([
    "map 1,4,9,16,25,36,49,64,81,100",
    "map chunksize 3 1,4,9,16,25,36,49",
    "map of nothing []",
    "map, later items finish first 300,10,200,20",
    "starmap 8,9,1",
    "apply 1024",
    "both workers met: 0,1",
    "imap 800,10",
    "both workers met again: 0,1",
    "imapUnordered 10,800",
    "imap of squares 9,1,4",
  ]);
});

// applyAsync returns an AsyncResult (Python's ApplyResult): its callback
// gets the value and runs in the thread that owns the pool (API.md §6):
// MainThread for a pool made there, and the thread "owner" for a pool made
// in that thread. A call held back by an Event is not ready(); successful()
// then raises ValueError and get(50) raises TimeoutError; once released,
// wait() returns and get() gives the value.
test("Pool.applyAsync: callback runs in the owning thread; ready/successful/get(timeout) before and after", async ({ playground }) => {
  const result = await run(
    playground,
    `import { Pool, Thread, Event, currentThread, print } from "playground";
function triple(x: number) { return x * 3; }
const go = new Event();
function gated(x: number) { go.wait(20_000); return x; }
const pool = new Pool(2);
const log: string[] = [];
const r = pool.applyAsync(triple, [5], { callback: (v) => { log.push("callback got " + v + " in " + currentThread().name); } });
print("get", r.get(20_000), "ready", r.ready(), "successful", r.successful());
print(log.join("; "));
const g = pool.applyAsync(gated, [7]);
print("held back, ready:", g.ready());
try { g.successful(); print("successful: no error"); } catch (e) { print("successful before ready:", (e as Error).name); }
try { print("get(50) returned", g.get(50)); } catch (e) { print("get(50):", (e as Error).name); }
go.set();
g.wait(20_000);
print("released:", g.ready(), g.get(), g.successful());
pool.close();
pool.join();
function owner() {
  const p = new Pool(1);
  const names: string[] = [];
  const res = p.applyAsync(triple, [2], { callback: () => { names.push(currentThread().name); } });
  const v = res.get(20_000);
  p.close();
  p.join();
  print("owner got", v, "callback ran in", names.join(","));
}
const t = new Thread({ target: owner, name: "owner" });
t.start();
t.join();
`,
  );
  expectOk(result);
  expect(outputTexts(result, "MainThread"), describeRun(result)).toEqual([
    "get 15 ready true successful true",
    "callback got 15 in MainThread",
    "held back, ready: false",
    "successful before ready: ValueError",
    "get(50): TimeoutError",
    "released: true 7 true",
  ]);
  expect(outputTexts(result, "owner"), describeRun(result)).toEqual(["owner got 6 callback ran in owner"]);
});

// mapAsync's callback is called once, with the whole list in input order,
// in the owning thread. A failing call with an errorCallback: the
// errorCallback gets the task's error (name and message kept), the
// callback is not called, successful() is false and get() re-raises the
// error. mapAsync with one failing item calls its errorCallback once.
test("Pool.mapAsync callback gets the list; errorCallback gets the task's error and get() re-raises it", async ({ playground }) => {
  const result = await run(
    playground,
    `import { Pool, ValueError, currentThread, print } from "playground";
function square(x: number) { return x * x; }
function failOn3(x: number) { if (x === 3) throw new ValueError("bad item " + x); return x; }
const pool = new Pool(2);
const calls: string[] = [];
const m = pool.mapAsync(square, [1, 2, 3, 4], { callback: (list) => { calls.push(JSON.stringify(list) + " array:" + Array.isArray(list) + " in " + currentThread().name); } });
print("mapAsync get", JSON.stringify(m.get(20_000)));
print("callback calls:", calls.length, calls.join("; "));
const errs: string[] = [];
const e = pool.applyAsync(failOn3, [3], {
  callback: () => { errs.push("callback"); },
  errorCallback: (err) => { errs.push("errorCallback " + err.name + ": " + err.message + " in " + currentThread().name); },
});
e.wait(20_000);
print("ready", e.ready(), "successful", e.successful());
try {
  print("get returned", e.get());
} catch (err) {
  print("get raised", (err as Error).name, (err as Error).message, err instanceof ValueError);
}
print(errs.join("; "));
const mErrs: string[] = [];
const bad = pool.mapAsync(failOn3, [1, 2, 3, 4, 5], { chunksize: 1, callback: () => { mErrs.push("callback"); }, errorCallback: (err) => { mErrs.push("errorCallback " + err.message); } });
try { bad.get(20_000); print("no error"); } catch (err) { print("mapAsync get raised", (err as Error).name, (err as Error).message); }
print(mErrs.join("; "));
pool.close();
pool.join();
`,
  );
  expectOk(result);
  expect(outputTexts(result, "MainThread"), describeRun(result)).toEqual([
    "mapAsync get [1,4,9,16]",
    "callback calls: 1 [1,4,9,16] array:true in MainThread",
    "ready true successful false",
    "get raised ValueError bad item 3 true",
    "errorCallback ValueError: bad item 3 in MainThread",
    "mapAsync get raised ValueError bad item 3",
    "errorCallback bad item 3",
  ]);
});

// An exception in a task is re-raised in the caller (TestPool.test_map /
// test_apply): map() and apply() raise the task's ValueError, with its
// message, as a ValueError (Python's `except ValueError` catches it: here
// `instanceof ValueError`); an error class declared in the snippet keeps
// its name; the pool still works afterwards.
test("Pool: a task's exception is re-raised by map() and apply() with its class, name and message", async ({ playground }) => {
  const result = await run(
    playground,
    `import { Pool, ValueError, print } from "playground";
class MyError extends Error {
  constructor(message: string) { super(message); this.name = "MyError"; }
}
function failOn3(x: number) { if (x === 3) throw new ValueError("bad item " + x); return x; }
function custom() { throw new MyError("custom failure"); }
function report(label: string, fn: () => unknown) {
  try {
    print(label, "returned", JSON.stringify(fn()));
  } catch (e) {
    print(label, "raised", (e as Error).name, (e as Error).message, e instanceof ValueError);
  }
}
const pool = new Pool(3);
report("map:", () => pool.map(failOn3, [1, 2, 3, 4, 5], 1));
report("apply:", () => pool.apply(failOn3, [3]));
report("custom class:", () => pool.apply(custom, []));
report("map afterwards:", () => pool.map(failOn3, [1, 2]));
pool.close();
pool.join();
`,
  );
  expectOk(result);
  expect(outputTexts(result, "MainThread"), describeRun(result)).toEqual([
    "map: raised ValueError bad item 3 true",
    "apply: raised ValueError bad item 3 true",
    "custom class: raised MyError custom failure false",
    "map afterwards: returned [1,2]",
  ]);
});

// imap() yields the results before the failing item and then raises
// (Python's IMapIterator.next returns result i or raises error i, in
// input order), also when the failing item finishes long before the ones
// ahead of it: with Pool(3), items 1 and 2 sleep 400 ms and item 3 fails
// at once; the loop gets 1 and 2, then ValueError.
test("Pool.imap yields the results before the failing item, then raises its error", async ({ playground }) => {
  const result = await run(
    playground,
    `import { Pool, sleep, print } from "playground";
function slowUnless3(x: number) { if (x === 3) throw new RangeError("bad item 3"); sleep(400); return x; }
const pool = new Pool(3);
const got: number[] = [];
try {
  for (const x of pool.imap(slowUnless3, [1, 2, 3, 4])) got.push(x);
  print("no error");
} catch (e) {
  print("raised", (e as Error).name, (e as Error).message);
}
print("yielded before raising:", got.join(","));
pool.close();
pool.join();
`,
  );
  expectOk(result);
  expect(outputTexts(result, "MainThread"), describeRun(result)).toEqual([
    "raised RangeError bad item 3",
    "yielded before raising: 1,2",
  ]);
});

// ---------------------------------------------------------------------------
// Pool lifecycle

// join() before close() raises ValueError ("Pool is still running" in
// Python); after close() no task may be submitted (ValueError "Pool not
// running") but the queued ones finish and join() waits for them.
// terminate() stops a worker stuck in a 60 s sleep at once; its call is
// never ready, join() returns, and the pool refuses work (ValueError). The
// closed pool's workers end "done", the terminated one "stopped".
test("Pool: join before close and submit after close/terminate raise ValueError; close+join finish queued work; terminate stops", async ({ playground }) => {
  const result = await run(
    playground,
    `import { Pool, Event, ValueError, sleep, now, print } from "playground";
function square(x: number) { return x * x; }
function slowId(ms: number) { sleep(ms); return ms; }
function report(label: string, fn: () => unknown) {
  try {
    print(label, "returned", JSON.stringify(fn()));
  } catch (e) {
    print(label, (e as Error).name, e instanceof ValueError, "|", (e as Error).message);
  }
}
const pool = new Pool(2);
report("join before close:", () => pool.join());
const rs = [100, 150, 200, 50].map((ms) => pool.applyAsync(slowId, [ms]));
pool.close();
report("applyAsync after close:", () => pool.applyAsync(square, [1]));
report("map after close:", () => pool.map(square, [1]));
pool.join();
print("after close+join all ready:", rs.every((r) => r.ready()), rs.map((r) => r.get()).join(","));
const started = new Event();
function stuck() { started.set(); sleep(60_000); return 1; }
const p2 = new Pool(1);
const s = p2.applyAsync(stuck, []);
print("stuck task started:", started.wait(20_000));
const t0 = now();
p2.terminate();
p2.join();
print("terminate+join returned quickly:", now() - t0 < 15_000, "stuck ready:", s.ready());
report("apply after terminate:", () => p2.apply(square, [2]));
`,
  );
  expectOk(result);
  expect(outputTexts(result, "MainThread"), describeRun(result)).toEqual([
    "join before close: ValueError true | Pool is still running",
    "applyAsync after close: ValueError true | Pool not running",
    "map after close: ValueError true | Pool not running",
    "after close+join all ready: true 100,150,200,50",
    "stuck task started: true",
    "terminate+join returned quickly: true stuck ready: false",
    "apply after terminate: ValueError true | Pool not running",
  ]);
  const state = Object.fromEntries(result.threads.map((t) => [t.name, t.state]));
  expect(state, JSON.stringify(result.threads)).toMatchObject({
    "PoolWorker-1": "done",
    "PoolWorker-2": "done",
    "PoolWorker-3": "stopped",
  });
});

// Pool workers are processes named PoolWorker-N, N counting across the
// run's pools (Pool(3) then Pool(2): PoolWorker-1..5); RunResult.threads
// lists them with kind "pool-worker"; a task's print() is tagged with the
// worker it ran in, and currentProcess().name / getpid() inside a task
// name that worker, not MainProcess.
test("Pool workers are PoolWorker-N lanes of kind pool-worker, and tasks run inside them", async ({ playground }) => {
  const result = await run(
    playground,
    `import { Pool, Barrier, currentProcess, getpid, print } from "playground";
const meet3 = new Barrier(3);
const meet2 = new Barrier(2);
function whoAmI(tag: string) {
  (tag === "a" ? meet3 : meet2).wait(20_000);
  print("task", tag, "in", currentProcess().name);
  return currentProcess().name + " " + (getpid() !== MAIN_PID);
}
const MAIN_PID = getpid();
const a = new Pool(3);
const namesA = a.map(whoAmI, ["a", "a", "a"], 1);
const b = new Pool(2);
const namesB = b.map(whoAmI, ["b", "b"], 1);
print("pool a:", namesA.sort().join(", "));
print("pool b:", namesB.sort().join(", "));
print("main is", currentProcess().name);
a.close(); b.close(); a.join(); b.join();
`,
  );
  expectOk(result);
  expect(outputTexts(result, "MainThread"), describeRun(result)).toEqual([
    "pool a: PoolWorker-1 true, PoolWorker-2 true, PoolWorker-3 true",
    "pool b: PoolWorker-4 true, PoolWorker-5 true",
    "main is MainProcess",
  ]);
  const workers = result.threads.filter((t) => t.name.startsWith("PoolWorker-"));
  expect(workers.map((t) => t.name).sort(), JSON.stringify(result.threads)).toEqual([
    "PoolWorker-1", "PoolWorker-2", "PoolWorker-3", "PoolWorker-4", "PoolWorker-5",
  ]);
  for (const w of workers) expect(w.kind, w.name).toBe("pool-worker");
  const taskLines = result.output.filter((l) => l.text.startsWith("task "));
  expect(taskLines, describeRun(result)).toHaveLength(5);
  for (const l of taskLines) expect(l.text, "a task's line is tagged with its worker").toBe(`task ${l.text.split(" ")[1]} in ${l.thread}`);
});

// Pool(4) runs at most 4 tasks at once: after the 4 workers have met at a
// Barrier, 5 tasks that each sleep 600 ms report now() at their start and
// end. The 4 earliest starts all come before the first end (they ran
// together), and the last start comes no earlier than the first end (the
// fifth task waited for a free worker).
test("Pool(4) with five tasks: four run together, the fifth starts only after one has finished", async ({ playground }) => {
  const result = await run(
    playground,
    `import { Pool, Barrier, sleep, now, print } from "playground";
const meet = new Barrier(4);
function meetUp() { return meet.wait(20_000); }
function timed(i: number) {
  const start = now();
  sleep(600);
  const end = now();
  return [i, start, end];
}
const pool = new Pool(4);
print("met:", pool.map(meetUp, [0, 1, 2, 3], 1).sort().join(","));
const rs = [0, 1, 2, 3, 4].map((i) => pool.applyAsync(timed, [i]));
for (const r of rs) {
  const [i, start, end] = r.get(20_000);
  print("task", i, start.toFixed(1), end.toFixed(1));
}
pool.close();
pool.join();
`,
  );
  expectOk(result);
  const lines = outputTexts(result, "MainThread");
  expect(lines[0], describeRun(result)).toBe("met: 0,1,2,3");
  const tasks = lines.slice(1).map((l) => {
    const [, i, start, end] = l.split(" ");
    return { i: Number(i), start: Number(start), end: Number(end) };
  });
  expect(tasks.map((t) => t.i), describeRun(result)).toEqual([0, 1, 2, 3, 4]);
  const byStart = [...tasks].sort((a, b) => a.start - b.start);
  const last = byStart[4];
  const firstEnd = Math.min(...tasks.map((t) => t.end));
  const firstEndOfOthers = Math.min(...byStart.slice(0, 4).map((t) => t.end));
  const summary = tasks.map((t) => `task ${t.i}: ${t.start}..${t.end}`).join("\n");
  for (const t of byStart.slice(0, 4)) {
    expect(t.start, `the first four run together\n${summary}`).toBeLessThan(firstEnd);
  }
  expect(last.start, `the fifth starts after one of the others finished\n${summary}`).toBeGreaterThanOrEqual(firstEndOfOthers);
  expect(last.end - last.start, summary).toBeGreaterThanOrEqual(550);
});

// ---------------------------------------------------------------------------
// concurrent.futures

// ThreadPoolExecutor: submit() returns a Future whose result() is the
// value; map() gives results in input order although later items finish
// first, and zips several iterables stopping at the shortest (Python's
// map). Its workers are threads named ThreadPoolExecutor-K_N (K counts
// executors from 0 in each run, N workers from 0) of kind "thread", and as
// threads they share top-level numbers: 12 locked increments from tasks
// reach MainThread. The same snippet run twice names them the same way.
test("ThreadPoolExecutor: submit/result, map in input order, ThreadPoolExecutor-K_N threads sharing numbers", async ({ playground }) => {
  const code = `import { ThreadPoolExecutor, Barrier, Lock, currentThread, sleep, print } from "playground";
function power(b: number, e: number) { return b ** e; }
function slowId(ms: number) { sleep(ms); return ms; }
const meet = new Barrier(3);
function name() { meet.wait(20_000); return currentThread().name; }
let hits = 0;
const lock = new Lock();
function hit() { lock.with(() => { hits += 1; }); }
const ex = new ThreadPoolExecutor(3);
const f = ex.submit(power, 2, 8);
print("result", f.result(), "done", f.done());
print("map", ex.map(slowId, [300, 10, 150, 0]).join(","));
print("map zips", ex.map(power, [2, 3, 4], [3, 2]).join(","));
print("names", ex.map(name, [1, 2, 3]).sort().join(","));
for (let i = 0; i < 12; i++) ex.submit(hit);
ex.shutdown();
print("hits", hits);
const second = new ThreadPoolExecutor(1);
print("second executor:", second.submit(() => currentThread().name).result());
second.shutdown();
`;
  for (let round = 1; round <= 2; round++) {
    const result = await run(playground, code);
    expectOk(result);
    expect(outputTexts(result, "MainThread"), `round ${round}\n${describeRun(result)}`).toEqual([
      "result 256 done true",
      "map 300,10,150,0",
      "map zips 8,9",
      "names ThreadPoolExecutor-0_0,ThreadPoolExecutor-0_1,ThreadPoolExecutor-0_2",
      "hits 12",
      "second executor: ThreadPoolExecutor-1_0",
    ]);
    const lanes = result.threads.filter((t) => t.name.startsWith("ThreadPoolExecutor-"));
    expect(lanes.map((t) => t.name).sort(), JSON.stringify(result.threads)).toEqual([
      "ThreadPoolExecutor-0_0", "ThreadPoolExecutor-0_1", "ThreadPoolExecutor-0_2", "ThreadPoolExecutor-1_0",
    ]);
    for (const t of lanes) expect(t.kind, t.name).toBe("thread");
  }
});

// ProcessPoolExecutor: submit/result and map in input order; its workers
// are processes named PoolWorker-N of kind "pool-worker", each with its
// own copy of the program: a task's `hits += 1` does not reach MainThread.
test("ProcessPoolExecutor: submit/result, map in input order, PoolWorker-N processes with copied globals", async ({ playground }) => {
  const result = await run(
    playground,
    `import { ProcessPoolExecutor, currentProcess, sleep, print } from "playground";
function power(b: number, e: number) { return b ** e; }
function slowId(ms: number) { sleep(ms); return ms; }
let hits = 0;
function hit() { hits += 1; return currentProcess().name + " hits=" + hits; }
const ex = new ProcessPoolExecutor(2);
print("result", ex.submit(power, 3, 4).result());
print("map", ex.map(slowId, [300, 10, 150, 0]).join(","));
const seen = ex.map(hit, [1, 2, 3, 4]);
print("tasks ran in pool workers:", seen.every((s) => /^PoolWorker-[12] hits=[1-4]$/.test(s)));
ex.shutdown();
print("hits in main", hits);
`,
  );
  expectOk(result);
  expect(outputTexts(result, "MainThread"), describeRun(result)).toEqual([
    "result 81",
    "map 300,10,150,0",
    "tasks ran in pool workers: true",
    "hits in main 0",
  ]);
  const lanes = result.threads.filter((t) => t.name.startsWith("PoolWorker-"));
  expect(lanes.map((t) => t.name).sort(), JSON.stringify(result.threads)).toEqual(["PoolWorker-1", "PoolWorker-2"]);
  for (const t of lanes) expect(t.kind, t.name).toBe("pool-worker");
});

// Future.cancel() (test_concurrent_futures FutureTests): with
// maxWorkers 1 and a first task held running by an Event, the second task
// has not started: cancel() returns true (and again true), cancelled() and
// done() are true, running() false, its done-callback runs at cancel, and
// result() / exception() raise CancelledError; the task never runs. The
// running first task cannot be cancelled (false) and finishes normally;
// cancelling a finished future returns false.
test("Future.cancel() of a task that has not started returns true and result() raises CancelledError", async ({ playground }) => {
  const result = await run(
    playground,
    `import { ThreadPoolExecutor, Event, CancelledError, sharedArray, print } from "playground";
const started = new Event();
const go = new Event();
const ran = sharedArray("int32", 1);
function first() { started.set(); go.wait(20_000); return "first"; }
function second() { Atomics.store(ran, 0, 1); return "second"; }
const ex = new ThreadPoolExecutor(1);
const f1 = ex.submit(first);
const f2 = ex.submit(second);
print("first started:", started.wait(20_000));
const log: string[] = [];
f2.addDoneCallback((f) => { log.push("callback: cancelled " + f.cancelled() + ", same future " + (f === f2)); });
print("f1 running:", f1.running(), "cancel f1:", f1.cancel(), "f1 cancelled:", f1.cancelled());
print("cancel f2:", f2.cancel(), "cancelled:", f2.cancelled(), "done:", f2.done(), "running:", f2.running());
print("cancel f2 again:", f2.cancel());
print(log.join("; ") || "no callback yet");
function report(label: string, fn: () => unknown) {
  try { print(label, "returned", fn()); } catch (e) { print(label, (e as Error).name, e instanceof CancelledError); }
}
report("f2.result():", () => f2.result());
report("f2.exception():", () => f2.exception());
go.set();
print("f1:", f1.result(), "cancel finished f1:", f1.cancel(), "cancelled:", f1.cancelled());
ex.shutdown();
print("second ever ran:", ran[0]);
`,
  );
  expectOk(result);
  expect(outputTexts(result, "MainThread"), describeRun(result)).toEqual([
    "first started: true",
    "f1 running: true cancel f1: false f1 cancelled: false",
    "cancel f2: true cancelled: true done: true running: false",
    "cancel f2 again: true",
    "callback: cancelled true, same future true",
    "f2.result(): CancelledError true",
    "f2.exception(): CancelledError true",
    "f1: first cancel finished f1: false cancelled: false",
    "second ever ran: 0",
  ]);
});

// Future.exception() (both executors): the error a task raised, with its
// name and message (a ValueError stays a ValueError), which result() then
// raises; null for a task that succeeded. Future.result(timeoutMs) on a
// task held back by an Event raises TimeoutError and leaves the future
// pending; so does exception(timeoutMs); once released, result() returns.
test("Future.exception() returns the task's error, result() raises it; result(timeoutMs) raises TimeoutError", async ({ playground }) => {
  const result = await run(
    playground,
    `import { ThreadPoolExecutor, ProcessPoolExecutor, type Executor, Event, ValueError, TimeoutError, print } from "playground";
function failOn3(x: number) { if (x === 3) throw new ValueError("bad item " + x); return x; }
const go = new Event();
function gated() { go.wait(20_000); return "released"; }
function check(label: string, ex: Executor) {
  const bad = ex.submit(failOn3, 3);
  const good = ex.submit(failOn3, 1);
  const err = bad.exception();
  print(label, "exception():", err?.name, err?.message, err instanceof ValueError, "done:", bad.done());
  try { bad.result(); print(label, "result() returned"); } catch (e) { print(label, "result() raised", (e as Error).name, e === err || (e as Error).message === err?.message); }
  print(label, "success:", good.exception(), good.result());
  const held = ex.submit(gated);
  try { print(label, "returned", held.result(60)); } catch (e) { print(label, "result(60):", (e as Error).name, e instanceof TimeoutError, "done:", held.done()); }
  try { print(label, "returned", held.exception(60)); } catch (e) { print(label, "exception(60):", (e as Error).name); }
  go.set();
  print(label, "then:", held.result(20_000));
  go.clear();
  ex.shutdown();
}
check("threads", new ThreadPoolExecutor(2));
check("processes", new ProcessPoolExecutor(2));
`,
  );
  expectOk(result);
  const expected = (label: string) => [
    `${label} exception(): ValueError bad item 3 true done: true`,
    `${label} result() raised ValueError true`,
    `${label} success: null 1`,
    `${label} result(60): TimeoutError true done: false`,
    `${label} exception(60): TimeoutError`,
    `${label} then: released`,
  ];
  expect(outputTexts(result, "MainThread"), describeRun(result)).toEqual([...expected("threads"), ...expected("processes")]);
});

// addDoneCallback: a callback added before the future is done runs once,
// with that future, in the thread that owns the executor (MainThread),
// by the time result() returns; one added after it is done runs at once,
// before addDoneCallback returns; several run in the order added.
test("Future.addDoneCallback runs once with the future in the owning thread, at once when already done", async ({ playground }) => {
  const result = await run(
    playground,
    `import { ThreadPoolExecutor, ProcessPoolExecutor, type Executor, currentThread, sleep, print } from "playground";
function slowId(ms: number) { sleep(ms); return ms; }
function check(label: string, ex: Executor) {
  const log: string[] = [];
  const f = ex.submit(slowId, 200);
  f.addDoneCallback((g) => { log.push("first " + (g === f) + " " + g.result() + " " + currentThread().name); });
  f.addDoneCallback(() => { log.push("second"); });
  const v = f.result();
  print(label, "result", v, "callbacks:", log.join("; "));
  f.addDoneCallback(() => { log.push("late " + currentThread().name); });
  print(label, "right after a late add:", log.length, log[log.length - 1]);
  ex.shutdown();
  print(label, "after shutdown:", log.length);
}
check("threads", new ThreadPoolExecutor(1));
check("processes", new ProcessPoolExecutor(1));
`,
  );
  expectOk(result);
  const expected = (label: string) => [
    `${label} result 200 callbacks: first true 200 MainThread; second`,
    `${label} right after a late add: 3 late MainThread`,
    `${label} after shutdown: 3`,
  ];
  expect(outputTexts(result, "MainThread"), describeRun(result)).toEqual([...expected("threads"), ...expected("processes")]);
});

// asCompleted yields futures as they finish: an already finished one
// first, then (after the 3 workers have met at a Barrier) tasks sleeping
// 50, 500 and 1000 ms in that order whatever order they were passed in.
// With a timeout shorter than a task held back by an Event, iterating
// raises TimeoutError.
test("asCompleted yields futures in completion order and raises TimeoutError after its timeout", async ({ playground }) => {
  const result = await run(
    playground,
    `import { ThreadPoolExecutor, Barrier, Event, TimeoutError, asCompleted, sleep, now, print } from "playground";
function slowId(ms: number) { sleep(ms); return ms; }
const meet = new Barrier(3);
function meetUp() { return meet.wait(20_000); }
const go = new Event();
function gated() { return go.wait(20_000); }
const ex = new ThreadPoolExecutor(3);
print("met:", ex.map(meetUp, [0, 1, 2]).sort().join(","));
const early = ex.submit(slowId, 0);
early.result();
const fs = [ex.submit(slowId, 1000), early, ex.submit(slowId, 50), ex.submit(slowId, 500)];
const order: number[] = [];
for (const f of asCompleted(fs)) order.push(f.result());
print("completion order:", order.join(","));
const held = ex.submit(gated);
const t0 = now();
try {
  for (const f of asCompleted([held], 80)) print("yielded", f.done(), String(f.exception()));
  print("no error");
} catch (e) {
  print("timeout:", (e as Error).name, e instanceof TimeoutError, "after >= 70ms:", now() - t0 >= 70);
}
go.set();
ex.shutdown();
`,
  );
  expectOk(result);
  expect(outputTexts(result, "MainThread"), describeRun(result)).toEqual([
    "met: 0,1,2",
    "completion order: 0,50,500,1000",
    "timeout: TimeoutError true after >= 70ms: true",
  ]);
});

// shutdown() (wait=true) waits for every queued task: with maxWorkers 1
// and three 100 ms tasks queued, all are done when it returns. Then
// submit() raises RuntimeError("cannot schedule new futures after
// shutdown"), for both executors, and also after a with() block (Python's
// `with executor:`), which returns the block's value.
test("shutdown() waits for queued tasks; submit after shutdown raises RuntimeError", async ({ playground }) => {
  const result = await run(
    playground,
    `import { ThreadPoolExecutor, ProcessPoolExecutor, type Executor, RuntimeError, sleep, print } from "playground";
function slowId(ms: number) { sleep(ms); return ms; }
function check(label: string, ex: Executor) {
  const fs = [100, 100, 100].map((ms) => ex.submit(slowId, ms));
  ex.shutdown();
  print(label, "all done after shutdown:", fs.every((f) => f.done()));
  try {
    ex.submit(slowId, 1);
    print(label, "submit after shutdown: no error");
  } catch (e) {
    print(label, "submit after shutdown:", (e as Error).name, e instanceof RuntimeError, "|", (e as Error).message);
  }
}
check("threads", new ThreadPoolExecutor(1));
check("processes", new ProcessPoolExecutor(1));
const ex = new ThreadPoolExecutor(2);
const v = ex.with((e) => e.submit(slowId, 30).result() + 1);
try {
  ex.submit(slowId, 1);
  print("after with: no error");
} catch (e) {
  print("with returned", v, "then submit:", (e as Error).name);
}
`,
  );
  expectOk(result);
  expect(outputTexts(result, "MainThread"), describeRun(result)).toEqual([
    "threads all done after shutdown: true",
    "threads submit after shutdown: RuntimeError true | cannot schedule new futures after shutdown",
    "processes all done after shutdown: true",
    "processes submit after shutdown: RuntimeError true | cannot schedule new futures after shutdown",
    "with returned 31 then submit: RuntimeError",
  ]);
});

// ThreadPoolExecutor workers are threads, and Python threads read the
// module's globals when they use them: a task submitted after the workers
// started may use an Event (an API object, shared by everyone per API.md
// §1) that the program created after that. Here the executor's only worker
// starts with the first submit; the Event is made afterwards; the second
// task waits on it and MainThread sets it.
// A thread has the module's variables as they were at its start() (API.md §1:
// other values are copied then), so a variable created later has no value in
// it; the playground says so by name instead of failing on undefined.
test("ThreadPoolExecutor: a variable created after the worker started is named in a NameError", async ({ playground }) => {
  const result = await run(
    playground,
    `import { ThreadPoolExecutor, Event, print } from "playground";
const ex = new ThreadPoolExecutor(1);
print("first:", ex.submit(() => "warm").result());
const go = new Event();
function gated() { return go.wait(20_000); }
const f = ex.submit(gated);
go.set();
try {
  print("second:", f.result(20_000));
} catch (e) {
  print("second raised", (e as Error).name + ": " + (e as Error).message);
}
ex.shutdown();
`,
  );
  expectOk(result);
  expect(outputTexts(result, "MainThread"), describeRun(result)).toEqual([
    "first: warm",
    "second raised NameError: 'go' had no value yet when this thread started, so the thread has no copy of it: create it before start(), or pass it in args",
  ]);
});

// The timeline names each applyAsync call by its order in the pool: five
// calls are tasks #0-#4 (they were all "#0", the index inside a one-task job),
// each with what it runs, its function and arguments, as the Chrome trace of
// the run shows.
test("Pool.applyAsync: the five calls' task boxes are #0 to #4, with their arguments", async ({ playground }) => {
  const result = await run(
    playground,
    `import { Pool, print } from "playground";
function double(x: number) { return 2 * x; }
const pool = new Pool(2);
const results = [0, 1, 2, 3, 4].map((x) => pool.applyAsync(double, [x]));
print(results.map((r) => r.get()).join(","));
pool.close();
pool.join();`,
  );
  expectOk(result);
  expect(outputTexts(result)).toEqual(["0,2,4,6,8"]);
  type Event = { name?: string; cat?: string; ph?: string; ts?: number; args?: { pending?: number } };
  const trace = (await playground.evaluate(() => (window as unknown as { playground: { getTrace(): unknown } }).playground.getTrace())) as { traceEvents: Event[] };
  const tasks = trace.traceEvents.filter((e) => e.cat === "task").map((e) => e.name).sort();
  expect(tasks).toEqual(["task #0: double(0)", "task #1: double(1)", "task #2: double(2)", "task #3: double(3)", "task #4: double(4)"]);
  // The pending count is tasks only (not the stop signals close() queues): never above 5, and 0 at the end.
  const pending = trace.traceEvents.filter((e) => e.ph === "C" && typeof e.args?.pending === "number").sort((a, b) => a.ts! - b.ts!);
  expect(pending.length).toBeGreaterThan(0);
  expect(Math.max(...pending.map((e) => e.args!.pending!))).toBeLessThanOrEqual(5);
  expect(pending[pending.length - 1].args!.pending).toBe(0);
});
