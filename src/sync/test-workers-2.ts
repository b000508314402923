// Test harness for Condition, Semaphore, Event and Barrier: puppets
// (puppet.ts: real worker_threads sharing one SharedArrayBuffer) that run the
// operations below and reply with their result, how long they took, and how
// often they were about to sleep (onBlock) or to sleep re-taking a
// condition's lock (onRelock).
//
// This file is both ends: imported by a test it exports Puppet; loaded in a
// worker (workerData.syncHarness2) it serves requests.

import { Barrier } from "./barrier";
import { Condition } from "./condition";
import { Event } from "./event";
import { Lock } from "./lock";
import { Harness, Puppet as BasePuppet, startAll, startGate, type OpHandler } from "./puppet";
import { RLock } from "./rlock";
import { Semaphore } from "./semaphore";

export { settlesWithin } from "./puppet";

export type LockRef = { kind: "Lock" | "RLock"; base: number };
export type Prim =
  | LockRef
  | { kind: "Semaphore" | "Event" | "Barrier"; base: number }
  | { kind: "Condition"; base: number; lock: LockRef };

export type Action = { kind: "count"; cell: number } | { kind: "throw"; message: string };

export type Op =
  /**
   * A method call. Blocking methods get onBlock (and Condition.wait/waitFor
   * onRelock) put in place after their arguments. `holding`: take the
   * Condition's lock around the call. `action`: Barrier.wait's action.
   * `until`: Condition.waitFor's predicate, "word `cell` >= `atLeast`".
   */
  | { op: "call"; prim: Prim; method: string; args?: unknown[]; holding?: boolean; action?: Action; until?: { cell: number; atLeast: number } }
  /** bounded buffer (Python's classic Condition example): put each of `items`, waiting while full */
  | { op: "produce"; buf: Buffer; ident: number; node: number; items: number[] }
  /** take `count` items, waiting while empty; replies with them in the order taken */
  | { op: "consume"; buf: Buffer; ident: number; node: number; count: number }
  /** after a start gate, `rounds` x (acquire, note how many are inside, hold `holdUs`, leave, release) */
  | { op: "semRounds"; base: number; ident: number; rounds: number; inside: number; maxInside: number; holdUs: number; gate: number; parties: number }
  /** `rounds` x barrier.wait(); the action adds 1 to word `actions + round`, then stores round+1 in `done` */
  | { op: "barrierRounds"; base: number; rounds: number; actions: number; done: number };

/** A ring of `capacity` slots at `slots`, guarded by one lock and two conditions over it. */
export interface Buffer {
  lock: number;
  notFull: number;
  notEmpty: number;
  /** words: read index, write index, size */
  meta: number;
  slots: number;
  capacity: number;
}

export interface Reply {
  value: unknown;
  elapsedMs: number;
  /** how many times onBlock ran during this op */
  blocks: number;
  /** how many times onRelock ran during this op */
  relocks: number;
}

// ---- worker side -----------------------------------------------------------

/** Where each blocking method takes onBlock (onRelock follows it), after padding with defaults. */
/** where each method takes its onBlock (and, unless `noRelock`, an onRelock after it) */
const CALLBACKS: Record<string, { at: number; defaults: unknown[]; noRelock?: true }> = {
  "Lock.acquire": { at: 2, defaults: [undefined, Infinity] },
  "RLock.acquire": { at: 2, defaults: [undefined, Infinity] },
  "Condition.wait": { at: 3, defaults: [undefined, undefined, Infinity] },
  "Condition.waitFor": { at: 4, defaults: [undefined, undefined, undefined, Infinity] },
  "Semaphore.acquire": { at: 2, defaults: [undefined, Infinity] },
  "Event.wait": { at: 1, defaults: [Infinity] },
  // after its onBlock a Barrier takes how to sleep (sync/parking.ts), not an onRelock
  "Barrier.wait": { at: 2, defaults: [Infinity, undefined], noRelock: true },
};

type Core = Lock | RLock | Semaphore | Event | Barrier | Condition;

const harness = new Harness<Op, Reply>(import.meta.url, "syncHarness2");

function ops(i32: Int32Array): OpHandler<Op, Reply> {
  const cores = new Map<string, Core>();
  const get = (prim: Prim): Core => {
    const key = JSON.stringify(prim);
    let core = cores.get(key);
    if (!core) {
      if (prim.kind === "Condition") core = new Condition(i32, prim.base, get(prim.lock) as Lock | RLock);
      else core = new { Lock, RLock, Semaphore, Event, Barrier }[prim.kind](i32, prim.base);
      cores.set(key, core);
    }
    return core;
  };
  const spinUs = (us: number) => {
    for (const until = performance.now() + us / 1000; performance.now() < until; );
  };

  return (op, onBlock, tally) => {
    const onRelock = () => {
      tally.relocks++;
    };
    let value: unknown;
    switch (op.op) {
      case "call": {
        const core = get(op.prim);
        const name = `${op.prim.kind}.${op.method}`;
        const args = [...(op.args ?? [])];
        if (op.until) {
          const { cell, atLeast } = op.until;
          args.splice(2, 0, () => Atomics.load(i32, cell) >= atLeast);
        }
        if (op.action) {
          const action = op.action;
          const run = action.kind === "count" ? () => void Atomics.add(i32, action.cell, 1) : () => { throw new Error(action.message); };
          args[1] = run;
        }
        const callbacks = CALLBACKS[name];
        if (callbacks) {
          for (let k = args.length; k < callbacks.at; k++) args[k] = callbacks.defaults[k];
          args[callbacks.at] = onBlock;
          if (!callbacks.noRelock) args[callbacks.at + 1] = onRelock;
        }
        const method = (core as unknown as Record<string, (...a: unknown[]) => unknown>)[op.method];
        if (typeof method !== "function") throw new Error(`harness: ${name} is not a method`);
        const cond = op.holding ? (core as Condition) : null;
        const ident = args[0] as number;
        if (cond) (cond.lock as Lock).acquire(ident);
        try {
          value = method.apply(core, args);
        } finally {
          if (cond) cond.lock.release(ident);
        }
        break;
      }
      case "produce":
      case "consume": {
        const { buf, ident, node } = op;
        const lock = new Lock(i32, buf.lock);
        const notFull = new Condition(i32, buf.notFull, lock);
        const notEmpty = new Condition(i32, buf.notEmpty, lock);
        const [READ, WRITE, SIZE] = [buf.meta, buf.meta + 1, buf.meta + 2];
        const taken: number[] = [];
        const n = op.op === "produce" ? op.items.length : op.count;
        for (let k = 0; k < n; k++) {
          lock.acquire(ident);
          if (op.op === "produce") {
            while (i32[SIZE] === buf.capacity) notFull.wait(ident, node, Infinity, onBlock);
            i32[buf.slots + i32[WRITE]] = op.items[k];
            i32[WRITE] = (i32[WRITE] + 1) % buf.capacity;
            i32[SIZE]++;
            notEmpty.notify(ident);
          } else {
            while (i32[SIZE] === 0) notEmpty.wait(ident, node, Infinity, onBlock);
            taken.push(i32[buf.slots + i32[READ]]);
            i32[READ] = (i32[READ] + 1) % buf.capacity;
            i32[SIZE]--;
            notFull.notify(ident);
          }
          lock.release(ident);
        }
        value = taken;
        break;
      }
      case "semRounds": {
        const sem = new Semaphore(i32, op.base);
        startGate(i32, op.gate, op.parties);
        for (let r = 0; r < op.rounds; r++) {
          sem.acquire(op.ident);
          const now = Atomics.add(i32, op.inside, 1) + 1;
          for (let max = Atomics.load(i32, op.maxInside); now > max; ) {
            const seen = Atomics.compareExchange(i32, op.maxInside, max, now);
            if (seen === max) break;
            max = seen;
          }
          spinUs(op.holdUs);
          Atomics.sub(i32, op.inside, 1);
          sem.release();
        }
        break;
      }
      case "barrierRounds": {
        const barrier = new Barrier(i32, op.base);
        const indices: number[] = [];
        let early = 0;
        for (let round = 0; round < op.rounds; round++) {
          const index = barrier.wait(Infinity, () => {
            Atomics.add(i32, op.actions + round, 1);
            Atomics.store(i32, op.done, round + 1);
          });
          // The action of this round must have finished before anyone leaves it.
          if (Atomics.load(i32, op.done) < round + 1) early++;
          indices.push(index);
        }
        value = { indices, early };
        break;
      }
    }
    return value;
  };
}

harness.serve(
  ({ sab }: { sab: SharedArrayBuffer }) => ops(new Int32Array(sab)),
  () => ({ blocks: 0, relocks: 0 }),
);

// ---- test side -------------------------------------------------------------

export class Puppet extends BasePuppet<Op, Reply> {
  static start(sab: SharedArrayBuffer): Promise<Puppet> {
    return new Puppet(harness, { sab }).started();
  }

  call(prim: Prim, method: string, ...args: unknown[]): Promise<Reply> {
    return this.run({ op: "call", prim, method, args });
  }
}

export function startPuppets(sab: SharedArrayBuffer, n: number): Promise<Puppet[]> {
  return startAll(n, () => Puppet.start(sab));
}

/** For afterEach: ends every worker, including ones still blocked. */
export function stopPuppets(): Promise<void> {
  return harness.stop();
}
