// Test harness: real Node worker_threads sharing one SharedArrayBuffer, so
// the sync tests race for real (2 cores here). Each `Puppet` is a worker that
// runs one operation per message, synchronously, and replies with its result,
// how long it took, and whether it went to sleep (onBlock). While a puppet is
// blocked in Atomics.wait its replies wait too; the test awaits them.
//
// This file is both ends: imported by a test it exports Puppet; loaded in a
// worker (workerData.syncHarness) it serves requests. Node 20 ignores
// `--import tsx` in a worker's execArgv, so the worker boots from a tiny
// eval'd script that registers tsx's loader and then imports this file.

import { parentPort, Worker, workerData } from "node:worker_threads";
import { SharedHeap } from "./heap";
import { Lock } from "./lock";
import { Mutex } from "./mutex";
import { RLock } from "./rlock";
import { sleepMs, waitWhileEquals } from "./sleep";

export type Kind = "Mutex" | "Lock" | "RLock";

export type Op =
  /** primitive method call; `acquire`/`restore` get an onBlock appended */
  | { op: "call"; kind: Kind; base: number; method: string; args?: unknown[] }
  /** after a start gate, `iterations` x (lock `depth` times, cell++, unlock) */
  | { op: "count"; kind: Kind; base: number; cell: number; iterations: number; ident: number; depth?: number; gate: number; parties: number }
  /** while holding the lock: `rounds` x (release, re-acquire, hold it `holdMs`) */
  | { op: "churn"; kind: Kind; base: number; ident: number; rounds: number; holdMs: number }
  /** after a start gate, allocate `count` random blocks (or until full), fill each with `tag` */
  | { op: "heapAlloc"; count: number; seed: number; tag: number; gate: number; parties: number }
  | { op: "sleep"; ms: number }
  | { op: "waitWhileEquals"; index: number; value: number; timeoutMs: number };

export interface Reply {
  value: unknown;
  elapsedMs: number;
  /** how many times onBlock ran during this op */
  blocks: number;
}

// ---- worker side -----------------------------------------------------------

type Primitive = Mutex | Lock | RLock;

function serve(i32: Int32Array): void {
  const port = parentPort!;
  const primitives = new Map<string, Primitive>();
  const get = (kind: Kind, base: number): Primitive => {
    const key = `${kind}@${base}`;
    let p = primitives.get(key);
    if (!p) primitives.set(key, (p = new { Mutex, Lock, RLock }[kind](i32, base)));
    return p;
  };
  const startGate = (gate: number, parties: number) => {
    const arrived = Atomics.add(i32, gate, 1) + 1;
    if (arrived === parties) Atomics.notify(i32, gate);
    for (let v = arrived; v < parties; v = Atomics.load(i32, gate)) Atomics.wait(i32, gate, v);
  };

  port.on("message", ({ id, op }: { id: number; op: Op }) => {
    let blocks = 0;
    const onBlock = () => {
      blocks++;
      port.postMessage({ id, blocked: true });
    };
    const t0 = performance.now();
    try {
      let value: unknown;
      switch (op.op) {
        case "call": {
          const target = get(op.kind, op.base) as unknown as Record<string, (...a: unknown[]) => unknown>;
          const args = [...(op.args ?? [])];
          if (op.method === "acquire") args.splice(1, args.length, args[1] ?? Infinity, onBlock);
          if (op.method === "restore") args.splice(2, args.length, args[2] ?? Infinity, onBlock);
          value = target[op.method](...args);
          break;
        }
        case "count": {
          const p = get(op.kind, op.base);
          const depth = op.depth ?? 1;
          let wrongOwner = 0;
          startGate(op.gate, op.parties);
          for (let n = 0; n < op.iterations; n++) {
            if (p instanceof Mutex) p.lock();
            else for (let d = 0; d < depth; d++) p.acquire(op.ident);
            if (!(p instanceof Mutex) && p.owner() !== op.ident) wrongOwner++;
            i32[op.cell] = i32[op.cell] + 1; // deliberately not atomic
            if (p instanceof Mutex) p.unlock();
            else for (let d = 0; d < depth; d++) p.release(op.ident);
          }
          value = { wrongOwner };
          break;
        }
        case "churn": {
          const p = get(op.kind, op.base) as Lock | RLock;
          for (let n = 0; n < op.rounds; n++) {
            p.release(op.ident);
            p.acquire(op.ident);
            for (const until = performance.now() + op.holdMs; performance.now() < until; );
          }
          break;
        }
        case "heapAlloc": {
          const heap = new SharedHeap(i32);
          const got: [start: number, words: number, align: number][] = [];
          let seed = op.seed;
          const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8;
          startGate(op.gate, op.parties);
          try {
            while (got.length < op.count) {
              const words = rand() % 17; // 0..16: empty blocks must not break anything
              const align = 1 << rand() % 4;
              const start = heap.alloc(words, align);
              for (let w = start; w < start + words; w++) i32[w] = op.tag;
              got.push([start, words, align]);
            }
            value = { blocks: got };
          } catch (e) {
            value = { blocks: got, error: { name: (e as Error).name, message: (e as Error).message } };
          }
          break;
        }
        case "sleep":
          sleepMs(op.ms);
          break;
        case "waitWhileEquals":
          value = waitWhileEquals(i32, op.index, op.value, op.timeoutMs);
          break;
      }
      port.postMessage({ id, reply: { value, elapsedMs: performance.now() - t0, blocks } });
    } catch (e) {
      port.postMessage({ id, error: { name: (e as Error).name, message: (e as Error).message } });
    }
  });
  port.postMessage({ ready: true });
}

if (parentPort && (workerData as { syncHarness?: boolean } | null)?.syncHarness) {
  serve(new Int32Array((workerData as { sab: SharedArrayBuffer }).sab));
}

// ---- test side -------------------------------------------------------------

const live = new Set<Worker>();

export class Puppet {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  private blockWaiters: (() => void)[] = [];

  private constructor(private readonly worker: Worker) {}

  static start(sab: SharedArrayBuffer): Promise<Puppet> {
    const tsxApi = import.meta.resolve("tsx/esm/api");
    const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); });`;
    const worker = new Worker(boot, { eval: true, workerData: { syncHarness: true, sab } });
    live.add(worker);
    const puppet = new Puppet(worker);
    return new Promise((resolve, reject) => {
      worker.on("error", (e: unknown) => {
        const error = e instanceof Error ? e : new Error(String(e));
        reject(error);
        for (const p of puppet.pending.values()) p.reject(error);
      });
      worker.on("message", (m: { ready?: true; id: number; blocked?: true; reply?: Reply; error?: { name: string; message: string } }) => {
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
  run(op: Op): Promise<Reply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, op });
    });
  }

  call(kind: Kind, base: number, method: string, ...args: unknown[]): Promise<Reply> {
    return this.run({ op: "call", kind, base, method, args });
  }

  /** Resolves when this puppet next calls onBlock (it is about to sleep). */
  nextBlock(): Promise<void> {
    return new Promise((resolve) => this.blockWaiters.push(resolve));
  }
}

export function startPuppets(sab: SharedArrayBuffer, n: number): Promise<Puppet[]> {
  return Promise.all(Array.from({ length: n }, () => Puppet.start(sab)));
}

/** For afterEach: ends every worker, including ones still blocked. */
export async function stopPuppets(): Promise<void> {
  await Promise.all([...live].map((w) => w.terminate()));
  live.clear();
}
