// Scenarios for the trace ring (ring.ts): wrap-around, overflow that drops
// and counts instead of overwriting, and a real concurrent writer (a Node
// worker thread) racing a reader that drains while it writes.

import { afterEach, describe, expect, it } from "vitest";
import { Worker } from "node:worker_threads";
import { RingReader, RingWriter, initRing, ringWords } from "./ring";

function ring(capacity: number) {
  const i32 = new Int32Array(new SharedArrayBuffer((ringWords(capacity) + 2) * 4));
  initRing(i32, 2, capacity);
  return { i32, writer: new RingWriter(i32, 2), reader: new RingReader(i32, 2) };
}

function drainAll(reader: RingReader): number[][] {
  const out: number[][] = [];
  reader.drain((t, kind, arg, obj) => out.push([t, kind, arg, obj]));
  return out;
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

  it("drops and counts what does not fit, never overwriting unread events", () => {
    // Scenario: 20 events into a ring of 8 with no reader: the first 8 stay,
    // 12 are counted as dropped; after a drain there is room again.
    const { writer, reader } = ring(8);
    for (let k = 0; k < 20; k++) writer.write(k, 1, k, 0);
    expect(reader.dropped()).toBe(12);
    expect(drainAll(reader).map((e) => e[2])).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    writer.write(99, 1, 99, 0);
    expect(drainAll(reader).map((e) => e[2])).toEqual([99]);
  });

  it("records no fast-path events while they are turned off, and still records state changes", () => {
    // Scenario: with fastEvents off (setTracing(false)), writeCoarse adds
    // nothing and counts nothing as dropped; write() still records. (The
    // ring is larger than the slots kept free for state changes.)
    const { writer, reader } = ring(512);
    writer.fastEvents = false;
    writer.writeCoarse(2, 0, 1);
    writer.write(5, 1, 3, 0);
    expect(drainAll(reader)).toEqual([[5, 1, 3, 0]]);
    expect(reader.dropped()).toBe(0);
    writer.fastEvents = true;
    writer.writeCoarse(2, 0, 1);
    expect(drainAll(reader).map((e) => e[1])).toEqual([2]);
  });

  it("survives a concurrent writer: nothing torn, nothing reordered, every event read or counted", async () => {
    // Scenario: a worker thread writes 200,000 events (t = k, arg = k mod
    // 2^24, obj = k) as fast as it can into a ring of 256 while this thread
    // drains it in a loop. Each event read is whole (its three fields agree)
    // and events come out in increasing k; read + dropped = written.
    const capacity = 256;
    const i32 = new Int32Array(new SharedArrayBuffer((ringWords(capacity) + 2) * 4));
    initRing(i32, 2, capacity);
    const reader = new RingReader(i32, 2);
    const ringUrl = new URL("./ring.ts", import.meta.url).href;
    const tsx = import.meta.resolve("tsx/esm/api");
    const total = 200_000;
    const source = `
      const { workerData, parentPort } = require("node:worker_threads");
      import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(ringUrl)}); }).then(({ RingWriter }) => {
        const w = new RingWriter(new Int32Array(workerData.sab), 2);
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
    const visit = (t: number, kind: number, arg: number, obj: number) => {
      if (kind !== 2 || obj !== t || arg !== (t & 0xffffff) || t <= last) bad++;
      last = t;
      read++;
    };
    while (!finished) {
      reader.drain(visit);
      await new Promise((r) => setImmediate(r));
    }
    reader.drain(visit);
    expect(bad).toBe(0);
    expect(read + reader.dropped()).toBe(total);
    expect(read).toBeGreaterThan(0);
  });
});
