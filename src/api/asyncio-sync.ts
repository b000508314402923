// asyncio's synchronisation primitives for the tasks of one event loop:
// Semaphore, Lock, Event and Queue. They never block the thread: a task that
// must wait awaits a promise its waker resolves, through `suspend`, so the
// timeline shows that task waiting while the loop runs the others. Wake-ups
// go in arrival order (FIFO), as asyncio's do.
//
// A waiting task that is cancelled (Task.cancel, waitFor's timeout, a
// cancelled gather) leaves its line at once and raises CancelledError from
// the call, as Python's do: a Lock or a Semaphore's unit already handed to
// it goes on to the next waiter, and a Queue's get() takes no item. A
// cancel that comes after its turn came, before the snippet's await of the
// call resumed, is raised at that await, and what the call took is given
// back there (asyncio-cancel.ts WaitEffect). A call that did not wait (a
// free Lock) is no place a cancel is raised, as in Python.
//
// States of a waiter (waitInLine): in line; handed its turn (its waker
// called); or gone (cancelled: out of the line, or, if handed, its turn
// passed on).

import { currentTask, suspendAs } from "./asyncio-suspensions";
import { apiWait, takeCancellation, type WaitEffect } from "./asyncio-cancel";

type Awaitable<T> = PromiseLike<T>;

/**
 * Waits in `line` until a waker called from it hands this task its turn; a
 * cancel meanwhile takes it out of the line (calling `passOn` if its turn
 * had come already) and throws the CancelledError.
 */
async function waitInLine(line: (() => void)[], passOn: () => void): Promise<number> {
  let handed = false;
  let go!: () => void;
  const turn = new Promise<void>((resolve) => (go = resolve));
  const waiter = () => {
    handed = true;
    go();
  };
  line.push(waiter);
  const leave = () => {
    const at = line.indexOf(waiter);
    if (at >= 0) line.splice(at, 1);
    go();
  };
  const { settled, suspension } = suspendAs(turn, currentTask(), leave);
  await settled;
  const cancelled = takeCancellation(suspension.task);
  if (!cancelled) return suspension.task;
  if (handed) passOn();
  throw cancelled;
}

/** An API wait (see the header): `run` says, once it has taken its turn, how to give back what it took. */
function waiting<T>(run: (effect: WaitEffect) => Promise<T>): Promise<T> {
  const effect: WaitEffect = { undo: null };
  return apiWait(run(effect), effect);
}

/** asyncio.Semaphore: at most `value` tasks inside; the others await their turn in order. */
export class Semaphore {
  private readonly waiters: (() => void)[] = [];
  constructor(private value = 1) {}
  acquire(): Promise<true> {
    return waiting((effect) => this.take(effect));
  }
  private async take(effect: WaitEffect): Promise<true> {
    // (Undone only where a cancel is raised at the await of this call: once it waited, or at its task's first step.)
    effect.undo = () => this.handOn();
    if (this.value > 0 && this.waiters.length === 0) {
      this.value--;
      return true;
    }
    effect.waitedAs = await waitInLine(this.waiters, () => this.handOn());
    return true;
  }
  /** Hands the unit straight to the next waiter, if any, so nobody overtakes it. */
  release(): void {
    this.handOn();
  }
  private handOn(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.value++;
  }
  locked(): boolean {
    return this.value === 0;
  }
  async with<T>(fn: () => Awaitable<T> | T): Promise<T> {
    const effect: WaitEffect = { undo: null };
    await this.take(effect);
    // A cancel that came after its turn, before this went on: Python's `async with` raises it there, and the body never runs.
    const cancelled = effect.waitedAs ? takeCancellation(effect.waitedAs) : null;
    if (cancelled) {
      this.handOn();
      throw cancelled;
    }
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
  wait(): Promise<true> {
    return waiting(() => this.waitSet());
  }
  private async waitSet(): Promise<true> {
    // (set() wakes every waiter: nothing to pass on.)
    if (!this.flag) await waitInLine(this.waiters, () => {});
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
  put(item: T): Promise<void> {
    return waiting((effect) => this.putWhenRoom(item, effect));
  }
  private async putWhenRoom(item: T, effect: WaitEffect): Promise<void> {
    // (A putter woken and cancelled wakes the next, if there is room still.)
    while (this.full()) await waitInLine(this.putters, () => this.full() || this.putters.shift()?.());
    this.putNowait(item);
    effect.undo = () => this.takeBack(item);
  }
  /** A put that its cancel undoes: the item leaves the queue, if no getter has taken it yet. */
  private takeBack(item: T): void {
    const at = this.items.lastIndexOf(item);
    if (at < 0) return;
    this.items.splice(at, 1);
    if (--this.unfinished === 0) this.joined.set();
    this.putters.shift()?.();
  }
  putNowait(item: T): void {
    if (this.full()) throw Object.assign(new Error("the queue is full"), { name: "QueueFull" });
    this.items.push(item);
    this.unfinished++;
    this.joined.clear();
    this.getters.shift()?.();
  }
  get(): Promise<T> {
    return waiting((effect) => this.getWhenAny(effect));
  }
  private async getWhenAny(effect: WaitEffect): Promise<T> {
    while (this.empty()) await waitInLine(this.getters, () => this.empty() || this.getters.shift()?.());
    const item = this.getNowait();
    // A get its cancel undoes takes no item: it goes back to the front, for the next getter.
    effect.undo = () => {
      this.items.unshift(item);
      this.getters.shift()?.();
    };
    return item;
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
  join(): Promise<void> {
    return waiting(() => this.allDone());
  }
  private async allDone(): Promise<void> {
    await this.joined.wait();
  }
}
