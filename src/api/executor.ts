// ThreadPoolExecutor and ProcessPoolExecutor (Python's concurrent.futures):
// worker threads (or processes) started as tasks arrive, up to maxWorkers,
// pulling from a shared task queue (task-workers.ts). Each Future has a
// state word in the shared heap, so cancel() really wins or loses a race
// with the worker that would start it: both compare-and-swap "pending". The
// owner collects results while it waits (result, asCompleted, shutdown) and
// runs done-callbacks then. Executors left running when MainThread's program
// ends are shut down as Python's interpreter exit does: queued work finishes.

import { RuntimeError, TimeoutError } from "../base/errors";
import { context, nextNameNumber, place, track } from "../runtime/door";
import { ObjKind } from "../trace/object-kinds";
import { Process, cpuCount } from "./process";
import { Thread, setThreadRole } from "./thread";
import { TaskClient, TaskState, rebuildError, taskWorkerMain } from "./task-workers";
import { poolWorkerNumber } from "./pool";

type Fn = (...args: never[]) => unknown;

export class CancelledError extends Error {
  constructor(message = "the future was cancelled") {
    super(message);
    this.name = "CancelledError";
  }
}

export class Future<R = unknown> {
  private outcome: { ok: boolean; value: unknown } | null = null;
  private readonly callbacks: ((f: Future<R>) => unknown)[] = [];

  /** @internal */
  constructor(readonly client: TaskClient, private readonly stateWord: number) {}

  private state(): TaskState {
    return Atomics.load(context().i32, this.stateWord);
  }

  /** @internal the worker's result arrived */
  settle(ok: boolean, value: unknown): void {
    this.outcome = { ok, value: ok ? value : rebuildError(value) };
    Atomics.store(context().i32, this.stateWord, TaskState.Finished);
    this.runCallbacks();
  }

  private runCallbacks(): void {
    for (const callback of this.callbacks.splice(0)) callback(this);
  }

  /** Cancel if not started yet; true when it is (or already was) cancelled. */
  cancel(): boolean {
    const before = Atomics.compareExchange(context().i32, this.stateWord, TaskState.Pending, TaskState.Cancelled);
    if (before === TaskState.Pending) {
      this.client.forget();
      this.runCallbacks();
      return true;
    }
    return before === TaskState.Cancelled;
  }

  cancelled(): boolean {
    return this.state() === TaskState.Cancelled;
  }

  running(): boolean {
    return this.state() === TaskState.Running && this.outcome === null;
  }

  done(): boolean {
    if (this.outcome === null && this.state() !== TaskState.Cancelled) this.client.pumpUntil(() => this.outcome !== null, 0);
    return this.outcome !== null || this.state() === TaskState.Cancelled;
  }

  /** @internal wait until done; false on timeout */
  waitDone(timeoutMs = Infinity): boolean {
    return this.client.pumpUntil(() => this.outcome !== null || this.state() === TaskState.Cancelled, timeoutMs);
  }

  /** The result (the worker's error raised); TimeoutError after `timeoutMs`, CancelledError if cancelled. */
  result(timeoutMs?: number): R {
    if (!this.waitDone(timeoutMs)) throw new TimeoutError(`the future was not done after ${timeoutMs} ms`);
    if (this.outcome === null) throw new CancelledError();
    if (!this.outcome.ok) throw this.outcome.value;
    return this.outcome.value as R;
  }

  /** The error the call raised, or null. */
  exception(timeoutMs?: number): Error | null {
    if (!this.waitDone(timeoutMs)) throw new TimeoutError(`the future was not done after ${timeoutMs} ms`);
    if (this.outcome === null) throw new CancelledError();
    return this.outcome.ok ? null : (this.outcome.value as Error);
  }

  /** Call `fn(future)` when done (at once if it already is), in the owner's thread. */
  addDoneCallback(fn: (future: Future<R>) => unknown): void {
    if (this.outcome !== null || this.cancelled()) fn(this);
    else this.callbacks.push(fn);
  }
}

const liveExecutors = new Set<Executor>();

/** Executors of this worker's runs not shut down yet (a worker that holds one serves no later run: runtime/worker-hygiene.ts). */
export function executorsLive(): boolean {
  return liveExecutors.size > 0;
}

/** Shut down executors still running at the end of the program (interpreter exit). */
export function shutdownExecutors(): void {
  for (const executor of [...liveExecutors]) executor.shutdown(true);
}

abstract class Executor {
  protected readonly client: TaskClient;
  protected readonly workers: Thread[] = [];
  private shut = false;
  /** the executor's ref (trace/object-kinds.ts) */
  protected readonly ref: number;

  constructor(readonly maxWorkers: number, kind: ObjKind) {
    if (!Number.isInteger(maxWorkers) || maxWorkers < 1) throw new RangeError("maxWorkers must be greater than 0");
    this.ref = place(kind, 0).ref;
    track(this, this.ref);
    this.client = new TaskClient(this.ref);
    liveExecutors.add(this);
  }

  protected abstract makeWorker(index: number): Thread;

  /** Schedule fn(...args); returns its Future. */
  submit<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Future<R> {
    if (this.shut) throw new RuntimeError("cannot schedule new futures after shutdown");
    const ctx = context();
    const stateWord = ctx.heap.alloc(1);
    const future = new Future<R>(this.client, stateWord);
    const jobId = this.client.newJob({
      onResult: (_index, ok, value) => {
        this.client.endJob(jobId);
        future.settle(ok, value);
      },
    });
    this.client.submit(jobId, 0, fn as Fn, args, "call", stateWord);
    // As Python does: one more worker per submit, until there are maxWorkers.
    if (this.workers.length < this.maxWorkers) {
      const worker = this.makeWorker(this.workers.length);
      worker.start();
      this.workers.push(worker);
    }
    return future;
  }

  /** fn over the items of the iterables in parallel; results in input order. */
  map<R>(fn: (...args: never[]) => R, ...iterables: Iterable<unknown>[]): R[] {
    const columns = iterables.map((it) => [...it]);
    const n = Math.min(...columns.map((c) => c.length));
    const futures: Future<R>[] = [];
    for (let i = 0; i < n; i++) futures.push(this.submit(fn as (...a: unknown[]) => R, ...columns.map((c) => c[i])));
    return futures.map((f) => f.result());
  }

  /** No new tasks; with `wait`, block until the queued ones are done and the workers have exited. */
  shutdown(wait = true): void {
    if (!this.shut) {
      this.shut = true;
      liveExecutors.delete(this);
      this.client.stopWorkers(this.workers.length);
    }
    if (wait) {
      this.client.pumpUntil(() => this.client.outstanding() <= 0);
      for (const worker of this.workers) worker.join();
    }
  }

  /** Run `fn(executor)`, then shutdown(): Python's `with` block. */
  with<T>(fn: (executor: this) => T): T {
    try {
      return fn(this);
    } finally {
      this.shutdown(true);
    }
  }
}

export class ThreadPoolExecutor extends Executor {
  private readonly prefix: string;

  constructor(maxWorkers: number = Math.min(32, cpuCount() + 4)) {
    super(maxWorkers, ObjKind.ThreadPoolExecutor);
    // Python counts executors from 0, across the process's threads.
    this.prefix = `ThreadPoolExecutor-${nextNameNumber("ThreadPoolExecutor") - 1}`;
  }

  protected makeWorker(index: number): Thread {
    return new Thread({
      target: taskWorkerMain as (...a: never[]) => unknown,
      args: [this.client.tasks, this.client.results, this.ref, null, []] as never[],
      name: `${this.prefix}_${index}`,
    });
  }
}

export class ProcessPoolExecutor extends Executor {
  constructor(maxWorkers: number = cpuCount()) {
    super(maxWorkers, ObjKind.ProcessPoolExecutor);
  }

  protected makeWorker(): Thread {
    const worker = new Process({
      target: taskWorkerMain as (...a: unknown[]) => unknown,
      args: [this.client.tasks, this.client.results, this.ref, null, []],
      name: `PoolWorker-${poolWorkerNumber()}`,
    });
    setThreadRole(worker, "pool-worker");
    return worker;
  }
}

/** Yields the futures as they complete (done ones first); TimeoutError after `timeoutMs` in all. */
export function* asCompleted<R>(futures: Iterable<Future<R>>, timeoutMs?: number): Generator<Future<R>> {
  const pending = new Set(futures);
  const deadline = timeoutMs === undefined ? Infinity : performance.now() + timeoutMs;
  while (pending.size > 0) {
    let yielded = false;
    for (const future of [...pending]) {
      if (future.done()) {
        pending.delete(future);
        yielded = true;
        yield future;
      }
    }
    if (pending.size === 0 || yielded) continue;
    const left = deadline - performance.now();
    if (left <= 0) throw new TimeoutError(`${pending.size} (of the) futures unfinished after ${timeoutMs} ms`);
    // Wait for the next result of any pending future's executor.
    const first = pending.values().next().value as Future<R>;
    first.client.pump(Math.min(left, pending.size > 1 ? 50 : left));
  }
}
