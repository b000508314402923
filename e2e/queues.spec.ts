// Queues and pipes (shared/API.md §5, src/api/playground.d.ts): Queue,
// LifoQueue, PriorityQueue with Python's queue semantics (ordering, maxsize,
// Full/Empty, taskDone/join), items copied across threads and processes,
// and multiprocessing's Pipe (send/recv/poll/close, EOFError). Cases follow
// CPython's Lib/test/test_queue.py and test_multiprocessing. Snippets print
// what they observed; the test compares with Python's behaviour. Timing is
// only checked as generous lower bounds; every run has a timeout so a lost
// wake-up shows as status "timeout".
import { apiTest as test, expect, describeRun, outputTexts, runLong as run, expectOk } from "./fixtures";


// ---------------------------------------------------------------------------
// Ordering

// Queue is FIFO, LifoQueue LIFO (test_queue's basic tests): five items put
// come back in put order / reverse order, and qsize() counts them down.
test("Queue returns items first-in first-out, LifoQueue last-in first-out", async ({ playground }) => {
  const result = await run(
    playground,
    `import { Queue, LifoQueue, print } from "playground";
const fifo = new Queue<number | string>();
const lifo = new LifoQueue<number | string>();
for (const x of [3, "a", 1, 2, "b"]) { fifo.put(x); lifo.put(x); }
print("sizes", fifo.qsize(), lifo.qsize());
const a: (number | string)[] = [];
const b: (number | string)[] = [];
const sizes: number[] = [];
while (!fifo.empty()) { a.push(fifo.get()); sizes.push(fifo.qsize()); }
while (!lifo.empty()) b.push(lifo.get());
print("fifo", a.join(" "));
print("lifo", b.join(" "));
print("qsize after each get", sizes.join(" "));
print("LifoQueue is a Queue:", lifo instanceof Queue);
`,
  );
  expectOk(result);
  expect(outputTexts(result, "MainThread"), describeRun(result)).toEqual([
    "sizes 5 5",
    "fifo 3 a 1 2 b",
    "lifo b 2 1 a 3",
    "qsize after each get 4 3 2 1 0",
    "LifoQueue is a Queue: true",
  ]);
});

test("a queue the snippet makes is drawn on its own lane, whatever options it passes: the runtime's own queues are not made through options", async ({ playground }) => {
  // Before: { owner } made it a pool's task queue, its traffic drawn nowhere.
  const result = await run(
    playground,
    `import { Queue, print } from "playground";
const q = new Queue<number>(0, { owner: 5, role: "tasks", internal: true } as any);
q.put(1);
print("got", q.get());
`,
  );
  expectOk(result);
  const lanes = await playground.evaluate(() =>
    (window as unknown as { playground: { debug: { timelineLanes(): { kind: string; label: string }[] } } }).playground.debug.timelineLanes());
  expect(lanes.filter((lane) => lane.kind === "queue").map((lane) => lane.label), JSON.stringify(lanes)).toEqual(["q"]);
});

// PriorityQueue returns the smallest item first. [priority, value] tuples
// compare element-wise as Python's tuples do: numbers numerically (9 before
// 10), ties settled by the next element ("a" < "aa" < "b"); plain numbers
// order numerically too. Items that do not order (two dicts at the same
// priority) raise TypeError, as heapq does in Python.
test("PriorityQueue returns the smallest [priority, value] first, comparing element-wise", async ({ playground }) => {
  const result = await run(
    playground,
    `import { PriorityQueue, print } from "playground";
const pq = new PriorityQueue<[number, string]>();
for (const item of [[10, "ten"], [2, "b"], [9, "nine"], [2, "aa"], [1, "z"], [2, "a"], [-1, "neg"]] as [number, string][]) pq.put(item);
const out: string[] = [];
while (!pq.empty()) { const [p, v] = pq.get(); out.push(p + ":" + v); }
print(out.join(" "));
const nums = new PriorityQueue<number>();
for (const n of [10, 9, 100, 1.5, -3, 20]) nums.put(n);
const ns: number[] = [];
while (!nums.empty()) ns.push(nums.get());
print(ns.join(" "));
const bad = new PriorityQueue<[number, object]>();
try {
  bad.put([1, { a: 1 }]);
  bad.put([1, { b: 2 }]);
  bad.get(); bad.get();
  print("no error");
} catch (e) {
  print("unorderable:", (e as Error).name);
}
`,
  );
  expectOk(result);
  expect(outputTexts(result, "MainThread"), describeRun(result)).toEqual([
    "-1:neg 1:z 2:a 2:aa 2:b 9:nine 10:ten",
    "-3 1.5 9 10 20 100",
    "unorderable: TypeError",
  ]);
});

// ---------------------------------------------------------------------------
// maxsize, Full and Empty

// qsize/empty/full and maxsize (test_queue.BaseQueueTestMixin): Queue(3)
// is empty and not full at first, full after 3 puts; putNowait, put(x,
// false) and put(x, false, 5000) (block=false ignores the timeout) throw
// Full at once; put(x, true, 60) throws Full after about 60 ms; after a get
// there is room again. On an empty queue getNowait, get(false) and get(true,
// 60) throw Empty likewise. A queue without maxsize is never full.
test("maxsize: Full and Empty from putNowait/getNowait, block=false and timeouts; qsize/empty/full", async ({ playground }) => {
  const result = await run(
    playground,
    `import { Queue, LifoQueue, PriorityQueue, Full, Empty, now, print } from "playground";
function attempt(label: string, fn: () => unknown) {
  const t0 = now();
  try {
    const v = fn();
    print(label, "returned", v);
  } catch (e) {
    const ms = now() - t0;
    print(label, (e as Error).name, e instanceof Full, e instanceof Empty, ms < 2000 ? "at once" : "slow", ms >= 50 ? "after >= 50ms" : "");
  }
}
const q = new Queue<number>(3);
print("new:", q.maxsize, q.qsize(), q.empty(), q.full());
q.put(1); q.put(2); q.put(3);
print("three in:", q.qsize(), q.empty(), q.full());
attempt("putNowait:", () => q.putNowait(4));
attempt("put block=false:", () => q.put(4, false));
attempt("put block=false timeout=5000:", () => q.put(4, false, 5000));
attempt("put timeout=60:", () => q.put(4, true, 60));
print("still three:", q.qsize(), "got", q.get());
q.putNowait(4);
print("after get and putNowait:", q.qsize(), q.full(), [q.get(), q.get(), q.get()].join(","), q.empty());
attempt("getNowait:", () => q.getNowait());
attempt("get block=false:", () => q.get(false));
attempt("get timeout=60:", () => q.get(true, 60));
const unbounded = new Queue<number>();
for (let i = 0; i < 500; i++) unbounded.put(i);
print("unbounded:", unbounded.maxsize, unbounded.qsize(), unbounded.full());
const lifo = new LifoQueue<number>(1);
lifo.put(1);
attempt("LifoQueue(1) putNowait:", () => lifo.putNowait(2));
const pq = new PriorityQueue<number>(1);
pq.put(1);
attempt("PriorityQueue(1) put timeout=60:", () => pq.put(0, true, 60));
attempt("new LifoQueue getNowait:", () => new LifoQueue().getNowait());
`,
  );
  expectOk(result);
  expect(outputTexts(result, "MainThread"), describeRun(result)).toEqual([
    "new: 3 0 true false",
    "three in: 3 false true",
    "putNowait: Full true false at once ",
    "put block=false: Full true false at once ",
    "put block=false timeout=5000: Full true false at once ",
    "put timeout=60: Full true false at once after >= 50ms",
    "still three: 3 got 1",
    "after get and putNowait: 3 true 2,3,4 true",
    "getNowait: Empty false true at once ",
    "get block=false: Empty false true at once ",
    "get timeout=60: Empty false true at once after >= 50ms",
    "unbounded: 0 500 false",
    "LifoQueue(1) putNowait: Full true false at once ",
    "PriorityQueue(1) put timeout=60: Full true false at once after >= 50ms",
    "new LifoQueue getNowait: Empty false true at once ",
  ]);
});

// A blocking put on a full Queue(1) waits until another thread gets an
// item, and a blocking get on an empty queue waits until an item is put
// (test_queue's blocking tests). No sleep orders anything: whenever the
// putter reaches its put, the queue is full until MainThread's get, so
// "put done 0" before that get holds in every interleaving, and so does
// "get done 0" before the put of "hello".
test("put on a full queue and get on an empty one block until another thread makes room or puts", async ({ playground }) => {
  const result = await run(
    playground,
    `import { Thread, Queue, sharedArray, sleep, now, print } from "playground";
const full = new Queue<string>(1);
const empty = new Queue<string>();
const flags = sharedArray("int32", 4); // putter started, putter done, getter started, getter done
full.put("first");
const putter = new Thread({ name: "putter", target: () => { flags[0] = 1; full.put("second"); Atomics.store(flags, 1, 1); } });
let got = "";
const getter = new Thread({ name: "getter", target: () => { flags[2] = 1; got = empty.get(); Atomics.store(flags, 3, 1); print("getter got", got); } });
putter.start(); getter.start();
const t0 = now();
while ((Atomics.load(flags, 0) === 0 || Atomics.load(flags, 2) === 0) && now() - t0 < 20_000) sleep(5);
print("while held off: put done", flags[1], "get done", flags[3]);
print("main gets", full.get());
empty.put("hello");
putter.join(); getter.join();
print("after: put done", flags[1], "get done", flags[3], "then", full.get(), full.empty());
`,
  );
  expectOk(result);
  expect(outputTexts(result, "MainThread"), describeRun(result)).toEqual([
    "while held off: put done 0 get done 0",
    "main gets first",
    "after: put done 1 get done 1 then second true",
  ]);
  expect(outputTexts(result, "getter"), describeRun(result)).toEqual(["getter got hello"]);
});

// ---------------------------------------------------------------------------
// taskDone / join

// Queue.join() blocks until every item put has been marked done
// (test_queue.test_queue_task_done / test_queue_join): two worker threads
// get 20 items, count each one *before* taskDone(); when join() returns the
// count is 20. join() on a queue with nothing outstanding returns at once,
// join(60) with an item not yet done returns false, and one taskDone() too
// many raises ValueError.
test("taskDone/join: join() returns once every item is done; an extra taskDone() is a ValueError", async ({ playground }) => {
  const result = await run(
    playground,
    `import { Thread, Queue, ValueError, sharedArray, sleep, now, print } from "playground";
const fresh = new Queue<number>();
print("join on a fresh queue:", fresh.join());
const q = new Queue<number>();
const processed = sharedArray("int32", 1);
function worker() {
  for (;;) {
    const x = q.get();
    if (x < 0) { q.taskDone(); return; }
    sleep(5);
    Atomics.add(processed, 0, 1);
    q.taskDone();
  }
}
const workers = [1, 2].map(() => new Thread({ target: worker }));
for (const w of workers) w.start();
for (let i = 0; i < 20; i++) q.put(i);
q.join();
print("processed when join returned:", Atomics.load(processed, 0));
q.put(-1); q.put(-1);
for (const w of workers) w.join();
const pending = new Queue<number>();
pending.put(1);
const t0 = now();
print("join(60) with an item not done:", pending.join(60), now() - t0 >= 50);
pending.get();
print("got it but not done:", pending.join(0));
pending.taskDone();
print("after taskDone:", pending.join(0));
try {
  pending.taskDone();
  print("extra taskDone: no error");
} catch (e) {
  print("extra taskDone:", (e as Error).name, e instanceof ValueError, /too many times/.test((e as Error).message));
}
`,
  );
  expectOk(result);
  expect(outputTexts(result, "MainThread"), describeRun(result)).toEqual([
    "join on a fresh queue: true",
    "processed when join returned: 20",
    "join(60) with an item not done: false true",
    "got it but not done: false",
    "after taskDone: true",
    "extra taskDone: ValueError true true",
  ]);
});

// ---------------------------------------------------------------------------
// Many threads, many kinds of items

// Stress: 3 producer threads put 1,000 numbered items each into a
// Queue(50), 3 consumer threads take them until a -1 sentinel. Every item
// 0..2999 arrives exactly once, and because the queue is FIFO each
// consumer sees any one producer's items in increasing order.
test("3 producers and 3 consumers move 3,000 numbered items: nothing lost, nothing duplicated, FIFO per producer", async ({ playground }) => {
  const result = await run(
    playground,
    `import { Thread, Queue, sharedArray, print } from "playground";
const N = 1000;
const q = new Queue<number>(50);
const seen = sharedArray("int32", 3 * N);
const outOfOrder = sharedArray("int32", 1);
const perConsumer = sharedArray("int32", 3);
function producer(p: number) {
  for (let i = 0; i < N; i++) q.put(p * N + i);
}
function consumer(c: number) {
  const last = [-1, -1, -1];
  for (;;) {
    const x = q.get();
    if (x === -1) return;
    const p = Math.floor(x / N);
    if (x <= last[p]) Atomics.add(outOfOrder, 0, 1);
    last[p] = x;
    Atomics.add(seen, x, 1);
    Atomics.add(perConsumer, c, 1);
  }
}
const producers = [0, 1, 2].map((p) => new Thread({ target: producer, args: [p] }));
const consumers = [0, 1, 2].map((c) => new Thread({ target: consumer, args: [c] }));
for (const t of [...consumers, ...producers]) t.start();
for (const t of producers) t.join();
for (let i = 0; i < 3; i++) q.put(-1);
for (const t of consumers) t.join();
const counts = Array.from(seen);
print("missing", counts.filter((n) => n === 0).length, "duplicated", counts.filter((n) => n > 1).length);
print("received", perConsumer[0] + perConsumer[1] + perConsumer[2], "out of order", outOfOrder[0], "left", q.qsize());
`,
  );
  expectOk(result);
  expect(outputTexts(result, "MainThread"), describeRun(result)).toEqual([
    "missing 0 duplicated 0",
    "received 3000 out of order 0 left 0",
  ]);
});

// Items of many structured-cloneable types (API.md §5) arrive equal in
// another thread: plain objects, arrays with holes of null, Map (with
// non-string keys), Set, Date, nested mixes, typed arrays, bigint, strings
// with non-ASCII text, booleans, null, NaN and -0 inside an array. A
// canonical description that names each value's type is printed on both
// sides; they must match line for line.
test("items of many types (objects, arrays, Map, Set, Date, nested) arrive equal in another thread", async ({ playground }) => {
  const result = await run(
    playground,
    `import { Thread, Queue, print } from "playground";
function describe(v: unknown): string {
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  if (typeof v === "bigint") return "bigint " + v.toString();
  if (typeof v === "number") return Object.is(v, -0) ? "number -0" : "number " + String(v);
  if (typeof v !== "object") return typeof v + " " + JSON.stringify(v);
  if (v instanceof Date) return "Date(" + v.toISOString() + ")";
  if (v instanceof Map) return "Map{" + [...v].map(([k, x]) => describe(k) + " => " + describe(x)).join(", ") + "}";
  if (v instanceof Set) return "Set{" + [...v].map(describe).join(", ") + "}";
  if (v instanceof Uint8Array) return "Uint8Array[" + Array.from(v).join(",") + "]";
  if (v instanceof Float64Array) return "Float64Array[" + Array.from(v).join(",") + "]";
  if (Array.isArray(v)) return "[" + v.map(describe).join(", ") + "]";
  const proto = Object.getPrototypeOf(v) === Object.prototype ? "" : "(not a plain object)";
  return proto + "{" + Object.keys(v).map((k) => k + ": " + describe((v as Record<string, unknown>)[k])).join(", ") + "}";
}
const items: unknown[] = [
  { a: 1, b: "two", c: [1, 2, { d: true }], e: null },
  [1, "two", null, [3, [4]], false],
  new Map<unknown, unknown>([["k", 1], [2, { v: [1, 2] }], [true, "yes"]]),
  new Set<unknown>([1, "a", 3.5, "z"]),
  new Date(Date.UTC(2021, 2, 4, 5, 6, 7, 89)),
  { m: new Map([["s", new Set([new Date(0), "x"])]]), list: [new Map([[1, [new Set([2])]]])] },
  new Uint8Array([0, 1, 255]),
  new Float64Array([0.5, -2]),
  12345678901234567890n,
  "héllo ✓ 世界",
  "",
  true,
  0,
  [NaN, -0, Infinity],
  null,
];
const q = new Queue<unknown>();
const reader = new Thread({ name: "reader", target: () => {
  for (let i = 0; i < items.length; i++) print(describe(q.get()));
} });
reader.start();
for (const item of items) q.put(item);
reader.join();
for (const item of items) print(describe(item));
`,
  );
  expectOk(result);
  const sent = outputTexts(result, "MainThread");
  expect(sent, describeRun(result)).toHaveLength(15);
  expect(sent[2]).toBe('Map{string "k" => number 1, number 2 => {v: [number 1, number 2]}, boolean true => string "yes"}');
  expect(outputTexts(result, "reader"), describeRun(result)).toEqual(sent);
});

// An item larger than a fixed buffer (a Queue made with { bufferBytes }, a
// Pipe) fails put()/send() with ValueError whose message says it is too
// large (API.md §5), without blocking and without breaking the queue: a
// small item afterwards goes through. A Queue made without a byte budget
// grows instead (only maxsize limits it, as in Python).
test("an item too big for the buffer fails put()/send() with an error that says so, and the queue stays usable", async ({ playground }) => {
  const result = await run(
    playground,
    `import { Queue, Pipe, ValueError, print } from "playground";
function attempt(label: string, fn: () => unknown) {
  try {
    fn();
    print(label, "no error");
  } catch (e) {
    const msg = (e as Error).message;
    print(label, (e as Error).name, e instanceof ValueError, /too (large|big)/i.test(msg) ? "says too large" : "message: " + msg);
  }
}
const small = new Queue<string>(0, { bufferBytes: 1024 });
attempt("4000 chars in 1 KiB:", () => small.put("x".repeat(4000)));
small.put("fits");
print("then:", small.qsize(), small.get());
const dflt = new Queue<string>();
attempt("200,000 chars in a queue that grows:", () => dflt.put("y".repeat(200_000)));
dflt.put("ok");
print("then:", dflt.qsize(), dflt.get().length, dflt.get());
const [a, b] = Pipe<string>(true, { bufferBytes: 1024 });
attempt("pipe send of 4000 chars:", () => a.send("z".repeat(4000)));
a.send("small");
print("pipe then:", b.recv());
`,
  );
  expectOk(result);
  expect(outputTexts(result, "MainThread"), describeRun(result)).toEqual([
    "4000 chars in 1 KiB: ValueError true says too large",
    "then: 1 fits",
    "200,000 chars in a queue that grows: no error",
    "then: 2 200000 ok",
    "pipe send of 4000 chars: ValueError true says too large",
    "pipe then: small",
  ]);
});

// ---------------------------------------------------------------------------
// Across processes

// A Queue shared by two processes (multiprocessing.Queue): a reader
// process, started first, blocks on get(); a writer process puts 0..199
// and a null sentinel; the reader checks the order, sums, and sends the
// result to MainThread through a second queue. Both lanes are processes.
test("a Queue shared between a writer process and a reader process carries every item in order", async ({ playground }) => {
  const result = await run(
    playground,
    `import { Process, Queue, currentProcess, print } from "playground";
const q = new Queue<{ n: number; from: string } | null>(20);
const results = new Queue<string>();
function writer() {
  for (let n = 0; n < 200; n++) q.put({ n, from: currentProcess().name });
  q.put(null);
}
function reader() {
  let sum = 0, count = 0, inOrder = true, from = "";
  for (;;) {
    const item = q.get();
    if (item === null) break;
    if (item.n !== count) inOrder = false;
    sum += item.n; count += 1; from = item.from;
  }
  results.put([currentProcess().name, "read", count, "sum", sum, "in order", inOrder, "from", from].join(" "));
}
const r = new Process({ target: reader });
const w = new Process({ target: writer });
r.start(); w.start();
print(results.get(true, 30_000));
r.join(); w.join();
print("exit codes", r.exitcode, w.exitcode);
`,
  );
  expectOk(result);
  expect(outputTexts(result, "MainThread"), describeRun(result)).toEqual([
    "Process-1 read 200 sum 19900 in order true from Process-2",
    "exit codes 0 0",
  ]);
  const kinds = Object.fromEntries(result.threads.map((t) => [t.name, t.kind]));
  expect(kinds, JSON.stringify(result.threads)).toMatchObject({ "Process-1": "process", "Process-2": "process" });
});

// Pipe() is duplex: a Process receives numbers on its end and answers
// each with an object; it greets first, so both directions carry traffic
// before MainThread sends anything. After "stop" the child says "bye" and
// closes its end; MainThread's next recv() raises EOFError.
test("Pipe carries messages both ways between a Process and MainThread; recv after the child closes is EOFError", async ({ playground }) => {
  const result = await run(
    playground,
    `import { Process, Pipe, Connection, EOFError, currentProcess, print } from "playground";
const [parent, child] = Pipe<any>();
function worker(conn: Connection<any>) {
  conn.send("hello from " + currentProcess().name);
  for (;;) {
    const msg = conn.recv();
    if (msg === "stop") break;
    conn.send({ n: msg.n, doubled: msg.n * 2, tags: [...msg.tags, "seen"] });
  }
  conn.send("bye");
  conn.close();
}
const p = new Process({ target: worker, args: [child] });
p.start();
print(parent.recv());
for (let n = 1; n <= 3; n++) {
  parent.send({ n, tags: ["t" + n] });
  const r = parent.recv();
  print(r.n, r.doubled, r.tags.join("+"));
}
parent.send("stop");
print(parent.recv());
p.join();
try {
  print("unexpected", parent.recv());
} catch (e) {
  print("after close:", (e as Error).name, e instanceof EOFError);
}
print("exitcode", p.exitcode);
`,
  );
  expectOk(result);
  expect(outputTexts(result, "MainThread"), describeRun(result)).toEqual([
    "hello from Process-1",
    "1 2 t1+seen",
    "2 4 t2+seen",
    "3 6 t3+seen",
    "bye",
    "after close: EOFError true",
    "exitcode 0",
  ]);
});

// EOFError rules (multiprocessing.connection): messages sent before close()
// are still received, then recv() raises EOFError; a recv() already
// blocked in another thread wakes with EOFError when the other end closes;
// poll() is true once the other end is closed (recv would not block);
// using one's own closed end raises OSError; Pipe(false) gives
// [receive-only, send-only] ends and sending on the receive end is OSError.
test("recv on a closed, drained pipe raises EOFError, also for a recv already waiting; own closed end is OSError", async ({ playground }) => {
  const result = await run(
    playground,
    `import { Thread, Pipe, EOFError, OSError, sleep, print } from "playground";
function attempt(label: string, fn: () => unknown) {
  try {
    print(label, "returned", fn());
  } catch (e) {
    print(label, (e as Error).name, e instanceof EOFError, e instanceof OSError);
  }
}
const [a, b] = Pipe<number>();
b.send(1); b.send(2);
b.close();
print("closed:", b.closed, a.closed, "poll:", a.poll());
attempt("recv 1:", () => a.recv());
attempt("recv 2:", () => a.recv());
print("poll when drained and closed:", a.poll());
attempt("recv 3:", () => a.recv());
attempt("send on own closed end:", () => b.send(3));
const [c, d] = Pipe<number>();
const waiter = new Thread({ name: "waiter", target: () => attempt("waiting recv:", () => c.recv()) });
waiter.start();
sleep(200); // let it get into recv()
d.close();
waiter.join();
const [r, w] = Pipe<number>(false);
print("one-way:", r.readable, r.writable, w.readable, w.writable);
w.send(7);
print("one-way recv:", r.recv());
attempt("send on the receive end:", () => r.send(1));
`,
  );
  expectOk(result);
  expect(outputTexts(result, "MainThread"), describeRun(result)).toEqual([
    "closed: true false poll: true",
    "recv 1: returned 1",
    "recv 2: returned 2",
    "poll when drained and closed: true",
    "recv 3: EOFError true false",
    "send on own closed end: OSError false true",
    "one-way: true false false true",
    "one-way recv: 7",
    "send on the receive end: OSError false true",
  ]);
  expect(outputTexts(result, "waiter"), describeRun(result)).toEqual(["waiting recv: EOFError true false"]);
});

// poll(timeoutMs) (Connection.poll): false at once with no message,
// false after about the timeout when nothing comes, true as soon as a
// message sent by another thread ~150 ms later arrives (well before a
// 20 s timeout), and it does not consume the message.
test("Connection.poll: false without a message, waits up to its timeout, true when a message arrives", async ({ playground }) => {
  const result = await run(
    playground,
    `import { Thread, Pipe, sleep, now, print } from "playground";
const [a, b] = Pipe<string>();
print("poll():", a.poll(), "poll(0):", a.poll(0));
const t0 = now();
print("poll(80):", a.poll(80), "waited >= 70ms:", now() - t0 >= 70);
const sender = new Thread({ target: () => { sleep(150); b.send("late"); } });
const t1 = now();
sender.start();
const got = a.poll(20_000);
const waited = now() - t1;
print("poll(20000):", got, "waited >= 100ms:", waited >= 100, "returned before the timeout:", waited < 15_000);
print("still there:", a.poll(), a.recv(), a.poll());
sender.join();
`,
  );
  expectOk(result);
  expect(outputTexts(result, "MainThread"), describeRun(result)).toEqual([
    "poll(): false poll(0): false",
    "poll(80): false waited >= 70ms: true",
    "poll(20000): true waited >= 100ms: true returned before the timeout: true",
    "still there: true late false",
  ]);
});
