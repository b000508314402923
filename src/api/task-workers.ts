// The machinery under Pool and the executors: a task queue that worker
// threads or processes pull from, and a result queue back to the thread that
// owns them, both in shared memory (queues.ts). A task names its function
// the way a thread's target travels (runtime/serialize.ts), so a pool runs
// the snippet's own functions. Results come back tagged with their job and
// index; the owner routes them to the job's AsyncResult or Future, and runs
// callbacks there, in the owning thread, as the API promises.
//
// A task:   [jobId, index, fn, payload, mode, stateWord, shownAs, stopsWord, chunksize?]
//   mode "call": fn(...payload); "map": payload.map(x => fn(x));
//   "starmap": payload.map(args => fn(...args)); stateWord: a heap word a
//   Future can cancel through (-1 when the task cannot be cancelled);
//   shownAs: the number its timeline box carries (a chunk's index in its
//   map; for single calls, applyAsync and submit, their order in the pool,
//   so five applyAsync calls are tasks #0-#4, not five "#0"); stopsWord: the
//   heap word counting the `null`s put behind the tasks (close, shutdown),
//   so the pending count drawn is tasks only: FIFO puts every null behind
//   every task, so whoever takes a task sees them all in qsize();
//   chunksize: only on a chunk of map, the chunksize its map cut it by,
//   negative when map chose it (so a single call's task is as long as ever).
// A result: [jobId, index, ok, value or { name, message }]
// The sentinel `null` tells one worker to stop.

import { PlaygroundError } from "../base/errors";
import { context, isError, labelRef, safely, UNPRINTABLE, type WorkerContext } from "../runtime/door";
import { reprValue } from "./format";
import { EventKind } from "../trace/events";
import { runtimeQueue, type Queue } from "./queues";

export type TaskMode = "call" | "map" | "starmap";
type Fn = (...args: never[]) => unknown;
export type Task = [jobId: number, index: number, fn: Fn, payload: unknown, mode: TaskMode, stateWord: number, shownAs: number, stopsWord: number, chunksize?: number];
export type TaskResult = [jobId: number, index: number, ok: boolean, value: unknown];

/** Future states in its heap word */
export const enum TaskState { Pending = 0, Running = 1, Finished = 2, Cancelled = 3 }

/** Queues for tasks and results get a larger buffer than the default: chunks of items travel in one. */
const TASK_QUEUE_BYTES = 1 << 20;

function runTask(fn: Fn, payload: unknown, mode: TaskMode): unknown {
  const call = fn as (...args: unknown[]) => unknown;
  if (mode === "call") return call(...(payload as unknown[]));
  if (mode === "map") return (payload as unknown[]).map((item) => call(item));
  return (payload as unknown[][]).map((args) => call(...args));
}

/** A label's longest text, and the most distinct task labels a thread's worker sends in a run (then only the function's name). */
const MAX_LABEL_CHARS = 80;
const MAX_TASK_LABELS = 10_000;
/** labels sent, per run (a worker may serve the next run of the same code: its labels must not depend on the runs before) */
const taskLabels = new WeakMap<WorkerContext, number>();

/**
 * What a task's box says it runs, as the snippet wrote it: "double(3)" for a
 * call, "square(item)" for a chunk of map (its items are in its label).
 */
function taskLabel(fn: Fn, payload: unknown, mode: TaskMode): string {
  const name = fn.name || "<lambda>";
  if (mode !== "call") return `${name}(${mode === "starmap" ? "*item" : "item"})`;
  const ctx = context();
  const sent = taskLabels.get(ctx) ?? 0;
  if (sent >= MAX_TASK_LABELS || !Array.isArray(payload)) return `${name}(...)`;
  taskLabels.set(ctx, sent + 1);
  const text = `${name}(${payload.map((arg) => reprValue(arg)).join(", ")})`;
  return text.length > MAX_LABEL_CHARS ? `${text.slice(0, MAX_LABEL_CHARS - 1)}…)` : text;
}

/** The loop every pool worker and executor worker runs. */
export function taskWorkerMain(tasks: Queue<Task | null>, results: Queue<TaskResult>, poolId: number, initializer?: Fn | null, initargs?: unknown[]): void {
  const ctx = context();
  // Says whose worker this thread is, even if it never gets a task.
  ctx.trace(EventKind.PoolWorker, 0, poolId);
  if (initializer) (initializer as (...a: unknown[]) => unknown)(...(initargs ?? []));
  for (;;) {
    const task = tasks.get();
    if (task === null) return;
    const [jobId, index, fn, payload, mode, stateWord, shownAs, stopsWord, chunksize] = task;
    if (stateWord >= 0 && Atomics.compareExchange(ctx.i32, stateWord, TaskState.Pending, TaskState.Running) !== TaskState.Pending) continue;
    ctx.trace(EventKind.PoolPending, pendingTasks(tasks, ctx.i32, stopsWord), poolId);
    // A chunk of map says how many items it holds, so its box reads "items 4-7", not "task #1",
    // and by which chunksize, so its card can say why the last chunk is short.
    if (mode !== "call" && Array.isArray(payload)) ctx.trace(EventKind.PoolChunk, Math.min(payload.length, 0xffffff), chunksize ?? 0);
    ctx.trace(EventKind.PoolTaskLabel, 0, labelRef(taskLabel(fn, payload, mode)));
    ctx.trace(EventKind.PoolTaskStart, shownAs, poolId);
    let result: TaskResult;
    try {
      result = [jobId, index, true, runTask(fn, payload, mode)];
    } catch (error) {
      result = [jobId, index, false, errorInfo(error)];
    }
    ctx.trace(EventKind.PoolTaskEnd, shownAs, poolId);
    try {
      results.put(result);
    } catch (error) {
      // A result that cannot be sent back fails its task, not the worker.
      results.put([jobId, index, false, errorInfo(error)]);
    }
  }
}

/** What the owner re-raises; read with care, since the value and its getters are the snippet's (runtime/thrown.ts). */
function errorInfo(error: unknown): { name: string; message: string } {
  return isError(error)
    ? { name: safely(() => error.name, "Error"), message: safely(() => error.message, UNPRINTABLE) }
    : { name: "Error", message: safely(() => String(error), UNPRINTABLE) };
}

/**
 * The error a worker raised, raised again in the owner (as Python re-raises
 * it from get()), of the same class where the owner can find it: the
 * playground's errors (ValueError ...), JavaScript's (TypeError ...), or a
 * top-level error class of the snippet; so `instanceof` and catching by
 * class work as in Python.
 */
export function rebuildError(info: unknown): Error {
  const { name, message } = info as { name: string; message: string };
  const scope = context().scope;
  const candidates = [
    () => scope?.revive("api-function", name),
    () => (globalThis as Record<string, unknown>)[name],
    () => (/^[A-Za-z_$][\w$]*$/.test(name) ? scope?.evalInScope(name) : undefined),
  ];
  for (const find of candidates) {
    let cls: unknown;
    try {
      cls = find();
    } catch {
      continue;
    }
    if (typeof cls === "function" && (cls === Error || cls.prototype instanceof Error)) {
      try {
        const error = new (cls as new (m: string) => Error)(message);
        error.message = message;
        return error;
      } catch {
        // a constructor with other parameters: fall back below
      }
    }
  }
  return new PlaygroundError(message, name);
}

/** Tasks in the queue, not counting the nulls that tell workers to stop. */
function pendingTasks(tasks: Queue<Task | null>, i32: Int32Array, stopsWord: number): number {
  return Math.max(0, tasks.qsize() - Atomics.load(i32, stopsWord));
}

/** Runtime functions that new workers look up by name (runtime/host.ts). */
export const INTERNAL_FUNCTIONS: Record<string, unknown> = { taskWorkerMain };

export interface Job {
  /** a result arrived for task `index` of this job */
  onResult(index: number, ok: boolean, value: unknown): void;
}

/** The owner's side: submits tasks and routes results to their jobs. */
export class TaskClient {
  readonly tasks: Queue<Task | null>;
  readonly results: Queue<TaskResult>;
  private readonly jobs = new Map<number, Job>();
  private nextJob = 1;
  /** single calls submitted so far: each one's number on the timeline */
  private calls = 0;
  /** heap word: how many stop nulls were put in `tasks` */
  private readonly stops = context().heap.alloc(1);
  private pendingResults = 0;

  constructor(readonly poolId: number) {
    // The pool's own queues: internal objects, owned by the pool (drawn as its pending count, not as queues).
    this.tasks = runtimeQueue<Task | null>({ bufferBytes: TASK_QUEUE_BYTES, owner: poolId, role: "tasks" });
    this.results = runtimeQueue<TaskResult>({ bufferBytes: TASK_QUEUE_BYTES, owner: poolId, role: "results" });
  }

  newJob(job: Job): number {
    const id = this.nextJob++;
    this.jobs.set(id, job);
    return id;
  }

  endJob(jobId: number): void {
    this.jobs.delete(jobId);
  }

  /**
   * `firstItem`: for a chunk of map, the index of its first item in the
   * whole job (its box's label); `chunksize`: its map's, as the trace
   * carries it (pool.ts tracedChunksize).
   */
  submit(jobId: number, index: number, fn: Fn, payload: unknown, mode: TaskMode, stateWord = -1, firstItem = index, chunksize = 0): void {
    if (mode === "call") this.tasks.put([jobId, index, fn, payload, mode, stateWord, this.calls++, this.stops]);
    else this.tasks.put([jobId, index, fn, payload, mode, stateWord, firstItem, this.stops, chunksize]);
    this.pendingResults++;
    const ctx = context();
    ctx.trace(EventKind.PoolPending, pendingTasks(this.tasks, ctx.i32, this.stops), this.poolId);
  }

  /** Tells `n` workers to stop once the tasks queued before are done. */
  stopWorkers(n: number): void {
    for (let i = 0; i < n; i++) this.tasks.put(null);
    const ctx = context();
    Atomics.add(ctx.i32, this.stops, n);
    ctx.trace(EventKind.PoolPending, pendingTasks(this.tasks, ctx.i32, this.stops), this.poolId);
  }

  /** Tasks whose results have not come back yet. */
  outstanding(): number {
    return this.pendingResults;
  }

  /** A task cancelled before it ran will send no result. */
  forget(): void {
    this.pendingResults--;
  }

  /** Wait for one result (at most `timeoutMs`) and deliver it; false on timeout. */
  pump(timeoutMs = Infinity): boolean {
    let result: TaskResult;
    try {
      result = this.results.get(true, timeoutMs === Infinity ? undefined : Math.max(0, timeoutMs));
    } catch (error) {
      if ((error as Error).name === "Empty") return false;
      throw error;
    }
    this.pendingResults--;
    const [jobId, index, ok, value] = result;
    this.jobs.get(jobId)?.onResult(index, ok, value);
    return true;
  }

  /** Deliver results until `done()` holds; false if `timeoutMs` ran out first. */
  pumpUntil(done: () => boolean, timeoutMs = Infinity): boolean {
    const deadline = performance.now() + timeoutMs;
    while (!done()) {
      const left = deadline - performance.now();
      if (left <= 0 || !this.pump(timeoutMs === Infinity ? Infinity : left)) return done();
    }
    return true;
  }
}
