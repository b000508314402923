// Test harness for Mutex, Lock, RLock, the shared heap and sleep: puppets
// (puppet.ts: real worker_threads sharing one SharedArrayBuffer) that run the
// operations below and reply with their result, how long they took, and how
// often they were about to sleep (onBlock).
//
// This file is both ends: imported by a test it exports Puppet; loaded in a
// worker (workerData.syncHarness) it serves requests.

import { SharedHeap } from "./heap";
import { Lock } from "./lock";
import { Mutex } from "./mutex";
import { Harness, Puppet as BasePuppet, startAll, startGate, type OpHandler } from "./puppet";
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

const harness = new Harness<Op, Reply>(import.meta.url, "syncHarness");

function ops(i32: Int32Array): OpHandler<Op, Reply> {
  const primitives = new Map<string, Primitive>();
  const get = (kind: Kind, base: number): Primitive => {
    const key = `${kind}@${base}`;
    let p = primitives.get(key);
    if (!p) primitives.set(key, (p = new { Mutex, Lock, RLock }[kind](i32, base)));
    return p;
  };

  return (op, onBlock) => {
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
        startGate(i32, op.gate, op.parties);
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
        startGate(i32, op.gate, op.parties);
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
    return value;
  };
}

harness.serve(({ sab }: { sab: SharedArrayBuffer }) => ops(new Int32Array(sab)));

// ---- test side -------------------------------------------------------------

export class Puppet extends BasePuppet<Op, Reply> {
  static start(sab: SharedArrayBuffer): Promise<Puppet> {
    return new Puppet(harness, { sab }).started();
  }

  call(kind: Kind, base: number, method: string, ...args: unknown[]): Promise<Reply> {
    return this.run({ op: "call", kind, base, method, args });
  }
}

export function startPuppets(sab: SharedArrayBuffer, n: number): Promise<Puppet[]> {
  return startAll(n, () => Puppet.start(sab));
}

/** For afterEach: ends every worker, including ones still blocked. */
export function stopPuppets(): Promise<void> {
  return harness.stop();
}
