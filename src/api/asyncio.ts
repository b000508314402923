// asyncio (Python's coroutines) on the worker's own event loop: a coroutine
// is a TypeScript async function, `await asyncio.sleep(ms)` yields the thread
// to the other tasks of its loop, and everything runs in the one thread that
// called asyncio.run — concurrency without parallelism, which is the lesson.
// Tasks are traced (start, each await and resume, end) so the timeline can
// draw them as sub-lanes of their thread. A blocking call (sleep, a lock, a
// queue ...) inside a running loop stalls every task: the first one prints
// a hint saying so.

import { TimeoutError } from "../base/errors";
import { context } from "../runtime/worker-context";
import { Ctl } from "../runtime/thread-table";
import { EventKind } from "../trace/events";
import { Thread } from "./thread";
import { Queue as ThreadQueue } from "./queues";

type Awaitable<T> = PromiseLike<T>;

let loopDepth = 0;
let hinted = false;
let taskCount = 0;
/** asyncio.run calls not yet finished: MainThread waits for them before it ends */
export const pendingLoops = new Set<Promise<unknown>>();

/** Called by blocking API calls: inside a running loop, say once why that hurts. */
export function noteBlockingCall(what: string): void {
  if (loopDepth === 0 || hinted) return;
  hinted = true;
  const ctx = context();
  ctx.output.write(`hint: ${what} blocks this thread's whole event loop, so no other task runs meanwhile; use await asyncio.sleep() / asyncio.toThread() instead`, 1, ctx.now());
}

export class Task<T = unknown> implements PromiseLike<T> {
  readonly name: string;
  readonly id: number;
  private settled: { ok: boolean; value: unknown } | null = null;
  private readonly promise: Promise<T>;

  constructor(coro: Awaitable<T>, name?: string) {
    const ctx = context();
    this.id = ctx.table.counter(Ctl.ObjectIds);
    this.name = name ?? `Task-${++taskCount}`;
    ctx.post({ type: "label", runId: ctx.run.runId, id: this.id, text: this.name });
    ctx.trace(EventKind.TaskStart, 0, this.id);
    this.promise = Promise.resolve(coro).then(
      (value) => {
        this.settled = { ok: true, value };
        context().trace(EventKind.TaskEnd, 0, this.id);
        return value;
      },
      (error) => {
        this.settled = { ok: false, value: error };
        context().trace(EventKind.TaskEnd, 1, this.id);
        throw error;
      },
    );
  }

  then<A = T, B = never>(ok?: ((value: T) => A | PromiseLike<A>) | null, fail?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    return this.promise.then(ok, fail);
  }

  done(): boolean {
    return this.settled !== null;
  }

  /** The task's result; an error if it is not done or failed. */
  result(): T {
    if (!this.settled) throw new Error("InvalidStateError: Result is not set.");
    if (!this.settled.ok) throw this.settled.value;
    return this.settled.value as T;
  }

  getName(): string {
    return this.name;
  }
}

/** Run `main` (a coroutine or a function that makes one) on this thread's event loop until it completes. */
function run<T>(main: Awaitable<T> | (() => Awaitable<T>)): Promise<T> {
  loopDepth++;
  const task = new Task(typeof main === "function" ? main() : main, "main");
  const done = Promise.resolve(task).finally(() => {
    loopDepth--;
    pendingLoops.delete(done);
  });
  pendingLoops.add(done);
  return done;
}

/** Suspend the current task for `ms`, letting the loop's other tasks run. */
function sleep<T = undefined>(ms: number, result?: T): Promise<T> {
  const ctx = context();
  ctx.trace(EventKind.TaskAwait, 0, 0);
  return new Promise((resolve) =>
    setTimeout(() => {
      context().trace(EventKind.TaskResume, 0, 0);
      resolve(result as T);
    }, Math.max(0, ms)),
  );
}

function createTask<T>(coro: Awaitable<T>, options: { name?: string } = {}): Task<T> {
  return new Task(coro, options.name);
}

/** Wait for all; results in order. With returnExceptions, errors are returned instead of raised. */
function gather<T extends unknown[]>(...aws: { [K in keyof T]: Awaitable<T[K]> }): Promise<T>;
function gather(...aws: unknown[]): Promise<unknown[]> {
  const last = aws[aws.length - 1] as { returnExceptions?: boolean } | undefined;
  const options = last && typeof last === "object" && !("then" in last) && "returnExceptions" in last ? (aws.pop() as { returnExceptions: boolean }) : null;
  const all = aws.map((aw) => Promise.resolve(aw as Awaitable<unknown>));
  if (!options?.returnExceptions) return Promise.all(all);
  return Promise.all(all.map((p) => p.catch((error: unknown) => error)));
}

/** `aw`'s result, or TimeoutError when it takes longer than `timeoutMs`. */
function waitFor<T>(aw: Awaitable<T>, timeoutMs: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`timed out after ${timeoutMs} ms`)), Math.max(0, timeoutMs));
  });
  return Promise.race([Promise.resolve(aw), timeout]).finally(() => clearTimeout(timer));
}

/** Run `fn(...args)` in a new thread; the task awaits it without blocking the loop. */
async function toThread<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<R> {
  const results = new ThreadQueue<[boolean, unknown]>();
  const worker = new Thread({
    target: ((f: (...a: unknown[]) => unknown, q: ThreadQueue<[boolean, unknown]>, a: unknown[]) => {
      try {
        q.put([true, f(...a)]);
      } catch (error) {
        q.put([false, error instanceof Error ? `${error.name}: ${error.message}` : String(error)]);
      }
    }) as (...a: never[]) => unknown,
    args: [fn, results, args] as never[],
  });
  worker.start();
  // Poll without blocking the loop: the loop keeps running other tasks.
  for (;;) {
    try {
      const [ok, value] = results.getNowait();
      if (!ok) throw new Error(String(value));
      return value as R;
    } catch (error) {
      if ((error as Error).name !== "Empty") throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/** asyncio.Semaphore: at most `value` tasks inside; the others await their turn in order. */
class Semaphore {
  private readonly waiters: (() => void)[] = [];
  constructor(private value = 1) {}
  async acquire(): Promise<true> {
    if (this.value > 0 && this.waiters.length === 0) {
      this.value--;
      return true;
    }
    await new Promise<void>((resolve) => this.waiters.push(resolve));
    return true;
  }
  /** Hands the unit straight to the next waiter, if any, so nobody overtakes it. */
  release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.value++;
  }
  locked(): boolean {
    return this.value === 0;
  }
  async with<T>(fn: () => Awaitable<T> | T): Promise<T> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      this.release();
    }
  }
}

/** asyncio.Lock: a semaphore of one that refuses a release while free. */
class Lock extends Semaphore {
  constructor() {
    super(1);
  }
  override release(): void {
    if (!this.locked()) throw new Error("RuntimeError: Lock is not acquired.");
    super.release();
  }
}

class Event {
  private flag = false;
  private waiters: (() => void)[] = [];
  set(): void {
    this.flag = true;
    for (const wake of this.waiters.splice(0)) wake();
  }
  clear(): void {
    this.flag = false;
  }
  isSet(): boolean {
    return this.flag;
  }
  async wait(): Promise<true> {
    if (!this.flag) await new Promise<void>((resolve) => this.waiters.push(resolve));
    return true;
  }
}

/** asyncio.Queue: FIFO between the tasks of one loop; get/put await instead of blocking. */
class Queue<T = unknown> {
  private readonly items: T[] = [];
  private readonly getters: (() => void)[] = [];
  private readonly putters: (() => void)[] = [];
  private unfinished = 0;
  private readonly joined = new Event();
  constructor(readonly maxsize = 0) {
    this.joined.set();
  }
  qsize(): number {
    return this.items.length;
  }
  empty(): boolean {
    return this.items.length === 0;
  }
  full(): boolean {
    return this.maxsize > 0 && this.items.length >= this.maxsize;
  }
  async put(item: T): Promise<void> {
    while (this.full()) await new Promise<void>((resolve) => this.putters.push(resolve));
    this.putNowait(item);
  }
  putNowait(item: T): void {
    if (this.full()) throw Object.assign(new Error("the queue is full"), { name: "QueueFull" });
    this.items.push(item);
    this.unfinished++;
    this.joined.clear();
    this.getters.shift()?.();
  }
  async get(): Promise<T> {
    while (this.empty()) await new Promise<void>((resolve) => this.getters.push(resolve));
    return this.getNowait();
  }
  getNowait(): T {
    if (this.empty()) throw Object.assign(new Error("the queue is empty"), { name: "QueueEmpty" });
    const item = this.items.shift()!;
    this.putters.shift()?.();
    return item;
  }
  taskDone(): void {
    if (this.unfinished <= 0) throw new Error("ValueError: task_done() called too many times");
    if (--this.unfinished === 0) this.joined.set();
  }
  async join(): Promise<void> {
    await this.joined.wait();
  }
}

export const asyncio = { run, sleep, createTask, gather, waitFor, toThread, Lock, Semaphore, Event, Queue, Task };
