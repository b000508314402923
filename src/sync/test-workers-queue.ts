// Test and bench harness for queues and pipes: puppets (puppet.ts: real
// worker_threads sharing one SharedArrayBuffer) that run the operations
// below and reply with their result, how long they took and how often
// onBlock ran; values cross as the test passes them and are encoded with
// value-codec in the worker, exactly as the API layer does.
//
// This file is both ends: imported by a test or bench it exports
// QueuePuppet; loaded in a worker (workerData.queueHarness) it serves
// requests.

import type { MessagePort } from "node:worker_threads";
import { decode, encodeInto } from "../base/value-codec";
import { PipeEnd } from "./pipe-core";
import { Harness, Puppet, startAll, startGate, type BaseReply, type OpHandler } from "./puppet";
import { CLOSED, QueueCore, TIMED_OUT } from "./queue-core";
import { compareEncoded } from "./queue-order";
import { sleepMs } from "./sleep";

export type QueueOp =
  /** QueueCore method: put(value, timeoutMs?) | get(timeoutMs?) | poll | qsize | taskDone | join | close */
  | { op: "queue"; base: number; method: string; args?: unknown[]; delayMs?: number }
  /** PipeEnd method: send(value, timeoutMs?) | recv(timeoutMs?) | poll(timeoutMs?) | close | closed */
  | { op: "pipe"; base: number; end: 0 | 1; method: string; args?: unknown[]; delayMs?: number }
  /** after a start gate: put [producer, seq] for seq = 0 .. count-1 */
  | { op: "produce"; base: number; producer: number; count: number; gate: number; parties: number }
  /** get until `stops` nulls arrived; returns the [producer, seq] items in arrival order */
  | { op: "consume"; base: number; stops: number; gate: number; parties: number }
  /** bench: put `count` items (small ints, or small objects) as fast as possible */
  | { op: "benchPut"; base: number; count: number; items: "ints" | "objects" }
  /** bench: get `count` items and decode them */
  | { op: "benchGet"; base: number; count: number }
  /** bench: post `count` messages (small ints, or small objects) on `port` */
  | { op: "postSend"; port: MessagePort; count: number; items: "ints" | "objects" }
  /** bench: receive `count` messages on `port`, then reply */
  | { op: "postReceive"; port: MessagePort; count: number };

export type QueueReply = BaseReply;

// ---- worker side -----------------------------------------------------------

const harness = new Harness<QueueOp, QueueReply>(import.meta.url, "queueHarness");

function ops(i32: Int32Array, ident: number): OpHandler<QueueOp, QueueReply> {
  const queues = new Map<number, QueueCore>();
  const ends = new Map<string, PipeEnd>();
  let scratch = new Uint8Array(1 << 16);
  const queue = (base: number) => {
    let q = queues.get(base);
    if (!q) queues.set(base, (q = new QueueCore(i32, base, ident, compareEncoded)));
    return q;
  };
  const pipeEnd = (base: number, end: 0 | 1) => {
    let e = ends.get(`${base}:${end}`);
    if (!e) ends.set(`${base}:${end}`, (e = new PipeEnd(i32, base, end, ident)));
    return e;
  };
  const enc = (value: unknown) => {
    for (;;) {
      const len = encodeInto(value, scratch);
      if (len >= 0) return len;
      scratch = new Uint8Array(scratch.length * 4);
    }
  };
  const result = (len: number, bytes: () => Uint8Array) =>
    len === TIMED_OUT ? { code: "timeout" } : len === CLOSED ? { code: "closed" } : { item: decode(bytes(), 0, len) };

  /** postReceive: the one op that awaits (its messages), so the only reply that comes asynchronously */
  const receive = async (port: MessagePort, count: number) => {
    await new Promise<void>((resolve) => {
      let n = 0;
      port.on("message", () => {
        if (++n === count) resolve();
      });
    });
    port.close();
    return count;
  };

  return (op, onBlock, tally) => {
    const countBlock = () => tally.blocks++;
    let value: unknown;
    if ((op.op === "queue" || op.op === "pipe") && op.delayMs) sleepMs(op.delayMs);
    switch (op.op) {
      case "queue": {
        const q = queue(op.base);
        const [a, b] = op.args ?? [];
        switch (op.method) {
          case "put": value = q.put(scratch, enc(a), (b as number | undefined) ?? Infinity, onBlock); break;
          case "putBytes": value = q.put(new Uint8Array(a as number), a as number, (b as number | undefined) ?? Infinity, onBlock); break;
          case "get": value = result(q.get((a as number | undefined) ?? Infinity, onBlock), () => q.received); break;
          case "poll": value = q.poll(a as number, onBlock); break;
          case "join": value = q.join((a as number | undefined) ?? Infinity, onBlock); break;
          default: value = (q as unknown as Record<string, () => unknown>)[op.method]();
        }
        break;
      }
      case "pipe": {
        const e = pipeEnd(op.base, op.end);
        const [a, b] = op.args ?? [];
        switch (op.method) {
          case "send": value = e.send(scratch, enc(a), (b as number | undefined) ?? Infinity, onBlock); break;
          case "recv": value = result(e.recv((a as number | undefined) ?? Infinity, onBlock), () => e.received); break;
          case "poll": value = e.poll(a as number | undefined, onBlock); break;
          default: value = (e as unknown as Record<string, () => unknown>)[op.method]();
        }
        break;
      }
      case "produce": {
        const q = queue(op.base);
        const item: [number, number] = [op.producer, 0];
        startGate(i32, op.gate, op.parties);
        for (let seq = 0; seq < op.count; seq++) {
          item[1] = seq;
          q.put(scratch, enc(item));
        }
        value = op.count;
        break;
      }
      case "consume": {
        const q = queue(op.base);
        const got: unknown[] = [];
        startGate(i32, op.gate, op.parties);
        for (let stops = 0; stops < op.stops; ) {
          const item = decode(q.received, 0, q.get());
          if (item === null) stops++;
          else got.push(item);
        }
        value = got;
        break;
      }
      case "benchPut": {
        const q = queue(op.base);
        const obj = { id: 0, name: "", tags: ["red", "small"] };
        for (let k = 0; k < op.count; k++) {
          let len: number;
          if (op.items === "ints") len = encodeInto(k & 0x7f, scratch);
          else {
            obj.id = k;
            obj.name = `item-${k}`;
            len = encodeInto(obj, scratch);
          }
          q.put(scratch, len, Infinity, countBlock);
        }
        value = op.count;
        break;
      }
      case "benchGet": {
        const q = queue(op.base);
        let sink = 0;
        for (let k = 0; k < op.count; k++) {
          const item = decode(q.received, 0, q.get(Infinity, countBlock));
          if (item !== undefined) sink++;
        }
        value = sink;
        break;
      }
      case "postSend": {
        if (op.items === "ints") for (let k = 0; k < op.count; k++) op.port.postMessage(k & 0x7f);
        else for (let k = 0; k < op.count; k++) op.port.postMessage({ id: k, name: `item-${k}`, tags: ["red", "small"] });
        value = op.count;
        break;
      }
      case "postReceive":
        return receive(op.port, op.count);
    }
    return value;
  };
}

harness.serve(({ sab, ident }: { sab: SharedArrayBuffer; ident: number }) => ops(new Int32Array(sab), ident));

// ---- test side -------------------------------------------------------------

export class QueuePuppet extends Puppet<QueueOp, QueueReply> {
  static start(sab: SharedArrayBuffer, ident: number): Promise<QueuePuppet> {
    return new QueuePuppet(harness, { sab, ident }).started();
  }

  queue(base: number, method: string, ...args: unknown[]): Promise<QueueReply> {
    return this.run({ op: "queue", base, method, args });
  }

  pipe(base: number, end: 0 | 1, method: string, ...args: unknown[]): Promise<QueueReply> {
    return this.run({ op: "pipe", base, end, method, args });
  }
}

/** `n` puppets with idents 1..n. */
export function startQueuePuppets(sab: SharedArrayBuffer, n: number): Promise<QueuePuppet[]> {
  return startAll(n, (k) => QueuePuppet.start(sab, k + 1));
}

/** For afterEach: ends every worker, including ones still blocked. */
export function stopQueuePuppets(): Promise<void> {
  return harness.stop();
}
