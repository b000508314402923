// Pool (Python's multiprocessing.Pool): worker processes named PoolWorker-N,
// each with its own copy of the program (process.ts), pulling tasks from a
// shared queue (task-workers.ts). map() splits its items into chunks as
// Python does (len / (4 * workers), rounded up) so a task's cost is spread
// over many items; results come back in input order (imapUnordered: in the
// order they finish). Callbacks run in the thread that owns the pool, while
// it waits on the pool (get, wait, map, join ...), as Python runs them in the
// pool's own result thread.

import { ValueError } from "../base/errors";
import { nextNameNumber, place, track } from "../runtime/door";
import { ObjKind } from "../trace/object-kinds";
import { Process, cpuCount } from "./process";
import { setThreadRole } from "./thread";
import { TaskClient, rebuildError, taskWorkerMain, type TaskMode } from "./task-workers";
import { AsyncResult, type AsyncOptions } from "./async-result";

type Fn<A extends unknown[] = never[], R = unknown> = (...args: A) => R;

/** The N of the next "PoolWorker-N", counted over the whole run (pools and process executors alike). */
export function poolWorkerNumber(): number {
  return nextNameNumber("PoolWorker");
}

/** A map's items cut into chunks, and its chunksize as each chunk's PoolChunk event carries it. */
type Chunks<T> = { chunks: T[][]; traced: number };

export class Pool {
  private readonly client: TaskClient;
  private readonly workers: Process[] = [];
  private state: "run" | "close" | "terminate" = "run";
  private readonly ref: number;

  constructor(processes: number = cpuCount(), initializer?: Fn, initargs: unknown[] = []) {
    if (!Number.isInteger(processes) || processes < 1) throw new ValueError("Number of processes must be at least 1");
    this.ref = place(ObjKind.Pool, 0).ref;
    track(this, this.ref);
    this.client = new TaskClient(this.ref);
    for (let i = 0; i < processes; i++) {
      const worker = new Process({
        target: taskWorkerMain as Fn<unknown[]>,
        args: [this.client.tasks, this.client.results, this.ref, initializer ?? null, initargs],
        name: `PoolWorker-${poolWorkerNumber()}`,
        daemon: true,
      });
      setThreadRole(worker, "pool-worker");
      worker.start();
      this.workers.push(worker);
    }
  }

  private checkRunning(): void {
    if (this.state !== "run") throw new ValueError("Pool not running");
  }

  private chunks<T>(items: Iterable<T>, chunksize: number | undefined): Chunks<T> {
    const all = [...items];
    let size = chunksize;
    if (size === undefined) {
      size = Math.ceil(all.length / (this.workers.length * 4)) || 1;
    } else if (!Number.isInteger(size) || size < 1) {
      throw new ValueError("Chunksize must be 1+");
    }
    const out: T[][] = [];
    for (let i = 0; i < all.length; i += size) out.push(all.slice(i, i + size));
    // An i32, negative when map chose it (the card says so); past an i32, 0 (unknown) rather than a wrong number.
    const traced = size > 0x7fffffff ? 0 : chunksize === undefined ? -size : size;
    return { chunks: out, traced };
  }

  /** Submit chunks as one job; `onChunk` gets each chunk's results as they arrive. */
  private submitChunks<T>(fn: Fn, { chunks, traced }: Chunks<T>, mode: TaskMode, onChunk: (index: number, ok: boolean, value: unknown) => void): number {
    this.checkRunning();
    const jobId = this.client.newJob({ onResult: onChunk });
    let firstItem = 0;
    chunks.forEach((chunk, index) => {
      this.client.submit(jobId, index, fn, chunk, mode, -1, firstItem, traced);
      firstItem += chunk.length;
    });
    return jobId;
  }

  private mapJob<R>(fn: Fn, items: Iterable<unknown>, mode: TaskMode, chunksize: number | undefined, options: AsyncOptions<R[]>): AsyncResult<R[]> {
    const job = this.chunks(items, chunksize);
    const chunks = job.chunks;
    const result = new AsyncResult<R[]>(this.client);
    const parts: unknown[][] = new Array(chunks.length);
    let left = chunks.length;
    let failed = false;
    const jobId = this.submitChunks(fn, job, mode, (index, ok, value) => {
      if (failed) return;
      if (!ok) {
        failed = true;
        this.client.endJob(jobId);
        result.settle(false, rebuildError(value), options as AsyncOptions<unknown>);
        return;
      }
      parts[index] = value as unknown[];
      if (--left === 0) {
        this.client.endJob(jobId);
        result.settle(true, parts.flat(), options as AsyncOptions<unknown>);
      }
    });
    if (chunks.length === 0) result.settle(true, [], options as AsyncOptions<unknown>);
    return result;
  }

  /** fn(item) for every item, in parallel; results in input order. */
  map<T, R>(fn: (item: T) => R, items: Iterable<T>, chunksize?: number): R[] {
    return this.mapJob<R>(fn as Fn, items, "map", chunksize, {}).get();
  }

  /** fn(...args) for every args tuple; results in input order. */
  starmap<A extends unknown[], R>(fn: (...args: A) => R, items: Iterable<A>, chunksize?: number): R[] {
    return this.mapJob<R>(fn as Fn, items, "starmap", chunksize, {}).get();
  }

  mapAsync<T, R>(fn: (item: T) => R, items: Iterable<T>, options: AsyncOptions<R[]> & { chunksize?: number } = {}): AsyncResult<R[]> {
    return this.mapJob<R>(fn as Fn, items, "map", options.chunksize, options);
  }

  starmapAsync<A extends unknown[], R>(fn: (...args: A) => R, items: Iterable<A>, options: AsyncOptions<R[]> & { chunksize?: number } = {}): AsyncResult<R[]> {
    return this.mapJob<R>(fn as Fn, items, "starmap", options.chunksize, options);
  }

  /** Like map, but yields results one by one: in order, or as they finish (unordered). */
  private *iterate<R>(fn: Fn, items: Iterable<unknown>, chunksize: number, ordered: boolean): Generator<R> {
    const job = this.chunks(items, chunksize);
    const chunks = job.chunks;
    const arrived = new Map<number, unknown[]>();
    const failed = new Map<number, Error>();
    const order: number[] = [];
    const jobId = this.submitChunks(fn, job, "map", (index, ok, value) => {
      if (!ok) failed.set(index, rebuildError(value));
      arrived.set(index, ok ? (value as unknown[]) : []);
      order.push(index);
    });
    try {
      let next = 0;
      for (let done = 0; done < chunks.length; ) {
        const key = ordered ? next : order[done];
        if (key === undefined || !arrived.has(key)) {
          this.client.pump();
          continue;
        }
        // Python raises a task's error where its result would have come.
        if (failed.has(key)) throw failed.get(key)!;
        yield* arrived.get(key) as R[];
        arrived.delete(key);
        next++;
        done++;
      }
    } finally {
      this.client.endJob(jobId);
    }
  }

  imap<T, R>(fn: (item: T) => R, items: Iterable<T>, chunksize = 1): Generator<R> {
    return this.iterate<R>(fn as Fn, items, chunksize, true);
  }

  imapUnordered<T, R>(fn: (item: T) => R, items: Iterable<T>, chunksize = 1): Generator<R> {
    return this.iterate<R>(fn as Fn, items, chunksize, false);
  }

  /** fn(...args) in a worker, waiting for its result. */
  apply<A extends unknown[], R>(fn: (...args: A) => R, args?: A): R {
    return this.applyAsync(fn, args).get();
  }

  applyAsync<A extends unknown[], R>(fn: (...args: A) => R, args?: A, options: AsyncOptions<R> = {}): AsyncResult<R> {
    this.checkRunning();
    const result = new AsyncResult<R>(this.client);
    const jobId = this.client.newJob({
      onResult: (_index, ok, value) => {
        this.client.endJob(jobId);
        result.settle(ok, ok ? value : rebuildError(value), options);
      },
    });
    this.client.submit(jobId, 0, fn as Fn, args ?? [], "call");
    return result;
  }

  /** No more tasks: the workers exit once the queued ones are done. */
  close(): void {
    if (this.state !== "run") return;
    this.state = "close";
    this.client.stopWorkers(this.workers.length);
  }

  /** Stop the workers now, queued tasks or not. */
  terminate(): void {
    this.state = "terminate";
    for (const worker of this.workers) worker.terminate();
  }

  /** Wait for the workers to exit (after close() or terminate()), running callbacks meanwhile. */
  join(): void {
    if (this.state === "run") throw new ValueError("Pool is still running");
    if (this.state === "close") this.client.pumpUntil(() => this.client.outstanding() === 0);
    for (const worker of this.workers) worker.join();
  }

  toString(): string {
    return `<Pool state=${this.state} pool_size=${this.workers.length}>`;
  }
}
