// Scenarios for the print ring (output-ring.ts): records of any length wrap
// around intact, and a writer that outpaces the reader waits for room
// instead of losing or overwriting lines (a real worker thread writes).

import { afterEach, describe, expect, it } from "vitest";
import { Worker } from "node:worker_threads";
import { OutputCorrupt, OutputReader, OutputWriter, initOutputRing, outputRingWords } from "./output-ring";

function ring(capacity: number) {
  const i32 = new Int32Array(new SharedArrayBuffer((outputRingWords(capacity) + 2) * 4));
  initOutputRing(i32, 2, capacity);
  return { i32, writer: new OutputWriter(i32, 2, capacity), reader: new OutputReader(i32, 2, capacity) };
}

const workers: Worker[] = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.terminate()));
});

describe("output ring", () => {
  it("carries lines of many lengths, unicode included, across wrap-arounds", () => {
    // Scenario: 500 lines of 0..40 characters (some CJK) through a 256-word
    // ring, drained every few lines: all arrive in order with stream and time.
    const { writer, reader } = ring(256);
    const sent: string[] = [];
    const got: string[] = [];
    for (let k = 0; k < 500; k++) {
      const text = `${k}:` + "线程x".repeat(k % 14);
      sent.push(text);
      writer.write(text, k % 2, k * 1.5);
      if (k % 3 === 0) reader.drain((r) => { got.push(r.text); expect(r.stream).toBe(Number(r.text.split(":")[0]) % 2); });
    }
    reader.drain((r) => got.push(r.text));
    expect(got).toEqual(sent);
  });

  it("a closed writer (its thread ended) writes nothing: its lines cannot land in the ring of the slot's next thread", () => {
    const { writer, reader } = ring(64);
    writer.write("before", 0, 1);
    writer.close();
    writer.write("after", 0, 2);
    const got: string[] = [];
    reader.drain((r) => got.push(r.text));
    expect(got).toEqual(["before"]);
    expect(writer.lateLines, "the refused line is counted").toBe(1);
  });

  it("writes nothing once its ring is no longer its thread's (its worker terminated, the slot given to another thread)", () => {
    const i32 = new Int32Array(new SharedArrayBuffer((outputRingWords(64) + 2) * 4));
    initOutputRing(i32, 2, 64);
    let mine = true;
    const writer = new OutputWriter(i32, 2, 64, () => {}, () => mine);
    writer.write("mine", 0, 0);
    mine = false;
    initOutputRing(i32, 2, 64);
    writer.write("not mine", 0, 1);
    const got: string[] = [];
    new OutputReader(i32, 2, 64).drain((r) => got.push(r.text));
    expect(got).toEqual([]);
    expect(writer.lateLines).toBe(1);
  });

  it("cuts a line longer than half the ring, saying so", () => {
    // Scenario: a 10,000-character line into a 256-word ring arrives cut,
    // with a note of its real length.
    const { writer, reader } = ring(256);
    writer.write("y".repeat(10_000), 0, 0);
    const got: string[] = [];
    reader.drain((r) => got.push(r.text));
    expect(got[0]).toMatch(/^y+ \.\.\. \[line cut: 10000 characters\]$/);
  });

  it("refuses records the snippet forged: a bad length, a head past what fits", () => {
    // Scenario: the attack of issue 10, item 1: a negative length is written
    // into the next record and the head bumped. The reader throws
    // OutputCorrupt at once instead of looping forever; so it does for a
    // head that claims more words than the ring holds.
    const { i32, reader } = ring(256);
    i32[2 + 4] = -20;
    Atomics.store(i32, 2, 8);
    expect(() => reader.drain(() => {})).toThrow(OutputCorrupt);
    Atomics.store(i32, 2, 100_000);
    expect(() => reader.drain(() => {})).toThrow(OutputCorrupt);
  });

  it("carries the name a renamed thread printed under, beside its text and stream, and refuses a name longer than its record", () => {
    const { i32, writer, reader } = ring(256);
    writer.write("before", 0, 1);
    writer.write("after", 1, 2, "工人-1");
    writer.write("x".repeat(600), 0, 3, "worker");
    const got: { text: string; stream: number; name?: string }[] = [];
    reader.drain((r) => got.push({ text: r.text, stream: r.stream, ...(r.name !== undefined ? { name: r.name } : {}) }));
    expect(got.slice(0, 2)).toEqual([{ text: "before", stream: 0 }, { text: "after", stream: 1, name: "工人-1" }]);
    // (A line cut to fit the ring keeps its name whole.)
    expect(got[2].name).toBe("worker");
    expect(got[2].text).toContain("[line cut: 600 characters]");
    // Forged: a name of 9 bytes in a record of 4.
    writer.write("abcd", 0, 4);
    const at = 2 + 4 + (Atomics.load(i32, 2) - 4 - 2) % 256;
    i32[at + 1] = 9 << 1;
    expect(() => reader.drain(() => {})).toThrow(/name is longer than the record \(9 of 4 bytes\)/);
  });

  it("loses no line to a head the snippet set back: the next line, or the thread's end, writes it again", () => {
    // Scenario: the attack of the last stop's open item: lines are printed,
    // then the snippet writes the head slot back to where the reader is, as
    // if nothing were pending, and the thread prints again, or ends.
    const { i32, writer, reader } = ring(256);
    const got: string[] = [];
    writer.write("a", 0, 1);
    writer.write("b", 0, 2);
    Atomics.store(i32, 2, 0);
    expect(reader.drain((r) => got.push(r.text))).toBe(0);
    writer.write("c", 0, 3);
    reader.drain((r) => got.push(r.text));
    expect(got).toEqual(["a", "b", "c"]);

    writer.write("d", 0, 4);
    Atomics.store(i32, 2, Atomics.load(i32, 3));
    writer.close();
    reader.drain((r) => got.push(r.text));
    expect(got).toEqual(["a", "b", "c", "d"]);
  });

  it("neither skips nor repeats lines for a tail the snippet moved", () => {
    const { i32, writer, reader } = ring(256);
    for (const text of ["a", "b", "c"]) writer.write(text, 0, 0);
    const got: string[] = [];
    reader.drain((r) => got.push(r.text), 1);
    // Past everything (skip "b" and "c"), then back to the start (read "a" again).
    Atomics.store(i32, 3, Atomics.load(i32, 2));
    reader.drain((r) => got.push(r.text), 1);
    Atomics.store(i32, 3, 0);
    reader.drain((r) => got.push(r.text));
    expect(got).toEqual(["a", "b", "c"]);
    expect(Atomics.load(i32, 3), "the reader's own count, published").toBe(Atomics.load(i32, 2));
  });

  it("says a head set below what was read is corrupt, and writes where the ring was made whatever its capacity slot says", () => {
    const { i32, writer, reader } = ring(64);
    writer.write("a", 0, 0);
    reader.drain(() => {});
    Atomics.store(i32, 2, -8);
    expect(() => reader.drain(() => {})).toThrow(OutputCorrupt);

    const words = outputRingWords(64) + 2;
    const guarded = new Int32Array(new SharedArrayBuffer((words + 64) * 4));
    initOutputRing(guarded, 2, 64);
    // (The slot says otherwise only while the writer is made: the reader would refuse the ring.)
    guarded[4] = 1 << 20;
    const w = new OutputWriter(guarded, 2, 64);
    guarded[4] = 64;
    const r = new OutputReader(guarded, 2, 64);
    for (let k = 0; k < 40; k++) {
      w.write("x".repeat(40), 0, 0);
      r.drain(() => {});
    }
    expect(Array.from(guarded.subarray(words)).every((v) => v === 0), "nothing written past the ring").toBe(true);
  });

  it("makes a fast writer wait for the reader, losing nothing", async () => {
    // Scenario: a worker prints 20,000 numbered lines into a 128-word ring
    // (a few lines fit); this thread drains slowly. Every line arrives once,
    // in order, so the writer must have waited whenever the ring was full.
    const { i32, reader } = ring(128);
    const url = new URL("./output-ring.ts", import.meta.url).href;
    const tsx = import.meta.resolve("tsx/esm/api");
    const source = `
      const { workerData, parentPort } = require("node:worker_threads");
      import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(url)}); }).then(({ OutputWriter }) => {
        const w = new OutputWriter(new Int32Array(workerData.sab), 2, 128);
        for (let k = 0; k < 20000; k++) w.write("line " + k, 0, k);
        parentPort.postMessage("done");
      });`;
    const worker = new Worker(source, { eval: true, workerData: { sab: i32.buffer } });
    workers.push(worker);
    let finished = false;
    worker.once("message", () => (finished = true));
    const got: number[] = [];
    while (!finished || got.length < 20000) {
      reader.drain((r) => got.push(Number(r.text.slice(5))), 7);
      await new Promise((r) => setImmediate(r));
      if (finished && got.length >= 20000) break;
    }
    expect(got.length).toBe(20000);
    expect(got.every((v, k) => v === k)).toBe(true);
  });
});
