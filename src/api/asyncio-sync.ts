// asyncio's synchronisation primitives for the tasks of one event loop:
// Semaphore, Lock, Event and Queue. They never block the thread: a task that
// must wait awaits a promise its waker resolves, through `suspend`, so the
// timeline shows that task waiting while the loop runs the others. Wake-ups
// go in arrival order (FIFO), as asyncio's do.

import { suspend } from "./asyncio-suspensions";

type Awaitable<T> = PromiseLike<T>;

/** asyncio.Semaphore: at most `value` tasks inside; the others await their turn in order. */
export class Semaphore {
  private readonly waiters: (() => void)[] = [];
  constructor(private value = 1) {}
  async acquire(): Promise<true> {
    if (this.value > 0 && this.waiters.length === 0) {
      this.value--;
      return true;
    }
    await suspend(new Promise<void>((resolve) => this.waiters.push(resolve)));
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
export class Lock extends Semaphore {
  constructor() {
    super(1);
  }
  override release(): void {
    if (!this.locked()) throw new Error("RuntimeError: Lock is not acquired.");
    super.release();
  }
}

export class Event {
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
    if (!this.flag) await suspend(new Promise<void>((resolve) => this.waiters.push(resolve)));
    return true;
  }
}

/** asyncio.Queue: FIFO between the tasks of one loop; get/put await instead of blocking. */
export class Queue<T = unknown> {
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
    while (this.full()) await suspend(new Promise<void>((resolve) => this.putters.push(resolve)));
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
    while (this.empty()) await suspend(new Promise<void>((resolve) => this.getters.push(resolve)));
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
