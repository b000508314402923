// Not a test: items per second through a FIFO QueueCore between two Node
// worker threads (one producer, one consumer, each item encoded and decoded
// with value-codec as the API layer does), for small ints and for small
// objects { id, name, tags }, against postMessage one-way messages per
// second between two workers over a MessageChannel. The goal (bench case
// queue.ints.ops) is the queue at >= 10x postMessage for small ints.
// Run: npx tsx src/sync/queue-bench.ts
// Each figure is the median of ROUNDS rounds, timed from the start of both
// sides to the end of the slower one, after a warm-up round.

import { MessageChannel } from "node:worker_threads";
import { SharedHeap } from "./heap";
import { QueueCore, QueueOrder } from "./queue-core";
import { startQueuePuppets, stopQueuePuppets, type QueuePuppet } from "./test-workers-queue";

const ROUNDS = 7;
const BUFFER_BYTES = 64 * 1024;
const heap = SharedHeap.create(4 << 20);
const [producer, consumer] = await startQueuePuppets(heap.buffer, 2);

function newQueue(): number {
  const base = heap.alloc(QueueCore.words(BUFFER_BYTES), 2);
  QueueCore.init(heap.i32, base, QueueOrder.Fifo, 0, BUFFER_BYTES);
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

async function timePostMessage(a: QueuePuppet, b: QueuePuppet, count: number): Promise<number> {
  const { port1, port2 } = new MessageChannel();
  const received = b.run({ op: "postReceive", port: port2, count }, [port2]);
  const t0 = performance.now();
  await a.run({ op: "postSend", port: port1, count }, [port1]);
  await received;
  return count / ((performance.now() - t0) / 1000);
}

async function median(measure: () => Promise<number>): Promise<number> {
  await measure(); // warm-up: lets V8 optimise both sides
  const samples: number[] = [];
  for (let r = 0; r < ROUNDS; r++) samples.push(await measure());
  return samples.sort((x, y) => x - y)[ROUNDS >> 1];
}

const fmt = (perSecond: number) => `${(perSecond / 1e6).toFixed(2)}M/s`.padStart(9);
const ints = await median(() => timeQueue("ints", 1_000_000));
const objects = await median(() => timeQueue("objects", 200_000));
const posts = await median(() => timePostMessage(producer, consumer, 200_000));
console.log(`Queue, small ints        ${fmt(ints)}  ${(ints / posts).toFixed(1)}x postMessage`);
console.log(`Queue, { id, name, tags } ${fmt(objects)}  ${(objects / posts).toFixed(1)}x postMessage`);
console.log(`postMessage one-way      ${fmt(posts)}`);
await stopQueuePuppets();
