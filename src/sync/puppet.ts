// Puppets: the sync tests' workers. A puppet is a real Node worker_thread
// sharing one SharedArrayBuffer with the test and with the other puppets, so
// the primitives race for real (2 cores here), with no mocked scheduler and
// no hand-picked interleaving. It runs one operation per message,
// synchronously, and replies with its result, how long it took, and how often
// it was about to sleep (onBlock). While a puppet is blocked in Atomics.wait
// its replies wait too; the test awaits them, and nextBlock() tells it when
// the puppet is about to sleep.
//
// This file is the part every harness shares, both ends of one protocol: the
// test side (Puppet, Harness.stop) and the worker side's message loop
// (Harness.serve). A harness (test-workers*.ts) is a module that is both
// ends: imported by a test it exports a Puppet subclass with typed helpers;
// loaded in a worker (its workerData flag set) it serves its own operations.
// Node 20 ignores `--import tsx` in a worker's execArgv, so the worker boots
// from a tiny eval'd script that registers tsx's loader and then imports the
// harness module.

import { parentPort, Worker, workerData, type Transferable } from "node:worker_threads";

/** What every reply carries; a harness may count more (as test-workers-2.ts counts relocks). */
export interface BaseReply {
  value: unknown;
  elapsedMs: number;
  /** how many times onBlock ran during this op */
  blocks: number;
}

/** A reply's counters: everything but the value and the time, each starting at 0. */
export type Tally<Reply extends BaseReply> = Omit<Reply, "value" | "elapsedMs"> & { blocks: number };

/**
 * Runs one operation in the worker and returns its value (a promise only for
 * an op that must await; the reply then waits for it). `onBlock` counts into
 * `tally.blocks` and tells the test (Puppet.nextBlock).
 */
export type OpHandler<Op, Reply extends BaseReply> = (op: Op, onBlock: () => void, tally: Tally<Reply>) => unknown;

type Message<Reply> = { ready?: true; id: number; blocked?: true; reply?: Reply; error?: { name: string; message: string } };

/** One harness module: where its workers boot from, and the workers it started. */
export class Harness<Op, Reply extends BaseReply = BaseReply> {
  private readonly live = new Set<Worker>();

  /** `url`: the harness module's import.meta.url; `flag`: the workerData key that makes it serve. */
  constructor(
    private readonly url: string,
    private readonly flag: string,
  ) {}

  /**
   * In a worker this harness booted: serves ops with the handler `setup`
   * makes from the workerData (`sab` and whatever Puppet's constructor got).
   * Anywhere else (a test importing the harness): does nothing.
   */
  serve<Data>(setup: (data: Data) => OpHandler<Op, Reply>, newTally = (): Tally<Reply> => ({ blocks: 0 }) as Tally<Reply>): void {
    if (!parentPort || !(workerData as Record<string, unknown> | null)?.[this.flag]) return;
    const port = parentPort;
    const handle = setup(workerData as Data);
    port.on("message", ({ id, op }: { id: number; op: Op }) => {
      const tally = newTally();
      const onBlock = () => {
        tally.blocks++;
        port.postMessage({ id, blocked: true });
      };
      const t0 = performance.now();
      const answer = (value: unknown) => port.postMessage({ id, reply: { value, elapsedMs: performance.now() - t0, ...tally } });
      const fail = (e: unknown) => port.postMessage({ id, error: { name: (e as Error).name, message: (e as Error).message } });
      try {
        const value = handle(op, onBlock, tally);
        if (value instanceof Promise) void value.then(answer).catch(fail);
        else answer(value);
      } catch (e) {
        fail(e);
      }
    });
    port.postMessage({ ready: true });
  }

  /** Boots one worker on this harness (for Puppet's constructor). */
  spawn(data: Record<string, unknown>): Worker {
    const tsxApi = import.meta.resolve("tsx/esm/api");
    const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(this.url)}); });`;
    const worker = new Worker(boot, { eval: true, workerData: { [this.flag]: true, ...data } });
    this.live.add(worker);
    return worker;
  }

  /** For afterEach: ends every worker this harness started, including ones still blocked. */
  async stop(): Promise<void> {
    await Promise.all([...this.live].map((w) => w.terminate()));
    this.live.clear();
  }
}

/** The test's end of one worker. A harness subclasses it with a `start` and typed shorthands for `run`. */
export class Puppet<Op, Reply extends BaseReply = BaseReply> {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  private blockWaiters: (() => void)[] = [];
  private readonly worker: Worker;
  private readonly ready: Promise<void>;

  /** Boots a worker on `harness` with `data` (plus `sab`, as the harness needs) as its workerData. */
  protected constructor(harness: Harness<Op, Reply>, data: Record<string, unknown>) {
    const worker = (this.worker = harness.spawn(data));
    this.ready = new Promise((resolve, reject) => {
      worker.on("error", (e: unknown) => {
        const error = e instanceof Error ? e : new Error(String(e));
        reject(error);
        for (const p of this.pending.values()) p.reject(error);
      });
      worker.on("message", (m: Message<Reply>) => {
        if (m.ready) return resolve();
        if (m.blocked) {
          const waiters = this.blockWaiters;
          this.blockWaiters = [];
          for (const w of waiters) w();
          return;
        }
        const p = this.pending.get(m.id)!;
        this.pending.delete(m.id);
        if (m.reply) p.resolve(m.reply);
        else p.reject(Object.assign(new Error(m.error!.message), { name: m.error!.name }));
      });
    });
  }

  /** Resolves with this puppet once its worker serves; rejects if the worker fails first. */
  protected async started(): Promise<this> {
    await this.ready;
    return this;
  }

  /** Sends one operation; resolves with its reply, rejects with the worker's error. */
  run(op: Op, transfer: readonly Transferable[] = []): Promise<Reply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, op }, transfer);
    });
  }

  /** Resolves when this puppet next calls onBlock (it is about to sleep). */
  nextBlock(): Promise<void> {
    return new Promise((resolve) => this.blockWaiters.push(resolve));
  }

  /** Sends `op` and resolves once the puppet is about to sleep in it; `reply` is its eventual answer. */
  async runUntilBlocked(op: Op): Promise<{ reply: Promise<Reply> }> {
    const blocked = this.nextBlock().then(() => "blocked" as const);
    const reply = this.run(op);
    const settled = reply.then(() => "replied" as const, () => "replied" as const);
    // A reply (or an error) that comes first means it never blocked: surface that.
    if ((await Promise.race([blocked, settled])) === "replied") {
      throw new Error(`expected ${JSON.stringify(op)} to block; it replied ${JSON.stringify((await reply).value)}`);
    }
    return { reply };
  }
}

/** Starts `n` puppets at once; `start(k)` starts the k-th (0-based). */
export function startAll<P>(n: number, start: (k: number) => Promise<P>): Promise<P[]> {
  return Promise.all(Array.from({ length: n }, (_, k) => start(k)));
}

/** Resolves with whether `p` settled within `ms` (for "it has NOT returned yet" checks: a lower bound only). */
export function settlesWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  return Promise.race([
    p.then(() => true, () => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms)),
  ]);
}

/** Worker side: a start gate at word `gate`; returns once all `parties` have arrived. */
export function startGate(i32: Int32Array, gate: number, parties: number): void {
  const arrived = Atomics.add(i32, gate, 1) + 1;
  if (arrived === parties) Atomics.notify(i32, gate);
  for (let v = arrived; v < parties; v = Atomics.load(i32, gate)) Atomics.wait(i32, gate, v);
}
