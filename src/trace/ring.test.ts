// Scenarios for the trace ring (ring.ts, ring-reader.ts): wrap-around, a
// full ring that makes its writer wait instead of losing events, drops only
// once the run is ending, a reader that refuses an impossible header, and a
// real concurrent writer (a Node worker thread) racing a reader.

import { afterEach, describe, expect, it } from "vitest";
import { Worker } from "node:worker_threads";
import { EVENT_BYTES, RingWriter, initRing, ringWords } from "./ring";
import { RingCorrupt, RingReader } from "./ring-reader";

// Words 0-1: the run's drain signal and state; the ring from word 2.
const SIGNALS = { drainSignal: 0, runState: 1 };

function ring(capacity: number) {
  const i32 = new Int32Array(new SharedArrayBuffer((ringWords(capacity) + 4) * 4));
  initRing(i32, 2, capacity);
  // The coarse clock at f64 index (ringWords + 2) / 2, past the ring.
  const clock = (ringWords(capacity) + 2) >> 1;
  return { i32, writer: new RingWriter(i32, 2, capacity, clock, SIGNALS), reader: new RingReader(i32, 2, capacity) };
}

function drainAll(reader: RingReader): number[][] {
  const bytes = new Uint8Array(1 << 20);
  const n = reader.drainInto(bytes, 0, 1 << 16);
  const f64 = new Float64Array(bytes.buffer);
  const i32 = new Int32Array(bytes.buffer);
  return Array.from({ length: n }, (_, k) => [f64[k * 2], i32[k * 4 + 2] >>> 24, i32[k * 4 + 2] & 0xffffff, i32[k * 4 + 3]]);
}

const workers: Worker[] = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.terminate()));
});

describe("trace ring", () => {
  it("keeps events in order across many wrap-arounds", () => {
    // Scenario: a ring of 8 slots carries 1,000 events in batches of 5, so
    // the write position wraps 125 times; every event comes out once, in
    // order, with all four fields intact.
    const { writer, reader } = ring(8);
    const seen: number[][] = [];
    for (let n = 0; n < 1000; n += 5) {
      for (let k = n; k < n + 5; k++) writer.write(k + 0.5, 3, k & 0xffffff, 7 - k);
      seen.push(...drainAll(reader));
    }
    expect(seen.length).toBe(1000);
    seen.forEach(([t, kind, arg, obj], k) => expect([t, kind, arg, obj]).toEqual([k + 0.5, 3, k, 7 - k]));
    expect(reader.dropped()).toBe(0);
  });

  it("a closed writer (its thread ended) publishes what it held back and writes nothing after, into a ring the slot's next thread now owns", () => {
    // Scenario: a thread folds lock pairs and ends (close): what it held back is published.
    const { i32, writer, reader } = ring(8);
    writer.lockAcquired(9);
    writer.lockReleased(9);
    writer.close();
    expect(drainAll(reader).map(([, kind, , obj]) => [kind, obj])).toEqual([[2, 9], [3, 9]]);
    // Then the slot's next thread has the ring, set up afresh, while code the ended thread left running writes on
    // through its writer (one that ended before writing anything: its position is the new ring's).
    initRing(i32, 2, 8);
    const clock = (ringWords(8) + 2) >> 1;
    const stale = new RingWriter(i32, 2, 8, clock, SIGNALS);
    stale.close();
    const next = new RingWriter(i32, 2, 8, clock, SIGNALS);
    next.write(1, 5, 1, 1);
    stale.write(2, 6, 2, 2);
    stale.writeCoarse(6, 3, 3);
    stale.lockAcquired(4);
    stale.lockReleased(4);
    stale.flush();
    next.write(3, 5, 4, 4);
    // (The drainer reads the slot's next thread with a reader of its own, from the ring as set up afresh.)
    expect(drainAll(new RingReader(i32, 2, 8)).map(([, kind, arg, obj]) => [kind, arg, obj])).toEqual([[5, 1, 1], [5, 4, 4]]);
    // What it refused is counted, so the worker can say that something was done and not shown (thread-main.ts).
    expect(stale.lateEvents).toBe(4);
    expect(next.lateEvents).toBe(0);
  });

  it("drops only once the run is ending, and counts what it drops", () => {
    // Scenario: the run's state word says it is ending, so a writer facing a
    // full ring of 8 does not wait: of 20 events the first 8 stay and 12 are
    // counted as dropped. (While the run runs, a full ring makes it wait:
    // the concurrent test below.)
    const { i32, writer, reader } = ring(8);
    Atomics.store(i32, SIGNALS.runState, 1);
    for (let k = 0; k < 20; k++) writer.write(k, 1, k, 0);
    expect(reader.dropped()).toBe(12);
    expect(drainAll(reader).map((e) => e[2])).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it("wakes the drainer when the ring is half full", () => {
    // Scenario: a ring of 16: the drain signal word is bumped when the 9th
    // event goes in (8 were unread), and not before.
    const { i32, writer } = ring(16);
    for (let k = 0; k < 8; k++) writer.write(k, 1, 0, 0);
    expect(Atomics.load(i32, SIGNALS.drainSignal)).toBe(0);
    writer.write(8, 1, 0, 0);
    expect(Atomics.load(i32, SIGNALS.drainSignal)).toBe(1);
  });

  it("records no fast-path events while they are turned off, and still records state changes", () => {
    // Scenario: with fastEvents off (setTracing(false)), writeCoarse adds
    // nothing; write() still records.
    const { writer, reader } = ring(512);
    writer.fastEvents = false;
    writer.writeCoarse(2, 0, 1);
    writer.write(5, 1, 3, 0);
    expect(drainAll(reader)).toEqual([[5, 1, 3, 0]]);
    writer.fastEvents = true;
    writer.writeCoarse(2, 0, 1);
    expect(drainAll(reader).map((e) => e[1])).toEqual([2]);
  });

  it("folds an uncontended lock's pairs within one coarse tick into one release that counts them", () => {
    // Scenario: 1,000 acquire/release pairs of lock 7 at coarse time 5, then
    // one at time 6, then a state change. Out come: acquire@5, release@5
    // with 999 pairs folded into it, acquire@6, release@6, the state change.
    // While the release is held back the ring says so (holding), and flush()
    // publishes it (what the drainer asks for through the eval-breaker).
    const { i32, writer, reader } = ring(64);
    const clock = new Float64Array(i32.buffer, 0, i32.length >> 1);
    const clockIndex = (ringWords(64) + 2) >> 1;
    clock[clockIndex] = 5;
    for (let k = 0; k < 1000; k++) {
      writer.lockAcquired(7);
      writer.lockReleased(7);
    }
    expect(drainAll(reader)).toEqual([[5, 2, 0, 7]]);
    expect(reader.holding()).toBe(true);
    writer.flush();
    expect(reader.holding()).toBe(false);
    expect(drainAll(reader)).toEqual([[5, 3, 999, 7]]);
    clock[clockIndex] = 6;
    writer.lockAcquired(7);
    writer.lockAcquired(7 + 1);
    writer.lockReleased(7 + 1);
    writer.lockReleased(7);
    writer.write(6.5, 1, 4, 0);
    expect(drainAll(reader)).toEqual([[6, 2, 0, 7], [6, 2, 0, 8], [6, 3, 0, 8], [6, 3, 0, 7], [6.5, 1, 4, 0]]);
  });

  it("never stamps a lock's acquire before its last release, whoever's clock ran ahead", () => {
    // Scenario: thread A's last precise stamp (10) runs ahead of the coarse
    // clock (5); it releases lock 7, stamped 10 before the lock is freed, and
    // the time is kept beside the lock. Thread B, whose own stamps are all
    // older, takes the lock: its acquire says 10, not the coarse 5 (drawn at
    // 5, B's hold would begin while A still held it), and its next event
    // does not go back before it.
    const words = 2 * ringWords(8) + 8;
    const i32 = new Int32Array(new SharedArrayBuffer(words * 4));
    const f64 = new Float64Array(i32.buffer);
    const clock = (words - 2) >> 1;
    const releasedAt = (words - 4) >> 1;
    initRing(i32, 2, 8);
    initRing(i32, 2 + ringWords(8), 8);
    const a = new RingWriter(i32, 2, 8, clock, SIGNALS);
    const b = new RingWriter(i32, 2 + ringWords(8), 8, clock, SIGNALS);
    f64[clock] = 5;
    a.write(10, 1, 1, 0);
    a.lockReleased(7, a.releaseTime(releasedAt));
    a.flush();
    b.lockAcquired(7, releasedAt);
    b.lockReleased(7, b.releaseTime(releasedAt));
    b.flush();
    expect(drainAll(new RingReader(i32, 2, 8))).toEqual([[10, 1, 1, 0], [10, 3, 0, 7]]);
    expect(drainAll(new RingReader(i32, 2 + ringWords(8), 8))).toEqual([[10, 2, 0, 7], [10, 3, 0, 7]]);
  });

  it("never stamps a coarse event before a line the thread printed (a precise stamp outside the ring)", () => {
    // Scenario: the coarse clock lags at 5; the thread prints at 7 (its
    // output ring, told to the trace ring by notBefore), then sends on a
    // pipe (a fast-path event): the send says 7, not 5, so it is not drawn
    // before the line that comes before it in the code.
    const { i32, writer, reader } = ring(8);
    const clock = (ringWords(8) + 2) >> 1;
    new Float64Array(i32.buffer)[clock] = 5;
    writer.writeCoarse(9, 0, 1);
    writer.notBefore(7);
    writer.writeCoarse(9, 0, 2);
    writer.notBefore(6);
    writer.writeCoarse(9, 0, 3);
    expect(drainAll(reader).map(([t, , , obj]) => [t, obj])).toEqual([[5, 1], [7, 2], [7, 3]]);
  });

  it("keeps a queue's stamp as a floor for the thread's later events, unless it is far past the coarse clock (the snippet can write it)", () => {
    // Scenario: the coarse clock at 5; a get stamped 5.2 by its queue (the
    // queue's last stamp came from a thread whose clock ran ahead) is a floor
    // for this thread's next event; a stamp of 1,000, which only a write of
    // the snippet's can give, is recorded as given but is no floor.
    const { i32, writer, reader } = ring(8);
    new Float64Array(i32.buffer)[(ringWords(8) + 2) >> 1] = 5;
    writer.writeCoarseAt(5.2, 9, 0, 1);
    writer.writeCoarse(9, 0, 2);
    writer.writeCoarseAt(1000, 9, 0, 3);
    writer.writeCoarse(9, 0, 4);
    expect(drainAll(reader).map(([t, , , obj]) => [t, obj])).toEqual([[5.2, 1], [5.2, 2], [1000, 3], [5.2, 4]]);
  });

  it("refuses a header that claims more unread events than the ring holds", () => {
    // Scenario: a snippet writes a huge `written` count into the header:
    // the reader throws RingCorrupt instead of reading garbage (or looping).
    const { i32, reader } = ring(8);
    Atomics.store(i32, 2, 1_000_000);
    expect(() => reader.pending()).toThrow(RingCorrupt);
    expect(() => new RingReader(i32, 2, 1 << 20)).toThrow(RingCorrupt);
  });

  it("neither skips nor draws twice events whose read slot the snippet moved, and takes back a count it set back", () => {
    // Scenario: events 0-2 are read one at a time while the snippet writes the
    // read slot past everything, then back to the start; then it sets the
    // written count back to what was read, as if nothing were pending, and
    // the thread ends. Every event comes out once, in order.
    const { i32, writer, reader } = ring(8);
    for (let k = 0; k < 3; k++) writer.write(k, 3, k, 0);
    const seen: number[] = [];
    const one = () => {
      const bytes = new Uint8Array(16);
      if (reader.drainInto(bytes, 0, 1) === 1) seen.push(new Float64Array(bytes.buffer)[0]);
    };
    one();
    Atomics.store(i32, 3, Atomics.load(i32, 2));
    one();
    Atomics.store(i32, 3, 0);
    one();
    writer.write(3, 3, 3, 0);
    Atomics.store(i32, 2, 3);
    expect(reader.pending()).toBe(0);
    writer.close();
    seen.push(...drainAll(reader).map(([t]) => t));
    expect(seen).toEqual([0, 1, 2, 3]);
    // Set below what was read: refused.
    Atomics.store(i32, 2, 1);
    expect(() => reader.pending()).toThrow(RingCorrupt);
  });

  it("writes back a read count set back to make the ring look full, even with nothing to read, and writes within the ring it was given", () => {
    // Scenario: everything was read; the snippet sets the read slot far back, so
    // the writer's next event would wait for room for ever. A pass with nothing
    // to read puts the count back. Then the capacity slot claims a wider ring:
    // the writer still wraps at the ring it was made with.
    const { i32, writer, reader } = ring(8);
    writer.write(1, 3, 0, 0);
    expect(drainAll(reader).length).toBe(1);
    Atomics.store(i32, 3, -20_000);
    expect(drainAll(reader).length).toBe(0);
    expect(Atomics.load(i32, 3)).toBe(1);

    // (Wider only while the writer is made: the reader would refuse the ring.)
    Atomics.store(i32, 2 + 3, 1 << 20);
    const wide = new RingWriter(i32, 2, 8, (ringWords(8) + 2) >> 1, SIGNALS);
    Atomics.store(i32, 2 + 3, 8);
    const past = i32.slice(2 + ringWords(8));
    const seen: number[] = [];
    for (let k = 0; k < 20; k++) {
      wide.write(k, 3, 0, 0);
      seen.push(...drainAll(reader).map(([t]) => t));
    }
    expect(seen).toEqual(Array.from({ length: 20 }, (_, k) => k));
    expect(Array.from(i32.slice(2 + ringWords(8))), "nothing written past the ring").toEqual(Array.from(past));
  });

  it("loses nothing to a concurrent writer faster than its reader: the writer waits", async () => {
    // Scenario: a worker thread writes 200,000 events (t = k, arg = k mod
    // 2^24, obj = k) as fast as it can into a ring of 256 while this thread
    // drains it now and then. Every event arrives, whole and in order, and
    // none is dropped: a full ring made the writer wait.
    const capacity = 256;
    const { i32, reader } = ring(capacity);
    const ringUrl = new URL("./ring.ts", import.meta.url).href;
    const tsx = import.meta.resolve("tsx/esm/api");
    const total = 200_000;
    const clock = (ringWords(capacity) + 2) >> 1;
    const source = `
      const { workerData, parentPort } = require("node:worker_threads");
      import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(ringUrl)}); }).then(({ RingWriter }) => {
        const w = new RingWriter(new Int32Array(workerData.sab), 2, ${capacity}, ${clock}, ${JSON.stringify(SIGNALS)});
        for (let k = 0; k < ${total}; k++) w.write(k, 2, k & 0xffffff, k);
        parentPort.postMessage("done");
      });`;
    const worker = new Worker(source, { eval: true, workerData: { sab: i32.buffer } });
    workers.push(worker);
    let finished = false;
    worker.once("message", () => (finished = true));
    let read = 0;
    let last = -1;
    let bad = 0;
    const bytes = new Uint8Array(capacity * EVENT_BYTES);
    const f64 = new Float64Array(bytes.buffer);
    const words = new Int32Array(bytes.buffer);
    const drain = () => {
      const n = reader.drainInto(bytes, 0, capacity);
      for (let k = 0; k < n; k++) {
        const t = f64[k * 2];
        const word = words[k * 4 + 2];
        if (word >>> 24 !== 2 || words[k * 4 + 3] !== t || (word & 0xffffff) !== (t & 0xffffff) || t !== last + 1) bad++;
        last = t;
      }
      read += n;
    };
    while (!finished) {
      drain();
      await new Promise((r) => setTimeout(r, 1));
    }
    drain();
    expect(bad).toBe(0);
    expect(reader.dropped()).toBe(0);
    expect(read).toBe(total);
  });
});
