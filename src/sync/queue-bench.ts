// Not a test: the value codec's ns per encode and decode in one thread
// (against structuredClone), then items per second through a FIFO QueueCore
// between two Node worker threads (one producer, one consumer, each item
// encoded and decoded as the API layer does), for small ints and for small
// objects { id, name, tags }, against postMessage one-way messages per
// second of the same values between two workers over a MessageChannel. The
// goal (bench case queue.ints.ops) is the queue at >= 10x the browser's
// postMessage for small ints; Node's postMessage is several times faster
// than Chromium's, so the ratio printed here understates the browser's.
// Run: npx tsx src/sync/queue-bench.ts
// Each figure is the median of ROUNDS rounds, timed from the start of both
// sides to the end of the slower one, after a warm-up round.

import { MessageChannel } from "node:worker_threads";
import { decode, encodeInto } from "../base/value-codec";
import { SharedHeap } from "./heap";
import { QUEUE_HEADER_WORDS, QueueCore, QueueOrder } from "./queue-core";
import { BLOCK_HEADER_WORDS, Blocks } from "./blocks";
import { startQueuePuppets, stopQueuePuppets, type QueuePuppet } from "./test-workers-queue";

const ROUNDS = 7;
const BUFFER_BYTES = 64 * 1024;
const heap = SharedHeap.create(4 << 20);
const [producer, consumer] = await startQueuePuppets(heap.buffer, 2);

const blocks = new Blocks(heap, heap.alloc(BLOCK_HEADER_WORDS, 2));

function newQueue(): number {
  const base = heap.alloc(QUEUE_HEADER_WORDS, 2);
  QueueCore.init(heap.i32, base, QueueOrder.Fifo, 0, BUFFER_BYTES, blocks, false);
  return base;
}

async function timeQueue(items: "ints" | "objects", count: number): Promise<number> {
  const base = newQueue();
  const t0 = performance.now();
  await Promise.all([
    producer.run({ op: "benchPut", base, count, items }),
    consumer.run({ op: "benchGet", base, count }),
  ]);
  return count / ((performance.now() - t0) / 1000);
}

async function timePostMessage(a: QueuePuppet, b: QueuePuppet, items: "ints" | "objects", count: number): Promise<number> {
  const { port1, port2 } = new MessageChannel();
  const received = b.run({ op: "postReceive", port: port2, count }, [port2]);
  const t0 = performance.now();
  await a.run({ op: "postSend", port: port1, count, items }, [port1]);
  await received;
  return count / ((performance.now() - t0) / 1000);
}

async function median(measure: () => Promise<number>): Promise<number> {
  await measure(); // warm-up: lets V8 optimise both sides
  const samples: number[] = [];
  for (let r = 0; r < ROUNDS; r++) samples.push(await measure());
  return samples.sort((x, y) => x - y)[ROUNDS >> 1];
}

/** Best of 15 rounds of `n` calls, in ns per call (the best is the least disturbed by other load). */
function nsPerCall(n: number, call: (k: number) => unknown): number {
  let best = Infinity;
  let sink = 0;
  for (let r = 0; r < 15; r++) {
    const t0 = performance.now();
    for (let k = 0; k < n; k++) if (call(k) !== undefined) sink++;
    best = Math.min(best, ((performance.now() - t0) * 1e6) / n);
  }
  return sink >= 0 ? best : NaN;
}

const codecBytes = new Uint8Array(256);
const codecCases: [string, (k: number) => unknown][] = [
  ["small int", (k) => k & 0x7f],
  ["int32", (k) => 100_000 + k],
  ["{ id, name, tags }", (k) => ({ id: k, name: `item-${k}`, tags: ["red", "small"] })],
];
for (const [name, make] of codecCases) {
  const values = Array.from({ length: 1024 }, (_, k) => make(k));
  const enc = nsPerCall(100_000, (k) => encodeInto(values[k & 1023], codecBytes));
  const len = encodeInto(values[1000], codecBytes);
  const dec = nsPerCall(100_000, () => decode(codecBytes, 0, len));
  const clone = nsPerCall(20_000, (k) => structuredClone(values[k & 1023]));
  console.log(`codec ${name.padEnd(19)} ${String(len).padStart(2)} bytes  encode ${enc.toFixed(0).padStart(3)} ns  decode ${dec.toFixed(0).padStart(3)} ns  (structuredClone ${clone.toFixed(0)} ns)`);
}

const fmt = (perSecond: number) => `${(perSecond / 1e6).toFixed(2)}M/s`.padStart(9);
const ints = await median(() => timeQueue("ints", 1_000_000));
const objects = await median(() => timeQueue("objects", 200_000));
const postInts = await median(() => timePostMessage(producer, consumer, "ints", 200_000));
const postObjects = await median(() => timePostMessage(producer, consumer, "objects", 200_000));
console.log(`                          Queue       postMessage (one-way)`);
console.log(`small ints                ${fmt(ints)}   ${fmt(postInts)}   ${(ints / postInts).toFixed(1)}x`);
console.log(`{ id, name, tags }        ${fmt(objects)}   ${fmt(postObjects)}   ${(objects / postObjects).toFixed(1)}x`);
await stopQueuePuppets();
