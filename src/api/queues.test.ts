// Scenarios for Queue, LifoQueue and PriorityQueue as snippets see them
// (queues.ts): Python's errors and arguments, what is traced, how items
// travel. The test process is the run's MainThread, with a real worker
// context over a real heap and thread table; the other side of a blocking
// call is a worker_thread puppet working on the same queue's core.

import { afterEach, describe, expect, it } from "vitest";
import { Field } from "../runtime/thread-table";
import { startTestRun } from "../runtime/test-run";
import { EventKind, ThreadState } from "../trace/events";
import { SEND, type ModuleScope } from "../runtime/door";
import { startQueuePuppets, stopQueuePuppets } from "../sync/test-workers-queue";
import { Empty, Full, LifoQueue, PriorityQueue, Queue, QUEUE_GET, QUEUE_PUT, type QueueShared } from "./queues";

const startRun = startTestRun;

const baseOf = (q: { [SEND](): { data: unknown } }) => (q[SEND]().data as QueueShared).base;
const refOf = (q: { [SEND](): { data: unknown } }) => (q[SEND]().data as QueueShared).ref;

afterEach(stopQueuePuppets);

describe("Queue (API)", () => {
  it("orders items as Queue, LifoQueue and PriorityQueue, and reports qsize, empty and full", () => {
    startRun();
    const q = new Queue<number>(3);
    const l = new LifoQueue<number>();
    const p = new PriorityQueue<[number, string]>();
    for (const n of [2, 3, 1]) {
      q.put(n);
      l.put(n);
      p.put([n, `task ${n}`]);
    }
    expect([q.qsize(), q.full(), q.empty(), l.full()]).toEqual([3, true, false, false]);
    expect([q.get(), q.get(), q.get()]).toEqual([2, 3, 1]);
    expect([l.get(), l.get(), l.get()]).toEqual([1, 3, 2]);
    expect([p.get(), p.get(), p.get()]).toEqual([[1, "task 1"], [2, "task 2"], [3, "task 3"]]);
    expect(q.empty()).toBe(true);
    expect(q.maxsize).toBe(3);
  });

  it("raises Full and Empty without waiting, and after at least the timeout", () => {
    // Scenario: maxsize 1 holding one item: putNowait and put(x, false, 50)
    // (the timeout is ignored, as in Python) raise Full at once; put with
    // 30 ms raises Full after >= ~30 ms. Emptied, getNowait raises Empty;
    // get(true, 30) after >= ~30 ms. Negative timeouts are a ValueError.
    startRun();
    const q = new Queue<string>(1);
    q.put("only");
    expect(() => q.putNowait("more")).toThrow(Full);
    expect(() => q.put("more", false, 50)).toThrow(expect.objectContaining({ name: "Full", message: "the Queue is full (maxsize 1)" }));
    let t0 = performance.now();
    expect(() => q.put("more", true, 30)).toThrow(expect.objectContaining({ name: "Full", message: "the Queue was still full (maxsize 1) after 30 ms" }));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(29);
    expect(q.getNowait()).toBe("only");
    expect(() => q.getNowait()).toThrow(expect.objectContaining({ name: "Empty", message: "the Queue is empty" }));
    t0 = performance.now();
    expect(() => q.get(true, 30)).toThrow(Empty);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(29);
    expect(() => q.get(true, -1)).toThrow(expect.objectContaining({ name: "ValueError" }));
  });

  it("traces puts and gets with the depth, and a real wait as 'waiting on a queue or pipe'", () => {
    // Scenario: two puts and a get record QUEUE_PUT (depth 1, 2) and
    // QUEUE_GET (depth 1), each with the queue's id. A get on an empty
    // queue with a 20 ms timeout records the QueueWait state on the queue
    // and then Running again; getNowait, which never sleeps, records no
    // state at all. The wait-for edge is cleared afterwards.
    const { events, table, ident } = startRun();
    const q = new Queue<number>();
    events();
    q.put(1);
    q.put(2);
    q.get();
    expect(events()).toEqual([[QUEUE_PUT, 1, refOf(q)], [QUEUE_PUT, 2, refOf(q)], [QUEUE_GET, 1, refOf(q)]]);
    q.get();
    events();
    expect(() => q.getNowait()).toThrow(Empty);
    expect(events()).toEqual([]);
    expect(() => q.get(true, 20)).toThrow(Empty);
    expect(events()).toEqual([[EventKind.State, ThreadState.QueueWait, refOf(q)], [EventKind.State, ThreadState.Running, 0]]);
    expect(table.get(ident, Field.WaitKind)).toBe(0);
  });

  it("a get blocked in MainThread returns what another thread puts", async () => {
    // Scenario: a puppet worker puts "late" into the queue's core 50 ms
    // after being asked; meanwhile MainThread's get() sleeps (traced as
    // QueueWait) and returns "late".
    const { heap, events } = startRun();
    const q = new Queue<string>();
    const [puppet] = await startQueuePuppets(heap.buffer, 1);
    events();
    const put = puppet.run({ op: "queue", base: baseOf(q), method: "put", args: ["late"], delayMs: 50 });
    expect(q.get()).toBe("late");
    await put;
    expect(events().map((e) => e[0] === EventKind.State ? e[1] : "get")).toEqual([ThreadState.QueueWait, ThreadState.Running, "get"]);
  });

  it("join waits for taskDone, and taskDone too often is a ValueError", () => {
    startRun();
    const q = new Queue<number>();
    q.put(1);
    q.get();
    expect(q.join(10)).toBe(false);
    q.taskDone();
    expect(q.join()).toBe(true);
    expect(() => q.taskDone()).toThrow(expect.objectContaining({ name: "ValueError" }));
  });

  it("grows for an item larger than its buffer (only maxsize limits a Queue), and fails an item that cannot be copied with what it is", () => {
    // Scenario (issue 10, item 6): Queue(0) is unbounded; a 400 KB item
    // goes into a queue whose buffer started at 64 KiB, then 6,000 small
    // ints; full() stays false and putNowait never raises Full; everything
    // comes back in order. With a byte budget ({ bufferBytes }), an item
    // larger than it fails with the size and a fix that works.
    startRun();
    const fixed = new Queue<string>(0, { bufferBytes: 1024 });
    expect(() => fixed.put("x".repeat(2000))).toThrow(expect.objectContaining({ name: "ValueError", message: expect.stringMatching(/too large.*\{ bufferBytes: 2048 \}$/) }));
    const q = new Queue<number[] | number>();
    const big = Array.from({ length: 50_000 }, (_, i) => i);
    q.put(big);
    for (let i = 0; i < 6000; i++) {
      expect(q.full()).toBe(false);
      q.putNowait(i);
    }
    expect(q.get()).toEqual(big);
    for (let i = 0; i < 6000; i++) expect(q.get()).toBe(i);
    expect(q.qsize()).toBe(0);
    expect(() => q.put([Symbol("s")] as never)).toThrow(
      expect.objectContaining({ name: "TypeError", message: expect.stringMatching(/^cannot copy item\[0\]: it is a symbol \(Symbol\(s\)\)/) }),
    );
    expect(() => new Queue(2.5)).toThrow(expect.objectContaining({ name: "ValueError" }));
  });

  it("travels by reference: a revived queue is the same queue, views of the heap stay shared", () => {
    // Scenario: [SEND]() gives { kind, data }; a Queue built from that data
    // (what revive.ts does in another thread) sees the same items. An
    // Int32Array over the run's heap put in an item comes out as a view of
    // the same memory.
    const { userHeap: heap } = startRun();
    const q = new Queue<unknown>();
    const sent = q[SEND]();
    expect(sent).toEqual({ kind: "Queue", data: { base: baseOf(q), ref: refOf(q) } });
    const again = new Queue<unknown>(0, undefined, sent.data);
    q.put("via the first");
    expect(again.get()).toBe("via the first");
    const view = new Int32Array(heap.buffer, heap.allocBytes(16), 4);
    q.put({ view });
    const got = (q.get() as { view: Int32Array }).view;
    got[2] = 7;
    expect(view[2]).toBe(7);
  });

  it("carries playground objects, top-level functions and class instances as a thread's args do", () => {
    // Scenario: with the snippet's module scope bound, an item holding a
    // queue, a top-level function and an instance of a top-level class
    // comes back as a queue with the same id, the same function, and an
    // instance whose method works.
    const { ctx } = startRun();
    function double(x: number) { return x * 2; }
    class Point {
      constructor(public x: number, public y: number) {}
      norm() { return Math.hypot(this.x, this.y); }
    }
    void double;
    void Point;
    const scope: ModuleScope = {
      evalInScope: (source: string) => eval(source),
      closureOf: () => undefined,
      apiNameOf: () => undefined,
      revive: (kind, data) => (kind === "Queue" ? new Queue(0, undefined, data as QueueShared) : undefined),
    };
    ctx.scope = scope;
    const q = new Queue<unknown>();
    const inner = new Queue<number>();
    q.put([inner, double, new Point(3, 4)]);
    const [q2, f, p] = q.get() as [Queue<number>, typeof double, Point];
    expect(q2).toBeInstanceOf(Queue);
    expect(refOf(q2)).toBe(refOf(inner));
    expect(f).toBe(double);
    expect(p.norm()).toBe(5);
  });
});
