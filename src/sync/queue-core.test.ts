// Scenarios for the queue core (queue-core.ts, queue-store.ts,
// queue-order.ts): order, limits, blocking and wake-ups, task accounting,
// and a stress run, on real worker_threads sharing one SharedArrayBuffer.
// Times are only ever bounded from below; "blocked" is observed through
// onBlock, never guessed from a delay.

import { afterEach, describe, expect, it, vi } from "vitest";
import { decode, encodeInto } from "../base/value-codec";
import { SharedHeap } from "./heap";
import { CLOSED, QUEUE_HEADER_WORDS, QueueCore, QueueOrder, TIMED_OUT } from "./queue-core";
import { BLOCK_HEADER_WORDS, Blocks } from "./blocks";
import { compareEncoded } from "./queue-order";
import { startQueuePuppets, stopQueuePuppets } from "./test-workers-queue";

const ME = 99;
const scratch = new Uint8Array(1 << 16);

/** A queue with a fixed buffer of `bytes` (or, `growable`, one that starts there and grows). */
function makeQueue(order: QueueOrder, maxsize = 0, bytes = 64 * 1024, growable = false) {
  const heap = SharedHeap.create(8 << 20);
  const blocks = new Blocks(heap, heap.alloc(BLOCK_HEADER_WORDS, 2));
  const base = heap.alloc(QUEUE_HEADER_WORDS, 2);
  QueueCore.init(heap.i32, base, order, maxsize, bytes, blocks, growable);
  const gate = heap.alloc(2, 2);
  return { heap, base, gate, blocks, q: new QueueCore(heap.i32, base, ME, compareEncoded, blocks) };
}

function put(q: QueueCore, v: unknown, timeoutMs = Infinity): number {
  const len = encodeInto(v, scratch);
  if (len >= 0) return q.put(scratch, len, timeoutMs);
  const big = new Uint8Array(1 << 20);
  return q.put(big, encodeInto(v, big), timeoutMs);
}
function get(q: QueueCore, timeoutMs = Infinity): unknown {
  const len = q.get(timeoutMs);
  return len < 0 ? len : decode(q.received, 0, len);
}
const drain = (q: QueueCore) => Array.from({ length: q.qsize() }, () => get(q, 0));

afterEach(stopQueuePuppets);

describe("QueueCore order", () => {
  it("stamps a put under the lock, with the item counted: no getter can have it yet", () => {
    // The timeline stamps a put there (api/queues.ts): stamped after the
    // lock's release, a sender held up there was drawn putting its item
    // after the getter had taken it (a Pipe between processes, 1 run in 10).
    const { heap, base, q } = makeQueue(QueueOrder.Fifo, 1);
    const seen: { count: number; lockWord: number }[] = [];
    const clock = () => {
      seen.push({ count: q.qsize(), lockWord: Atomics.load(heap.i32, base) });
      return 7;
    };
    const len = encodeInto("a", scratch);
    expect(q.put(scratch, len, 0, undefined, clock)).toBe(1);
    expect(q.put(scratch, len, 0, undefined, clock), "full: no stamp").toBe(TIMED_OUT);
    expect(seen.map((s) => s.count)).toEqual([1]);
    expect(seen[0].lockWord, "the queue's lock is held").not.toBe(0);
    expect(q.opMs).toBe(7);
    expect(Atomics.load(heap.i32, base), "released after").toBe(0);
  });

  it("stamps the puts and gets of all threads in the order they held the lock, whatever their clocks say, and ignores a stored time far ahead", () => {
    // Scenario: P1's clock runs ahead (its own print raised it to 10.3), P2's
    // and the getter's read the shared coarse clock, 10.0. P1 puts, then P2,
    // then C gets both: stamped each by its own clock, P2's put and both
    // gets would be drawn before P1's put (and the first get linked to P2).
    const { heap, base, blocks, q: p1 } = makeQueue(QueueOrder.Fifo);
    const p2 = new QueueCore(heap.i32, base, ME + 1, compareEncoded, blocks);
    const c = new QueueCore(heap.i32, base, ME + 2, compareEncoded, blocks);
    const len = encodeInto("x", scratch);
    p1.put(scratch, len, 0, undefined, () => 10.3);
    p2.put(scratch, len, 0, undefined, () => 10.0);
    c.get(0, undefined, () => 10.0);
    const first = c.opMs;
    c.get(0, undefined, () => 10.1);
    // Each past the last by a nanosecond: where the clocks tie, the lock's order stays.
    const stamps = [p1.opMs, p2.opMs, first, c.opMs];
    expect(stamps[0]).toBe(10.3);
    for (let k = 1; k < 4; k++) expect(stamps[k] - stamps[k - 1]).toBeCloseTo(1e-6, 9);
    p1.put(scratch, len, 0, undefined, () => 11);
    expect(p1.opMs, "a later clock wins").toBe(11);
    // The snippet can write the slot: a time far ahead of every clock is not taken.
    new Float64Array(heap.i32.buffer)[(base + 18) >> 1] = 1e9;
    p2.put(scratch, len, 0, undefined, () => 12);
    expect(p2.opMs).toBe(12);
  });

  it("FIFO gives items back in put order, LIFO in reverse", () => {
    const fifo = makeQueue(QueueOrder.Fifo).q;
    const lifo = makeQueue(QueueOrder.Lifo).q;
    const items = [1, "two", [3], { four: 4 }, null, 6.5];
    for (const item of items) {
      put(fifo, item);
      put(lifo, item);
    }
    expect(fifo.qsize()).toBe(6);
    expect(drain(fifo)).toEqual(items);
    expect(drain(lifo)).toEqual([...items].reverse());
    expect(get(fifo, 0)).toBe(TIMED_OUT);
  });

  it("PriorityQueue gives the smallest first, comparing [priority, value] element-wise", () => {
    // Scenario: tuples with tied priorities are ordered by their second
    // element (a string); numbers of every encoding (small, int32, float,
    // bigint, boolean) order by value; shorter arrays come first on a tie.
    const { q } = makeQueue(QueueOrder.Priority);
    const items = [[3, "c"], [1, "b"], [2, "z"], [1, "a"], [-5, "neg"], [2.5, "x"], [10n ** 20n, "big"], [true, "one"], [1], [0.5, "half"]];
    for (const item of items) put(q, item);
    expect(drain(q)).toEqual([[-5, "neg"], [0.5, "half"], [1], [1, "a"], [1, "b"], [true, "one"], [2, "z"], [2.5, "x"], [3, "c"], [10n ** 20n, "big"]]);
  });

  it("PriorityQueue refuses items that do not order, and stays intact", () => {
    // Scenario: [1, {a: 1}] is queued; putting [1, {a: 2}] ties on the
    // priority and then compares two objects: the put fails with Python's
    // TypeError and the queue is as before; so does a string against an
    // array. Equal objects are fine (compared as equal, as Python's ==).
    const { q } = makeQueue(QueueOrder.Priority);
    put(q, [1, { a: 1 }]);
    expect(() => put(q, [1, { a: 2 }])).toThrow(expect.objectContaining({ name: "TypeError", message: expect.stringMatching(/^'<' not supported between instances of 'object' and 'object'/) }));
    expect(() => put(q, "text")).toThrow(/'string' and 'array'/);
    expect(q.qsize()).toBe(1);
    put(q, [0, { a: 1 }]);
    put(q, [1, { a: 1 }]);
    expect(q.qsize()).toBe(3);
    expect(drain(q)).toEqual([[0, { a: 1 }], [1, { a: 1 }], [1, { a: 1 }]]);
    // A get whose sift compares two queued items that do not order ([2, "x"]
    // and [2, 5], never compared on the way in) fails the same way and
    // changes nothing: the items are all still there (and the next get meets
    // the same pair, as Python's heappop would).
    put(q, [1]);
    put(q, [2, "x"]);
    put(q, [2, 5]);
    expect(() => get(q)).toThrow(/'<' not supported between instances of 'string' and 'number'/);
    expect(q.qsize()).toBe(3);
    expect(() => get(q)).toThrow(/'string' and 'number'/);
    expect(q.qsize()).toBe(3);
  });

  it("keeps every record intact through wrap-around and compaction (random sizes, all orders)", () => {
    // Scenario: for each order, a 1 KiB queue gets 4,000 random operations:
    // non-blocking puts of byte strings of 1..300 bytes (tagged with a
    // counter) and gets, checked against a plain array model of the same
    // order. Every get returns exactly the model's item, and a put into an
    // empty queue never fails.
    for (const order of [QueueOrder.Fifo, QueueOrder.Lifo, QueueOrder.Priority]) {
      const { q } = makeQueue(order, 0, 1024);
      const model: [number, string][] = [];
      let seed = 7;
      const next = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
      for (let op = 0; op < 4000; op++) {
        if (next(2) === 0) {
          const item: [number, string] = [next(50), "x".repeat(next(300))];
          const r = put(q, item, 0);
          if (r === TIMED_OUT) expect(model.length).toBeGreaterThan(0); // an empty queue takes any item that fits the buffer
          else model.push(item);
        } else {
          let want: [number, string] | undefined;
          if (order === QueueOrder.Fifo) want = model.shift();
          else if (order === QueueOrder.Lifo) want = model.pop();
          else if (model.length > 0) {
            const k = model.reduce((best, it, i) => (it[0] < model[best][0] || (it[0] === model[best][0] && it[1].length < model[best][1].length) ? i : best), 0);
            want = model.splice(k, 1)[0];
          }
          expect(get(q, 0)).toEqual(want ?? TIMED_OUT);
        }
        expect(q.qsize()).toBe(model.length);
      }
    }
  });
});

describe("QueueCore limits and blocking", () => {
  it("with maxsize, put on a full queue and get on an empty one time out, after at least the timeout", () => {
    // Scenario: maxsize 2. Two puts succeed; a third with timeout 0 fails at
    // once (Python's put_nowait raising Full) and one with 30 ms fails after
    // >= ~30 ms, calling onBlock once. Two gets empty it; a get with timeout
    // 0 fails (get_nowait raising Empty), one with 30 ms after >= ~30 ms.
    const { q } = makeQueue(QueueOrder.Fifo, 2);
    expect(put(q, "a")).toBe(1);
    expect(put(q, "b")).toBe(2);
    expect(put(q, "c", 0)).toBe(TIMED_OUT);
    const onBlock = vi.fn();
    let t0 = performance.now();
    expect(q.put(scratch, encodeInto("c", scratch), 30, onBlock)).toBe(TIMED_OUT);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(29);
    expect(onBlock).toHaveBeenCalledTimes(1);
    expect(drain(q)).toEqual(["a", "b"]);
    expect(get(q, 0)).toBe(TIMED_OUT);
    t0 = performance.now();
    expect(q.get(30, onBlock)).toBe(TIMED_OUT);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(29);
    expect(onBlock).toHaveBeenCalledTimes(2);
  });

  it("a growable queue never waits for bytes: it grows, keeping every record in order (all orders)", () => {
    // Scenario: Python's queue.Queue() is unbounded. Starting from a 64-byte
    // buffer, 2,000 items of growing size go in (the buffer doubles about a
    // dozen times), and a 100 KB item that no buffer held at first; they
    // come out complete, in FIFO, LIFO and priority order. The old buffers
    // go back to the heap's free lists.
    for (const order of [QueueOrder.Fifo, QueueOrder.Lifo, QueueOrder.Priority]) {
      const { q } = makeQueue(order, 0, 64, true);
      const items = Array.from({ length: 2000 }, (_, k) => [k, "x".repeat(k % 50)]);
      for (const item of items) expect(put(q, item, 0)).toBeGreaterThan(0);
      const big = [2001, "y".repeat(100_000)];
      expect(put(q, big, 0)).toBe(2001);
      const expected = order === QueueOrder.Lifo ? [big, ...[...items].reverse()] : [...items, big];
      expect(drain(q)).toEqual(expected);
    }
  });

  it("fails put of an item larger than the buffer with an error that gives the sizes", () => {
    const { q } = makeQueue(QueueOrder.Fifo, 0, 256);
    expect(() => put(q, "x".repeat(300))).toThrow(
      expect.objectContaining({ name: "ValueError", message: "item too large: it takes 303 bytes, and this buffer of 256 bytes holds items of at most 252 bytes" }),
    );
    expect(q.qsize()).toBe(0);
    expect(put(q, "x".repeat(249))).toBe(1); // 252 bytes: exactly fits
  });

  it("a blocked put goes on when another worker's get makes room", async () => {
    // Scenario: maxsize 1 holds "first". Worker A's put("second") reports
    // through onBlock that it sleeps; only then does worker B get: B
    // receives "first", A's put returns with the queue holding "second".
    const { heap, base, q } = makeQueue(QueueOrder.Fifo, 1);
    put(q, "first");
    const [a, b] = await startQueuePuppets(heap.buffer, 2);
    const blocked = a.nextBlock();
    const aPut = a.queue(base, "put", "second");
    await blocked;
    expect((await b.queue(base, "get")).value).toEqual({ item: "first" });
    const r = await aPut;
    expect(r.value).toBe(1);
    expect(r.blocks).toBe(1);
    expect(get(q, 0)).toBe("second");
  });

  it("a blocked get goes on when another worker puts, and a put into bytes-full queue waits for room", async () => {
    // Scenario: worker A's get sleeps on an empty queue; B's put wakes it
    // with B's item. Then with a 64-byte buffer and no maxsize, A fills it
    // with two 24-byte strings; A's third put sleeps for lack of bytes (not
    // of count) until B's get frees one record.
    const { heap, base, q } = makeQueue(QueueOrder.Fifo, 0, 64);
    const [a, b] = await startQueuePuppets(heap.buffer, 2);
    let blocked = a.nextBlock();
    const aGet = a.queue(base, "get");
    await blocked;
    await b.queue(base, "put", "wake");
    expect((await aGet).value).toEqual({ item: "wake" });
    expect((await a.queue(base, "put", "y".repeat(22))).value).toBe(1);
    expect((await a.queue(base, "put", "y".repeat(22))).value).toBe(2);
    blocked = a.nextBlock();
    const aPut = a.queue(base, "put", "z".repeat(22));
    await blocked;
    expect((await b.queue(base, "get")).value).toEqual({ item: "y".repeat(22) });
    expect((await aPut).value).toBe(2);
    expect(drain(q)).toEqual(["y".repeat(22), "z".repeat(22)]);
  });

  it("keeps a timed put's deadline across early wake-ups, calling onBlock once", async () => {
    // Scenario: maxsize 1 holds "x"; worker A's put("a", 100 ms) sleeps.
    // The test then wakes it 50 times without making room, as a notify
    // meant for another thread or a spurious wake-up would: it bumps the
    // notFull futex word (slot 3, see queue-core.ts) and notifies, every
    // 1 ms. Each time A finds the queue still full and sleeps on with the
    // time left, so its put neither returns at the first wake-up nor gives
    // up early: it fails after at least ~100 ms, and onBlock ran once.
    const { heap, base, q } = makeQueue(QueueOrder.Fifo, 1);
    put(q, "x");
    const [a] = await startQueuePuppets(heap.buffer, 1);
    const blocked = a.nextBlock();
    const aPut = a.queue(base, "put", "a", 100);
    await blocked;
    for (let n = 0; n < 50; n++) {
      Atomics.add(heap.i32, base + 3, 1);
      Atomics.notify(heap.i32, base + 3);
      await new Promise((r) => setTimeout(r, 1));
    }
    const r = await aPut;
    expect(r.value).toBe(TIMED_OUT);
    expect(r.elapsedMs).toBeGreaterThanOrEqual(99);
    expect(r.blocks).toBe(1);
    expect(drain(q)).toEqual(["x"]);
  });

  it("join waits until every item put has been marked done", async () => {
    // Scenario: two items are put. Worker A's join sleeps (onBlock). Two
    // gets and one taskDone do not end it; the second taskDone does. A
    // third taskDone is one too many: ValueError. A join with nothing
    // unfinished returns at once; one with a timeout and unfinished work
    // returns false after at least the timeout.
    const { heap, base, q } = makeQueue(QueueOrder.Fifo);
    put(q, 1);
    put(q, 2);
    const [a] = await startQueuePuppets(heap.buffer, 1);
    const blocked = a.nextBlock();
    let joined = false;
    const aJoin = a.queue(base, "join").then((r) => ((joined = true), r));
    await blocked;
    drain(q);
    q.taskDone();
    await new Promise((r) => setTimeout(r, 20));
    expect(joined).toBe(false);
    q.taskDone();
    expect((await aJoin).value).toBe(true);
    expect(() => q.taskDone()).toThrow(expect.objectContaining({ name: "ValueError", message: "taskDone() called too many times" }));
    expect(q.join(0)).toBe(true);
    put(q, 3);
    const t0 = performance.now();
    expect(q.join(30)).toBe(false);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(29);
  });

  it("close lets gets drain what is left, then fails puts and gets, and wakes sleepers", async () => {
    // Scenario: worker A sleeps in get on an empty queue; close() wakes it
    // with CLOSED. A queue closed with items in it gives them out, then
    // CLOSED; a put after close gets CLOSED; poll says a get would not block.
    const { heap, base, q } = makeQueue(QueueOrder.Fifo);
    const [a] = await startQueuePuppets(heap.buffer, 1);
    const blocked = a.nextBlock();
    const aGet = a.queue(base, "get");
    await blocked;
    q.close();
    expect((await aGet).value).toEqual({ code: "closed" });
    const other = makeQueue(QueueOrder.Fifo).q;
    put(other, "left");
    other.close();
    expect(other.poll(0)).toBe(true);
    expect(get(other)).toBe("left");
    expect(get(other)).toBe(CLOSED);
    expect(put(other, "late")).toBe(CLOSED);
  });

  it("poll waits for an item without taking it, for at least its timeout when none comes", async () => {
    const { heap, base, q } = makeQueue(QueueOrder.Fifo);
    const t0 = performance.now();
    expect(q.poll(30)).toBe(false);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(29);
    const [a, b] = await startQueuePuppets(heap.buffer, 2);
    const blocked = a.nextBlock();
    const aPoll = a.queue(base, "poll", Infinity);
    await blocked;
    await b.queue(base, "put", "here");
    expect((await aPoll).value).toBe(true);
    expect(q.qsize()).toBe(1);
  });
});

describe("QueueCore stress", () => {
  async function stress(order: QueueOrder, maxsize: number, bytes: number) {
    // 3 producers put [producer, seq] for seq 0..9,999 into a small queue,
    // 3 consumers get until each has seen a null (put by the test once the
    // producers are done and the queue has drained, so that no order can
    // hand out a null before an item). All six start together at a gate.
    const { heap, base, gate, q } = makeQueue(order, maxsize, bytes);
    const workers = await startQueuePuppets(heap.buffer, 6);
    const consumers = workers.slice(3).map((w) => w.run({ op: "consume", base, stops: 1, gate, parties: 6 }));
    const producers = workers.slice(0, 3).map((w, p) => w.run({ op: "produce", base, producer: p, count: 10_000, gate, parties: 6 }));
    await Promise.all(producers);
    while (q.qsize() > 0) await new Promise((r) => setTimeout(r, 5));
    for (let k = 0; k < 3; k++) put(q, null);
    return (await Promise.all(consumers)).map((r) => r.value as [number, number][]);
  }

  it("moves 30,000 items from 3 producers to 3 consumers through maxsize 8: each exactly once, in per-producer order", async () => {
    // Scenario: see stress(). Every [producer, seq] arrives exactly once
    // (nothing lost, nothing duplicated), and in each consumer's stream the
    // seqs of any one producer increase (FIFO keeps per-producer order).
    const received = await stress(QueueOrder.Fifo, 8, 64 * 1024);
    const seen = new Set<number>();
    for (const stream of received) {
      const last = [-1, -1, -1];
      for (const [p, seq] of stream) {
        expect(seq).toBeGreaterThan(last[p]);
        last[p] = seq;
        seen.add(p * 100_000 + seq);
      }
    }
    expect(received.reduce((n, s) => n + s.length, 0)).toBe(30_000);
    expect(seen.size).toBe(30_000);
  });

  it("loses and duplicates nothing in a byte-bounded LIFO and priority queue under the same load", async () => {
    // Scenario: as above through a 256-byte buffer with no maxsize (puts
    // wait for bytes), LIFO and then priority order. Only exactly-once is
    // checked: these orders do not keep per-producer order.
    for (const order of [QueueOrder.Lifo, QueueOrder.Priority]) {
      const received = await stress(order, 0, 256);
      const all = received.flat().map(([p, seq]) => p * 100_000 + seq);
      expect(all.length).toBe(30_000);
      expect(new Set(all).size).toBe(30_000);
      await stopQueuePuppets();
    }
  });
});
