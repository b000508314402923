// Synchronisation primitives (shared/API.md §3, src/api/playground.d.ts):
// Condition, Semaphore, BoundedSemaphore, Event, Barrier, Lock/RLock through
// `with`, and how blocking shows in RunResult.threads. The cases follow
// CPython's Lib/test/lock_tests.py and test_threading.py: each snippet prints
// what it observed and the test compares that with Python's semantics
// (results, error names and messages). Threads wait for each other with the
// primitives themselves or with shared flags polled under a deadline; sleeps
// inside snippets only give a wrong wake-up the chance to show, and timing
// is checked only as generous lower bounds. Every run has a timeout, so a
// missed wake-up shows as status "timeout" rather than a stuck test.
import { apiTest as test, expect, describeRun, outputTexts, runLong as run, expectOk } from "./fixtures";


// ---------------------------------------------------------------------------
// Condition

// A bounded buffer of 4 slots in shared memory, guarded by one Lock and two
// Conditions on it (notFull / notEmpty), as in Python's classic
// producer/consumer: 2 producers put 300 numbered items each, 2 consumers
// take them until a -1 sentinel. Every item arrives exactly once and the
// buffer never holds more than 4 items.
test("Condition: producers and consumers through a bounded buffer lose and duplicate nothing", async ({ playground }) => {
  const result = await run(
    playground,
    `import { Thread, Lock, Condition, sharedArray, print } from "playground";
const CAP = 4;
const PER_PRODUCER = 300;
const buf = sharedArray("int32", CAP);
const st = sharedArray("int32", 4); // head, tail, count, max count seen
const seen = sharedArray("int32", 2 * PER_PRODUCER);
const taken = sharedArray("int32", 2);
const lock = new Lock();
const notFull = new Condition(lock);
const notEmpty = new Condition(lock);
function put(x: number) {
  notFull.with(() => {
    while (st[2] === CAP) notFull.wait();
    buf[st[1]] = x;
    st[1] = (st[1] + 1) % CAP;
    st[2] += 1;
    if (st[2] > st[3]) st[3] = st[2];
    notEmpty.notify();
  });
}
function get(): number {
  return notEmpty.with(() => {
    while (st[2] === 0) notEmpty.wait();
    const x = buf[st[0]];
    st[0] = (st[0] + 1) % CAP;
    st[2] -= 1;
    notFull.notify();
    return x;
  });
}
function producer(p: number) {
  for (let i = 0; i < PER_PRODUCER; i++) put(p * PER_PRODUCER + i);
}
function consumer(c: number) {
  for (;;) {
    const x = get();
    if (x < 0) return;
    Atomics.add(seen, x, 1);
    Atomics.add(taken, c, 1);
  }
}
const producers = [0, 1].map((p) => new Thread({ target: producer, args: [p] }));
const consumers = [0, 1].map((c) => new Thread({ target: consumer, args: [c] }));
for (const t of consumers) t.start();
for (const t of producers) t.start();
for (const t of producers) t.join();
put(-1); put(-1);
for (const t of consumers) t.join();
const counts = Array.from(seen);
print("missing", counts.filter((n) => n === 0).length, "duplicated", counts.filter((n) => n > 1).length);
print("taken", taken[0] + taken[1], "left in buffer", st[2], "max in buffer <= CAP", st[3] <= CAP);
`,
  );
  expectOk(result);
  expect(outputTexts(result, "MainThread"), describeRun(result)).toEqual([
    "missing 0 duplicated 0",
    "taken 600 left in buffer 0 max in buffer <= CAP true",
  ]);
});

// Three threads wait on one Condition (MainThread knows they are all
// inside wait() once it holds the lock and has counted 3 arrivals, since
// each counts itself under the lock and wait() releases it). notify(1)
// wakes exactly one of them; notifyAll() then wakes the other two.
test("Condition: notify(1) wakes one of three waiters and notifyAll() wakes the rest", async ({ playground }) => {
  const result = await run(
    playground,
    `import { Thread, Condition, sharedArray, sleep, now, print } from "playground";
const cond = new Condition();
const st = sharedArray("int32", 2); // waiting, woken
function waiter() {
  cond.with(() => {
    st[0] += 1;
    cond.wait();
    st[1] += 1;
  });
}
function until(pred: () => boolean): boolean {
  const t0 = now();
  while (!pred()) {
    if (now() - t0 > 20_000) return false;
    sleep(2);
  }
  return true;
}
const threads = [1, 2, 3].map(() => new Thread({ target: waiter }));
for (const t of threads) t.start();
print("all three waiting:", until(() => cond.with(() => st[0] === 3)));
cond.with(() => cond.notify(1));
print("one woke:", until(() => cond.with(() => st[1] >= 1)));
sleep(300); // room for a wrong extra wake-up to show
print("woken after notify(1):", cond.with(() => st[1]));
cond.with(() => cond.notifyAll());
print("all woke:", until(() => cond.with(() => st[1] === 3)));
for (const t of threads) t.join();
print("woken after notifyAll():", st[1]);
`,
  );
  expectOk(result);
  expect(outputTexts(result, "MainThread"), describeRun(result)).toEqual([
    "all three waiting: true",
    "one woke: true",
    "woken after notify(1): 1",
    "all woke: true",
    "woken after notifyAll(): 3",
  ]);
});

// notify(n) wakes the longest-waiting threads first (playground.d.ts; as
// CPython's deque of waiters): threads A, B, C start waiting one after the
// other; notify(1) three times wakes them in that order, and notify(2)
// wakes two at once.
test("Condition: notify wakes the longest-waiting first, and notify(2) wakes two", async ({ playground }) => {
  const result = await run(
    playground,
    `import { Thread, Condition, sharedArray, sleep, now, print } from "playground";
const cond = new Condition();
const st = sharedArray("int32", 2); // waiting, woken
const order = sharedArray("int32", 8);
function waiter(id: number) {
  cond.with(() => {
    st[0] += 1;
    cond.wait();
    order[st[1]] = id;
    st[1] += 1;
  });
}
function until(pred: () => boolean): boolean {
  const t0 = now();
  while (!pred()) {
    if (now() - t0 > 20_000) return false;
    sleep(2);
  }
  return true;
}
const threads: Thread[] = [];
let ok = true;
for (const id of [1, 2, 3]) {
  const t = new Thread({ target: waiter, args: [id] });
  threads.push(t);
  t.start();
  ok = until(() => cond.with(() => st[0] === id)) && ok;
}
print("each started waiting in turn:", ok);
for (let k = 1; k <= 3; k++) {
  cond.with(() => cond.notify(1));
  ok = until(() => cond.with(() => st[1] === k)) && ok;
}
for (const t of threads) t.join();
print("wake order:", order[0], order[1], order[2], ok);
// notify(2) with three waiters
st[0] = 0; st[1] = 0;
const more = [4, 5, 6].map((id) => new Thread({ target: waiter, args: [id] }));
for (const t of more) t.start();
until(() => cond.with(() => st[0] === 3));
cond.with(() => cond.notify(2));
until(() => cond.with(() => st[1] >= 2));
sleep(300);
print("woken by notify(2):", cond.with(() => st[1]));
cond.with(() => cond.notifyAll());
for (const t of more) t.join();
`,
  );
  expectOk(result);
  expect(outputTexts(result, "MainThread"), describeRun(result)).toEqual([
    "each started waiting in turn: true",
    "wake order: 1 2 3 true",
    "woken by notify(2): 2",
  ]);
});

// wait(timeoutMs) with nobody notifying returns false after about that
// long, and returns with the lock held again (Python: wait() re-acquires
// before returning, timeout or not); a notified wait returns true.
test("Condition: wait(timeoutMs) returns false on timeout with the lock re-acquired, true when notified", async ({ playground }) => {
  const result = await run(
    playground,
    `import { Thread, Lock, Condition, Event, now, print } from "playground";
const lock = new Lock();
const cond = new Condition(lock);
const t0 = now();
const r = cond.with(() => {
  const got = cond.wait(80);
  return [got, lock.locked()];
});
const waited = now() - t0;
print("timed out:", r[0], "lock held after wait:", r[1], "waited >= 70ms:", waited >= 70);
print("released after with:", !lock.locked());
const inWait = new Event();
const notifier = new Thread({ target: () => { inWait.wait(); cond.with(() => cond.notify()); } });
notifier.start();
const notified = cond.with(() => { inWait.set(); return cond.wait(20_000); });
notifier.join();
print("notified:", notified);
`,
  );
  expectOk(result);
  expect(outputTexts(result, "MainThread"), describeRun(result)).toEqual([
    "timed out: false lock held after wait: true waited >= 70ms: true",
    "released after with: true",
    "notified: true",
  ]);
});

// Python raises RuntimeError("cannot wait on un-acquired lock") and
// ("cannot notify on un-acquired lock") when the caller does not hold the
// Condition's lock: wait(), wait(timeout), notify(), notifyAll() and
// waitFor() called without the lock, and wait() in a thread while another
// thread holds the (default, re-entrant) lock.
test("Condition: wait/notify/notifyAll/waitFor without the lock throw RuntimeError", async ({ playground }) => {
  const result = await run(
    playground,
    `import { Thread, Condition, RuntimeError, Event, print } from "playground";
const cond = new Condition();
function attempt(label: string, fn: () => unknown) {
  try {
    fn();
    print(label, "no error");
  } catch (e) {
    print(label, (e as Error).name, e instanceof RuntimeError, "|", (e as Error).message);
  }
}
attempt("wait:", () => cond.wait());
attempt("wait(10):", () => cond.wait(10));
attempt("notify:", () => cond.notify());
attempt("notifyAll:", () => cond.notifyAll());
attempt("waitFor:", () => cond.waitFor(() => false, 10));
const held = new Event();
const done = new Event();
const holder = new Thread({ target: () => cond.with(() => { held.set(); done.wait(20_000); }) });
holder.start();
held.wait();
attempt("wait while another thread holds it:", () => cond.wait(10));
attempt("notify while another thread holds it:", () => cond.notify());
done.set();
holder.join();
`,
  );
  expectOk(result);
  const lines = outputTexts(result, "MainThread");
  expect(lines, describeRun(result)).toHaveLength(7);
  const waits = ["wait:", "wait(10):", "waitFor:", "wait while another thread holds it:"];
  const notifies = ["notify:", "notifyAll:", "notify while another thread holds it:"];
  for (const label of waits) {
    expect(lines.find((l) => l.startsWith(label + " ")), describeRun(result)).toBe(
      `${label} RuntimeError true | cannot wait on un-acquired lock`,
    );
  }
  for (const label of notifies) {
    expect(lines.find((l) => l.startsWith(label + " ")), describeRun(result)).toBe(
      `${label} RuntimeError true | cannot notify on un-acquired lock`,
    );
  }
});

// waitFor(predicate) returns at once with the predicate's value when it is
// already true; otherwise it waits through notifications until it becomes
// true (a thread counts to 3, notifying after each step, and the waiter
// gets the predicate's value 3); with a timeout and a predicate that never
// holds it returns the falsy last value after about that long.
test("Condition: waitFor returns the predicate's value, waits through notifies, and gives up after its timeout", async ({ playground }) => {
  const result = await run(
    playground,
    `import { Thread, Condition, sharedArray, sleep, now, print } from "playground";
const cond = new Condition();
const st = sharedArray("int32", 2); // counter, predicate calls
print("already true:", cond.with(() => cond.waitFor(() => "yes")));
function counter() {
  for (let i = 0; i < 3; i++) {
    sleep(30);
    cond.with(() => { st[0] += 1; cond.notifyAll(); });
  }
}
const t = new Thread({ target: counter });
t.start();
const value = cond.with(() => cond.waitFor(() => { st[1] += 1; return st[0] >= 3 && st[0]; }));
t.join();
print("value:", value, "checked more than once:", st[1] > 1);
const t0 = now();
const never = cond.with(() => cond.waitFor(() => st[0] > 100, 80));
print("timed out value:", never, "waited >= 70ms:", now() - t0 >= 70);
`,
  );
  expectOk(result);
  expect(outputTexts(result, "MainThread"), describeRun(result)).toEqual([
    "already true: yes",
    "value: 3 checked more than once: true",
    "timed out value: false waited >= 70ms: true",
  ]);
});

// ---------------------------------------------------------------------------
// Semaphore and BoundedSemaphore

// Semaphore(2) across 4 threads, each entering 40 times and staying inside
// for a few ms: a shared counter of threads inside (Atomics) never exceeds
// 2, reaches 2 (the semaphore does let two in at once), and all 160 entries
// happen.
test("Semaphore(2): at most two of four threads inside at once, and two do get in together", async ({ playground }) => {
  const result = await run(
    playground,
    `import { Thread, Semaphore, sharedArray, sleep, print } from "playground";
const sem = new Semaphore(2);
const st = sharedArray("int32", 3); // inside now, most inside, entries
function worker() {
  for (let i = 0; i < 40; i++) {
    sem.with(() => {
      const inside = Atomics.add(st, 0, 1) + 1;
      for (;;) {
        const most = Atomics.load(st, 1);
        if (inside <= most || Atomics.compareExchange(st, 1, most, inside) === most) break;
      }
      Atomics.add(st, 2, 1);
      sleep(3);
      Atomics.sub(st, 0, 1);
    });
  }
}
const threads = [1, 2, 3, 4].map(() => new Thread({ target: worker }));
for (const t of threads) t.start();
for (const t of threads) t.join();
print("most inside:", st[1], "entries:", st[2], "inside at the end:", st[0]);
`,
  );
  expectOk(result);
  expect(outputTexts(result, "MainThread"), describeRun(result)).toEqual(["most inside: 2 entries: 160 inside at the end: 0"]);
});

// Semaphore basics from lock_tests.BaseSemaphoreTests: acquire(false) on a
// zero semaphore returns false at once; acquire(true, 60) gives up with
// false after about 60 ms; release(2) lets two blocked threads through;
// a plain Semaphore may be released above its start value; a negative
// start value is a ValueError.
test("Semaphore: non-blocking and timed acquire, release(n), and a negative value is a ValueError", async ({ playground }) => {
  const result = await run(
    playground,
    `import { Thread, Semaphore, ValueError, sharedArray, now, sleep, print } from "playground";
const sem = new Semaphore(1);
print("acquire:", sem.acquire(), "acquire(false):", sem.acquire(false));
const t0 = now();
print("acquire(true, 60):", sem.acquire(true, 60), "waited >= 50ms:", now() - t0 >= 50);
const passed = sharedArray("int32", 1);
const threads = [1, 2].map(() => new Thread({ target: () => { sem.acquire(); Atomics.add(passed, 0, 1); } }));
for (const t of threads) t.start();
sleep(100);
print("passed before release:", passed[0]);
sem.release(2);
for (const t of threads) t.join();
print("passed after release(2):", passed[0]);
sem.release(); sem.release();
print("above the start value:", sem.acquire(false), sem.acquire(false), sem.acquire(false));
try {
  new Semaphore(-1);
  print("negative: no error");
} catch (e) {
  print("negative:", (e as Error).name, e instanceof ValueError);
}
`,
  );
  expectOk(result);
  expect(outputTexts(result, "MainThread"), describeRun(result)).toEqual([
    "acquire: true acquire(false): false",
    "acquire(true, 60): false waited >= 50ms: true",
    "passed before release: 0",
    "passed after release(2): 2",
    "above the start value: true true false",
    "negative: ValueError true",
  ]);
});

// BoundedSemaphore(2): releasing at the start value raises ValueError
// ("Semaphore released too many times" in Python), as does release(2)
// after one acquire; a release that stays within the bound is fine, and a
// failed release leaves the value unchanged.
test("BoundedSemaphore: releasing above the start value throws ValueError", async ({ playground }) => {
  const result = await run(
    playground,
    `import { BoundedSemaphore, Semaphore, ValueError, print } from "playground";
const bs = new BoundedSemaphore(2);
function attempt(label: string, fn: () => unknown) {
  try {
    fn();
    print(label, "ok");
  } catch (e) {
    print(label, (e as Error).name, e instanceof ValueError, "|", (e as Error).message);
  }
}
print("is a Semaphore:", bs instanceof Semaphore);
attempt("release at start value:", () => bs.release());
bs.acquire();
attempt("release(2) after one acquire:", () => bs.release(2));
attempt("release after one acquire:", () => bs.release());
attempt("one more release:", () => bs.release());
print("value still 2:", bs.acquire(false), bs.acquire(false), bs.acquire(false));
`,
  );
  expectOk(result);
  expect(outputTexts(result, "MainThread"), describeRun(result)).toEqual([
    "is a Semaphore: true",
    "release at start value: ValueError true | Semaphore released too many times",
    "release(2) after one acquire: ValueError true | Semaphore released too many times",
    "release after one acquire: ok",
    "one more release: ValueError true | Semaphore released too many times",
    "value still 2: true true false",
  ]);
});

// ---------------------------------------------------------------------------
// Event

// An Event starts clear; wait(60) then returns false after about 60 ms.
// Three threads wait on it without a timeout; set() wakes all three, and
// later wait() calls return true at once. clear() makes wait(timeout)
// time out again.
test("Event: set/clear/isSet, wait(timeout) returns false, set() wakes every waiter", async ({ playground }) => {
  const result = await run(
    playground,
    `import { Thread, Event, sharedArray, sleep, now, print } from "playground";
const e = new Event();
print("initially set:", e.isSet());
const t0 = now();
print("wait(60):", e.wait(60), "waited >= 50ms:", now() - t0 >= 50);
const woke = sharedArray("int32", 1);
const threads = [1, 2, 3].map(() => new Thread({ target: () => { const r = e.wait(); if (r === true) Atomics.add(woke, 0, 1); } }));
for (const t of threads) t.start();
sleep(100);
print("woke before set:", woke[0]);
e.set();
for (const t of threads) t.join();
print("woke after set:", woke[0], "isSet:", e.isSet());
const t1 = now();
print("wait() when set:", e.wait(), "wait(5000) when set:", e.wait(5000), "returned at once:", now() - t1 < 2000);
e.clear();
const t2 = now();
print("after clear:", e.isSet(), e.wait(40), now() - t2 >= 30);
`,
  );
  expectOk(result);
  expect(outputTexts(result, "MainThread"), describeRun(result)).toEqual([
    "initially set: false",
    "wait(60): false waited >= 50ms: true",
    "woke before set: 0",
    "woke after set: 3 isSet: true",
    "wait() when set: true wait(5000) when set: true returned at once: true",
    "after clear: false false true",
  ]);
});

// ---------------------------------------------------------------------------
// Barrier

// Barrier(3, action) with 3 threads x 5 rounds (test_threading's
// BarrierTests.test_barrier): nobody leaves round r before all three have
// arrived at it; each round hands out the indices 0, 1, 2 once each; the
// action runs exactly once per round, before anyone leaves, in the thread
// that arrived last (the one that got index 2).
test("Barrier: 3 threads x 5 rounds, indices 0..2 per round, action once per round before release", async ({ playground }) => {
  const result = await run(
    playground,
    `import { Thread, Barrier, sharedArray, currentThread, print } from "playground";
const ROUNDS = 5;
const arrived = sharedArray("int32", ROUNDS);
const early = sharedArray("int32", 1);
const indexSum = sharedArray("int32", ROUNDS);
const indexBits = sharedArray("int32", ROUNDS);
const actionRuns = sharedArray("int32", ROUNDS);
const actionBy = sharedArray("int32", ROUNDS);
const lastBy = sharedArray("int32", ROUNDS);
const actionSeen = sharedArray("int32", 1);
const roundNo = sharedArray("int32", 1);
function threadNo(): number { return Number(currentThread().name.replace("Thread-", "")); }
function action() {
  const r = Atomics.add(roundNo, 0, 1);
  Atomics.add(actionRuns, r, 1);
  Atomics.store(actionBy, r, threadNo());
}
const barrier = new Barrier(3, action);
function worker() {
  for (let r = 0; r < ROUNDS; r++) {
    Atomics.add(arrived, r, 1);
    const i = barrier.wait();
    if (Atomics.load(arrived, r) !== 3) Atomics.add(early, 0, 1);
    if (Atomics.load(actionRuns, r) !== 1) Atomics.add(actionSeen, 0, 1);
    Atomics.add(indexSum, r, i);
    Atomics.or(indexBits, r, 1 << i);
    if (i === 2) Atomics.store(lastBy, r, threadNo());
  }
}
const threads = [1, 2, 3].map(() => new Thread({ target: worker }));
for (const t of threads) t.start();
for (const t of threads) t.join();
print("left early:", early[0], "left before the action ran:", actionSeen[0]);
print("index bits:", Array.from(indexBits).join(","));
print("action runs:", Array.from(actionRuns).join(","));
print("action ran in the last to arrive:", Array.from(actionBy).every((t, r) => t > 0 && t === lastBy[r]));
print("parties:", barrier.parties, "waiting:", barrier.nWaiting, "broken:", barrier.broken);
`,
  );
  expectOk(result);
  expect(outputTexts(result, "MainThread"), describeRun(result)).toEqual([
    "left early: 0 left before the action ran: 0",
    "index bits: 7,7,7,7,7",
    "action runs: 1,1,1,1,1",
    "action ran in the last to arrive: true",
    "parties: 3 waiting: 0 broken: false",
  ]);
});

// abort() while two of three parties wait: both get BrokenBarrierError
// (name "BrokenBarrierError", a RuntimeError subclass as in Python),
// `broken` is true and a later wait() fails at once; reset() repairs it
// and three threads then pass it normally. reset() while a thread waits
// gives that thread BrokenBarrierError too.
test("Barrier: abort() breaks it with BrokenBarrierError for waiters and later callers; reset() repairs it", async ({ playground }) => {
  const result = await run(
    playground,
    `import { Thread, Barrier, BrokenBarrierError, RuntimeError, sleep, now, print } from "playground";
const barrier = new Barrier(3);
function waitAndReport() {
  try {
    const i = barrier.wait();
    print("passed", i);
  } catch (e) {
    print("wait failed:", (e as Error).name, e instanceof BrokenBarrierError, e instanceof RuntimeError);
  }
}
function until(pred: () => boolean): boolean {
  const t0 = now();
  while (!pred()) { if (now() - t0 > 20_000) return false; sleep(2); }
  return true;
}
const two = [1, 2].map(() => new Thread({ target: waitAndReport }));
for (const t of two) t.start();
print("two waiting:", until(() => barrier.nWaiting === 2));
barrier.abort();
for (const t of two) t.join();
print("broken after abort:", barrier.broken);
waitAndReport();
barrier.reset();
print("broken after reset:", barrier.broken, "waiting:", barrier.nWaiting);
const three = [1, 2, 3].map(() => new Thread({ target: waitAndReport }));
for (const t of three) t.start();
for (const t of three) t.join();
const lone = new Thread({ target: waitAndReport, name: "lone" });
lone.start();
until(() => barrier.nWaiting === 1);
barrier.reset();
lone.join();
print("broken after reset with a waiter:", barrier.broken);
`,
  );
  expectOk(result);
  expect(outputTexts(result, "MainThread"), describeRun(result)).toEqual([
    "two waiting: true",
    "broken after abort: true",
    "wait failed: BrokenBarrierError true true",
    "broken after reset: false waiting: 0",
    "broken after reset with a waiter: false",
  ]);
  for (const name of ["Thread-1", "Thread-2", "lone"]) {
    expect(outputTexts(result, name), `${name}\n${describeRun(result)}`).toEqual(["wait failed: BrokenBarrierError true true"]);
  }
  const passed = ["Thread-3", "Thread-4", "Thread-5"].flatMap((n) => outputTexts(result, n));
  expect(passed.sort(), describeRun(result)).toEqual(["passed 0", "passed 1", "passed 2"]);
});

// A wait() that times out breaks the barrier for everyone (Python's
// test_timeout): one thread waits without a timeout, another with
// wait(80); both get BrokenBarrierError. The constructor's timeoutMs is
// the default for wait(): Barrier(2, undefined, 60).wait() alone breaks it.
test("Barrier: a timed-out wait breaks the barrier for every waiter; the constructor's timeout is the default", async ({ playground }) => {
  const result = await run(
    playground,
    `import { Thread, Barrier, BrokenBarrierError, now, print } from "playground";
const barrier = new Barrier(3);
function report(label: string, fn: () => number) {
  try {
    print(label, "passed", fn());
  } catch (e) {
    print(label, (e as Error).name, e instanceof BrokenBarrierError);
  }
}
const patient = new Thread({ target: () => report("patient:", () => barrier.wait()) });
const hasty = new Thread({ target: () => report("hasty:", () => barrier.wait(80)) });
patient.start();
hasty.start();
patient.join();
hasty.join();
print("broken:", barrier.broken);
const withDefault = new Barrier(2, undefined, 60);
const t0 = now();
report("default timeout:", () => withDefault.wait());
print("waited >= 50ms:", now() - t0 >= 50, "broken:", withDefault.broken);
`,
  );
  expectOk(result);
  expect(outputTexts(result, "Thread-1"), describeRun(result)).toEqual(["patient: BrokenBarrierError true"]);
  expect(outputTexts(result, "Thread-2"), describeRun(result)).toEqual(["hasty: BrokenBarrierError true"]);
  expect(outputTexts(result, "MainThread"), describeRun(result)).toEqual([
    "broken: true",
    "default timeout: BrokenBarrierError true",
    "waited >= 50ms: true broken: true",
  ]);
});

// ---------------------------------------------------------------------------
// Lock and RLock through `with`

// with(fn) is Python's `with lock:` block: it returns fn's result, holds
// the lock inside, and releases it even when fn throws (the error comes out
// unchanged). An RLock's with() nests in the same thread, and after an
// error thrown from the inner block both levels are released: another
// thread can then take it at once.
test("Lock.with and RLock.with return fn's result and release even when fn throws", async ({ playground }) => {
  const result = await run(
    playground,
    `import { Thread, Lock, RLock, print } from "playground";
const lock = new Lock();
const rlock = new RLock();
print("result:", lock.with(() => 42), "held inside:", lock.with(() => lock.locked()), "held after:", lock.locked());
try {
  lock.with(() => { throw new RangeError("inside with"); });
} catch (e) {
  print("error out:", (e as Error).name, (e as Error).message, "held after error:", lock.locked());
}
print("nested:", rlock.with(() => rlock.with(() => rlock.with(() => "deep"))));
try {
  rlock.with(() => rlock.with(() => { throw new Error("inner"); }));
} catch (e) {
  print("rlock error out:", (e as Error).message);
}
const other = new Thread({ target: () => {
  const got = rlock.acquire(true, 5000);
  print("other thread takes the rlock:", got);
  if (got) rlock.release();
  const gotLock = lock.acquire(false);
  print("other thread takes the lock:", gotLock);
  if (gotLock) lock.release();
} });
other.start();
other.join();
`,
  );
  expectOk(result);
  expect(outputTexts(result, "MainThread"), describeRun(result)).toEqual([
    "result: 42 held inside: true held after: false",
    "error out: RangeError inside with held after error: false",
    "nested: deep",
    "rlock error out: inner",
  ]);
  expect(outputTexts(result, "Thread-1"), describeRun(result)).toEqual([
    "other thread takes the rlock: true",
    "other thread takes the lock: true",
  ]);
});

// ---------------------------------------------------------------------------
// What the timeline sees (RunResult.threads)

// Four threads each block for a while on a different primitive that
// MainThread holds back: a Lock, a Semaphore(0), an Event and a Condition.
// MainThread waits until each has announced it is about to block, holds
// them ~400 ms, then lets them go. Each one's summary shows blockedMs well
// above zero; a fifth thread that only computes shows more running than
// blocked time. All end "done", kind "thread".
test("RunResult.threads: threads blocked on a lock, semaphore, event and condition show blockedMs > 0", async ({ playground }) => {
  const result = await run(
    playground,
    `import { Thread, Lock, Semaphore, Event, Condition, sharedArray, sleep, now, print } from "playground";
const lock = new Lock();
const sem = new Semaphore(0);
const ev = new Event();
const cond = new Condition();
const ready = sharedArray("int32", 1);
let released = false;
function announce() { Atomics.add(ready, 0, 1); }
const threads = [
  new Thread({ name: "on-lock", target: () => { announce(); lock.acquire(); lock.release(); } }),
  new Thread({ name: "on-semaphore", target: () => { announce(); sem.acquire(); } }),
  new Thread({ name: "on-event", target: () => { announce(); ev.wait(); } }),
  new Thread({ name: "on-condition", target: () => cond.with(() => { announce(); while (!released) cond.wait(); }) }),
  new Thread({ name: "computing", target: () => { const t0 = now(); let x = 0; while (now() - t0 < 150) x += Math.sqrt(x + 1); } }),
];
lock.acquire();
for (const t of threads) t.start();
const t0 = now();
while (Atomics.load(ready, 0) < 4 && now() - t0 < 20_000) sleep(5);
sleep(400);
lock.release();
sem.release();
ev.set();
cond.with(() => { released = true; cond.notifyAll(); });
for (const t of threads) t.join();
print("done");
`,
  );
  expectOk(result);
  const byName = new Map(result.threads.map((t) => [t.name, t]));
  for (const name of ["on-lock", "on-semaphore", "on-event", "on-condition"]) {
    const t = byName.get(name);
    expect(t, `${name} in RunResult.threads\n${JSON.stringify(result.threads)}`).toBeDefined();
    expect(t!.kind).toBe("thread");
    expect(t!.state).toBe("done");
    expect(t!.blockedMs, `${name}.blockedMs\n${JSON.stringify(t)}`).toBeGreaterThan(100);
    expect(t!.endMs - t!.startMs, `${name} lived at least as long as it was blocked`).toBeGreaterThanOrEqual(t!.blockedMs - 1);
  }
  const computing = byName.get("computing")!;
  expect(computing.runningMs, JSON.stringify(computing)).toBeGreaterThan(computing.blockedMs);
  expect(computing.runningMs, JSON.stringify(computing)).toBeGreaterThan(50);
  expect(byName.get("MainThread")?.kind).toBe("main");
});
