// Queue, LifoQueue and PriorityQueue as snippets use them (Python's queue
// module): the queue core (sync/queue-core.ts) in the run's shared heap, so
// every thread and process given a queue reaches the same one, plus what the
// playground adds — items encoded (item-codec.ts), the "waiting on
// a queue" state and wait-for edge while a call really sleeps, and a put or
// get event on the timeline (arg: the queue's depth after it, obj: its id).
//
// Items are copied: data as structured clone copies it; the playground's own
// objects (locks, queues, shared arrays ...) by reference; functions and
// instances of the snippet's top-level classes as a thread's args travel
// (runtime/serialize.ts), so a queue of tasks or callbacks works as in Python.
//
// A queue's buffer starts at DEFAULT_QUEUE_BYTES (64 KiB) and grows as its
// items need (Python's queue.Queue: maxsize counts items, nothing else limits
// it). Given `{ bufferBytes }`, the buffer is that fixed size instead: a put
// waits while it has no room for its bytes, and an item larger than the
// whole buffer fails with ValueError.

import { PlaygroundError, ValueError } from "../base/errors";
import { decode, type CodecOptions } from "../base/value-codec";
import { checkBufferBytes, codecOptions, encodeItem, encoded } from "./item-codec";
import { QUEUE_HEADER_WORDS, QueueCore, QueueOrder, TIMED_OUT } from "../sync/queue-core";
import { compareEncoded } from "../sync/queue-order";
import { context, type WorkerContext, Blocker, place, track, type Placed, SEND, type Sendable, attemptUntil, step, touched, StepKind } from "../runtime/door";
import { EventKind } from "../trace/events";
import { ObjKind } from "../trace/object-kinds";
import { traceQueueItem } from "./queue-items";

/** Trace event kinds of queue traffic (and pipe traffic): arg = depth after, obj = queue id. */
export const QUEUE_PUT = EventKind.QueuePut;
export const QUEUE_GET = EventKind.QueueGet;

export const DEFAULT_QUEUE_BYTES = 64 * 1024;

/** Python's queue.Full: put on a full queue without waiting, or after the timeout. */
export class Full extends PlaygroundError {
  constructor(message = "") { super(message, "Full"); }
}

/** Python's queue.Empty: get on an empty queue without waiting, or after the timeout. */
export class Empty extends PlaygroundError {
  constructor(message = "") { super(message, "Empty"); }
}

export interface QueueOptions {
  /**
   * a fixed byte budget for the queue's items (a put waits for room, and an
   * item larger than it fails); without it the queue's buffer grows as needed
   */
  bufferBytes?: number;
}

/** A queue of the runtime's: of a pool or executor (its task or result queue: `owner`, `role`), or asyncio.toThread's result channel. */
interface RuntimeQueueOptions extends QueueOptions {
  owner?: number;
  role?: "tasks" | "results";
}

/**
 * Set while runtimeQueue() builds one. Not keys of the options a snippet
 * passes: given those, a snippet's queue would be drawn as a pool's, or on
 * no lane.
 */
let makingRuntimeQueue: RuntimeQueueOptions | null = null;

/** A queue the snippet never made, drawn on no lane of its own (a pool's are drawn as its pending count). */
export function runtimeQueue<T>(options: RuntimeQueueOptions = {}): Queue<T> {
  makingRuntimeQueue = options;
  try {
    return new Queue<T>(0, options);
  } finally {
    makingRuntimeQueue = null;
  }
}

export type QueueShared = Placed;

/** Python's (block, timeout) for queues: block=false ignores the timeout. Infinity means forever. */
export function queueTimeout(block: boolean, timeoutMs: number | null | undefined): number {
  if (!block) return 0;
  if (timeoutMs === undefined || timeoutMs === null || timeoutMs === Infinity) return Infinity;
  if (!(timeoutMs >= 0)) throw new ValueError("'timeoutMs' must be a non-negative number");
  return timeoutMs;
}

/**
 * Python's queue.Queue: first in, first out. LifoQueue and PriorityQueue
 * are subclasses, as in Python; a class's static `order` picks the store.
 */
export class Queue<T = unknown> implements Sendable {
  protected static readonly order: QueueOrder = QueueOrder.Fifo;
  protected static readonly kindName: string = "Queue";
  protected static readonly objKind: ObjKind = ObjKind.Queue;

  /** the most items the queue holds (0: no limit but its buffer) */
  readonly maxsize: number;
  private readonly core: QueueCore;
  private readonly ctx: WorkerContext;
  private readonly at: Placed;
  private readonly ref: number;
  private readonly kind: string;
  private readonly blocker: Blocker;
  /** the clock a put or get is stamped with, under the queue's lock (queue-core.ts stamp) */
  private readonly clock = (): number => this.ctx.coarseNow();
  /** codecOptions(ctx), looked up once: put and get are on every item's path */
  private readonly codec: CodecOptions;

  /**
   * `maxsize` items at most (0 or less: no limit but the buffer's bytes);
   * `shared`: the data of [SEND]() from another thread, to reach the same queue.
   */
  constructor(maxsize = 0, options?: QueueOptions, shared?: QueueShared) {
    // Taken first, before any of the snippet's code can run (a getter on the class's `order`), so no queue of its takes the flag.
    const runtime = makingRuntimeQueue;
    makingRuntimeQueue = null;
    const ctx = (this.ctx = context());
    const cls = new.target as unknown as typeof Queue;
    const order = cls.order;
    this.kind = cls.kindName;
    if (shared) {
      this.at = place(cls.objKind, 0, shared);
    } else {
      if (typeof maxsize !== "number" || !Number.isInteger(maxsize)) throw new ValueError(`maxsize must be an integer, got ${String(maxsize)}`);
      const bytes = checkBufferBytes(options?.bufferBytes ?? DEFAULT_QUEUE_BYTES);
      const kind = runtime ? ObjKind.TaskQueue : cls.objKind;
      this.at = place(kind, QUEUE_HEADER_WORDS, undefined, { align: 2, owner: runtime?.owner, role: runtime?.role });
      // As Python's queue.Queue, only maxsize limits it and its buffer grows as items need;
      // a byte budget given with { bufferBytes } is kept to (a put waits for room).
      QueueCore.init(ctx.i32, this.at.base, order, maxsize, bytes, ctx.blocks, options?.bufferBytes === undefined);
    }
    this.ref = this.at.ref;
    this.blocker = new Blocker(this.at);
    track(this, this.ref);
    this.core = new QueueCore(ctx.i32, this.at.base, ctx.ident, compareEncoded, ctx.blocks);
    this.maxsize = this.core.maxsize;
    this.codec = codecOptions(ctx);
  }

  /**
   * Puts `item` in the queue, waiting while it is full if `block` (for at
   * most `timeoutMs`). Raises Full if it is still full.
   */
  put(item: T, blocking = true, timeoutMs?: number): void {
    const waitMs = queueTimeout(blocking, timeoutMs);
    const len = encodeItem(this.ctx, item, this.core.maxItemBytes(), this.kind, this.codec);
    const blocker = this.blocker;
    blocker.timed = waitMs !== Infinity;
    let depth: number;
    this.ctx.race?.release(this.ref);
    try {
      depth = this.ctx.control
        ? this.controlled(StepKind.Put, waitMs, () => this.core.put(encoded, len, 0, undefined, this.clock))
        : this.core.put(encoded, len, waitMs, blocker.onBlock, this.clock);
    } finally {
      blocker.end();
    }
    if (depth === TIMED_OUT) {
      const full = this.maxsize > 0 && this.core.qsize() >= this.maxsize ? `full (maxsize ${this.maxsize})` : "full (its buffer has no room for the item)";
      throw new Full(waitMs === 0 ? `the ${this.kind} is ${full}` : `the ${this.kind} was still ${full} after ${waitMs} ms`);
    }
    // At the moment its item became visible to getters (stamped under the lock), which may be before this thread's wait ended.
    // (Read once: naming the item can run the snippet's code, a Proxy's traps, which may put again.)
    const { opMs } = this.core;
    traceQueueItem(this.ctx, item, opMs);
    this.ctx.traceFastAt(QUEUE_PUT, depth, this.ref, opMs);
  }

  /**
   * Removes and returns the next item, waiting while the queue is empty if
   * `block` (for at most `timeoutMs`). Raises Empty if it is still empty.
   */
  get(blocking = true, timeoutMs?: number): T {
    const waitMs = queueTimeout(blocking, timeoutMs);
    const blocker = this.blocker;
    blocker.timed = waitMs !== Infinity;
    let len: number;
    try {
      len = this.ctx.control
        ? this.controlled(StepKind.Get, waitMs, () => this.core.get(0, undefined, this.clock))
        : this.core.get(waitMs, blocker.onBlock, this.clock);
    } finally {
      blocker.end();
    }
    if (len === TIMED_OUT) throw new Empty(waitMs === 0 ? `the ${this.kind} is empty` : `the ${this.kind} was still empty after ${waitMs} ms`);
    const item = decode(this.core.received, 0, len, this.codec) as T;
    const { depth, opMs } = this.core;
    traceQueueItem(this.ctx, item, opMs);
    this.ctx.traceFastAt(QUEUE_GET, depth, this.ref, opMs);
    this.ctx.race?.acquire(this.ref);
    return item;
  }

  /** put(item, false): raises Full at once if there is no room. */
  putNowait(item: T): void {
    this.put(item, false);
  }

  /** get(false): raises Empty at once if there is no item. */
  getNowait(): T {
    return this.get(false);
  }

  /**
   * A put or get of a controlled run (API.md §10): a step, then attempts
   * that never sleep, the turn given up between them (door attemptUntil);
   * a success may let threads blocked on the queue go on.
   */
  private controlled(kind: StepKind, waitMs: number, attempt: () => number): number {
    step(kind, this.ref);
    const result = attemptUntil(this.at, waitMs, TIMED_OUT, attempt);
    if (result !== TIMED_OUT) touched(this.ref);
    return result;
  }

  /** Items in the queue now (a hint: other threads may change it at once). A step of a controlled run, as a check-then-act races. */
  qsize(): number {
    step(StepKind.Check, this.ref);
    return this.core.qsize();
  }

  empty(): boolean {
    return this.qsize() === 0;
  }

  full(): boolean {
    return this.maxsize > 0 && this.qsize() >= this.maxsize;
  }

  /** Marks one item taken with get() as processed; ValueError if called more often than put. */
  taskDone(): void {
    this.ctx.race?.release(this.ref);
    this.core.taskDone();
    touched(this.ref);
  }

  /** Waits until every item put has been marked done with taskDone(); false if `timeoutMs` passed first. */
  join(timeoutMs?: number): boolean {
    const waitMs = queueTimeout(true, timeoutMs);
    this.blocker.timed = waitMs !== Infinity;
    let done: boolean;
    try {
      if (this.ctx.control) step(StepKind.Join, this.ref);
      done = this.ctx.control ? attemptUntil(this.at, waitMs, false, () => this.core.join(0)) : this.core.join(waitMs, this.blocker.onBlock);
    } finally {
      this.blocker.end();
    }
    if (done) this.ctx.race?.acquire(this.ref);
    return done;
  }

  [SEND]() {
    return { kind: this.kind, data: this.at };
  }

  toString(): string {
    return `<${this.kind} qsize=${this.core.qsize()} maxsize=${this.maxsize}>`;
  }
}

/** Python's queue.LifoQueue: last in, first out (a stack). */
export class LifoQueue<T = unknown> extends Queue<T> {
  protected static override readonly order: QueueOrder = QueueOrder.Lifo;
  protected static override readonly kindName: string = "LifoQueue";
  protected static override readonly objKind: ObjKind = ObjKind.LifoQueue;
}

/** Python's queue.PriorityQueue: smallest first; [priority, value] arrays compare element-wise. */
export class PriorityQueue<T = unknown> extends Queue<T> {
  protected static override readonly order: QueueOrder = QueueOrder.Priority;
  protected static override readonly kindName: string = "PriorityQueue";
  protected static override readonly objKind: ObjKind = ObjKind.PriorityQueue;
}
