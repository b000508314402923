// Test and bench harness for queues and pipes: real Node worker_threads
// sharing one SharedArrayBuffer, as test-workers.ts does for locks (same
// boot: a tiny eval'd script registers tsx's loader, then imports this
// file). Each `QueuePuppet` runs one operation per message, synchronously,
// and replies with its result, how long it took and how often onBlock ran;
// values cross as the test passes them and are encoded with value-codec in
// the worker, exactly as the API layer does.

import { parentPort, Worker, workerData, type MessagePort } from "node:worker_threads";
import { decode, encodeInto } from "../base/value-codec";
import { PipeEnd } from "./pipe-core";
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

export interface QueueReply {
  value: unknown;
  elapsedMs: number;
  blocks: number;
}

// ---- worker side -----------------------------------------------------------

function serve(i32: Int32Array, ident: number): void {
  const port = parentPort!;
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
  const gateOf = (gate: number, parties: number) => {
    const arrived = Atomics.add(i32, gate, 1) + 1;
    if (arrived === parties) Atomics.notify(i32, gate);
    for (let v = arrived; v < parties; v = Atomics.load(i32, gate)) Atomics.wait(i32, gate, v);
  };
  const result = (len: number, bytes: () => Uint8Array) =>
    len === TIMED_OUT ? { code: "timeout" } : len === CLOSED ? { code: "closed" } : { item: decode(bytes(), 0, len) };

  port.on("message", async ({ id, op }: { id: number; op: QueueOp }) => {
    let blocks = 0;
    const onBlock = () => {
      blocks++;
      port.postMessage({ id, blocked: true });
    };
    const countBlock = () => blocks++;
    const t0 = performance.now();
    try {
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
          gateOf(op.gate, op.parties);
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
          gateOf(op.gate, op.parties);
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
        case "postReceive": {
          await new Promise<void>((resolve) => {
            let n = 0;
            op.port.on("message", () => {
              if (++n === op.count) resolve();
            });
          });
          op.port.close();
          value = op.count;
          break;
        }
      }
      port.postMessage({ id, reply: { value, elapsedMs: performance.now() - t0, blocks } });
    } catch (e) {
      port.postMessage({ id, error: { name: (e as Error).name, message: (e as Error).message } });
    }
  });
  port.postMessage({ ready: true });
}

if (parentPort && (workerData as { queueHarness?: boolean } | null)?.queueHarness) {
  const data = workerData as { sab: SharedArrayBuffer; ident: number };
  serve(new Int32Array(data.sab), data.ident);
}

// ---- test side -------------------------------------------------------------

const live = new Set<Worker>();

export class QueuePuppet {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: QueueReply) => void; reject: (e: Error) => void }>();
  private blockWaiters: (() => void)[] = [];

  private constructor(private readonly worker: Worker) {}

  static start(sab: SharedArrayBuffer, ident: number): Promise<QueuePuppet> {
    const tsxApi = import.meta.resolve("tsx/esm/api");
    const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); });`;
    const worker = new Worker(boot, { eval: true, workerData: { queueHarness: true, sab, ident } });
    live.add(worker);
    const puppet = new QueuePuppet(worker);
    return new Promise((resolve, reject) => {
      worker.on("error", (e: unknown) => {
        const error = e instanceof Error ? e : new Error(String(e));
        reject(error);
        for (const p of puppet.pending.values()) p.reject(error);
      });
      worker.on("message", (m: { ready?: true; id: number; blocked?: true; reply?: QueueReply; error?: { name: string; message: string } }) => {
        if (m.ready) return resolve(puppet);
        if (m.blocked) {
          const waiters = puppet.blockWaiters;
          puppet.blockWaiters = [];
          for (const w of waiters) w();
          return;
        }
        const p = puppet.pending.get(m.id)!;
        puppet.pending.delete(m.id);
        if (m.reply) p.resolve(m.reply);
        else p.reject(Object.assign(new Error(m.error!.message), { name: m.error!.name }));
      });
    });
  }

  /** Sends one operation; resolves with its reply, rejects with the worker's error. */
  run(op: QueueOp, transfer: MessagePort[] = []): Promise<QueueReply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, op }, transfer);
    });
  }

  queue(base: number, method: string, ...args: unknown[]): Promise<QueueReply> {
    return this.run({ op: "queue", base, method, args });
  }

  pipe(base: number, end: 0 | 1, method: string, ...args: unknown[]): Promise<QueueReply> {
    return this.run({ op: "pipe", base, end, method, args });
  }

  /** Resolves when this puppet next calls onBlock (it is about to sleep). */
  nextBlock(): Promise<void> {
    return new Promise((resolve) => this.blockWaiters.push(resolve));
  }
}

/** `n` puppets with idents 1..n. */
export function startQueuePuppets(sab: SharedArrayBuffer, n: number): Promise<QueuePuppet[]> {
  return Promise.all(Array.from({ length: n }, (_, k) => QueuePuppet.start(sab, k + 1)));
}

/** For afterEach: ends every worker, including ones still blocked. */
export async function stopQueuePuppets(): Promise<void> {
  await Promise.all([...live].map((w) => w.terminate()));
  live.clear();
}
