// The core of the playground's Queue, LifoQueue and PriorityQueue (Python's
// queue module) and of each direction of a Pipe: a multi-producer,
// multi-consumer queue of variable-size byte records in shared memory.
//
// Algorithm: a monitor, as CPython's Lib/queue.py builds one from a mutex and
// three conditions. The mutex is the futex Lock of lock.ts; each condition is
// a futex word used as a sequence number, waited on as monitor-wait.ts says
// (count yourself a waiter, unlock, spin, Atomics.wait while the word holds
// what you read, to the call's deadline). A thread that changes the state
// bumps the word before notifying, both after it let the lock go (a waiter
// counted itself and read the word under the lock, before this change
// took it, so the bump cannot be missed; bumped inside, a spinning waiter
// would wake to a lock still held, and the two would contend for it).
// Notifies happen only when the counters say someone waits, so the fast
// path is lock, copy, unlock.
//
// Who wakes whom: a put wakes one getter (any getter can take any item), or
// all of them when a poll waits (a poll takes nothing); a get wakes one
// putter, or all of them when some putter waits for bytes rather than for
// maxsize (a freed record may be too small for the one woken); a taskDone
// that brings the unfinished count to 0 wakes every join; close wakes all.
//
// States: open, or closed (after close(): puts fail with CLOSED, gets drain
// what is left and then fail with CLOSED; a Pipe end uses this for EOF).
//
// Growth: a growable queue (Python's queue.Queue: only maxsize limits it)
// never waits for bytes. A put whose item does not fit moves the records,
// in order, into a data block twice the size (or as large as the item
// needs), under the lock, and gives the old block back (blocks.ts); every
// other worker's core sees the new generation under the lock and re-reads
// where the data is. A fixed queue (a Pipe's channel, as an OS pipe has a
// fixed buffer) waits for room instead.
//
// Slots (Int32 word offsets from `base`, which must be even):
//   0-1  lock         the Lock (state, owner)
//   2    notEmpty     futex sequence: bumped by put and close
//   3    notFull      futex sequence: bumped by get and close
//   4    count        items in the queue (read without the lock by qsize)
//   5    unfinished   puts not yet matched by taskDone; join waits on this word
//   6    getWaiters   getters and polls between reading notEmpty and waking
//   7    pollWaiters  of those, the polls
//   8    putWaiters   putters between reading notFull and waking
//   9    roomWaiters  of those, the ones short of bytes, not of maxsize
//   10   joinWaiters
//   11   order        0 FIFO, 1 LIFO, 2 PRIORITY
//   12   maxsize      items; 0 means no limit
//   13   capacity     bytes in the data area (a multiple of 8)
//   14   closed       1 after close()
//   15   data         word index of the data block: 4 words of the store's
//                     state (queue-store.ts), then `capacity` bytes of records
//   16   generation   bumped whenever the data block is replaced
//   17   growable     1: grows instead of waiting for bytes
//   18-19 lastOpMs    f64: the time the timeline gave the last put or get
//                     (stamp(): the queue's puts and gets are stamped in the
//                     order they hold its lock, whatever their threads' clocks)

import { ValueError } from "../base/errors";
import { checkTimeout, Lock } from "./lock";
import { waitRound, WaitRounds, type Monitor } from "./monitor-wait";
import { FifoStore, LifoStore, PriorityStore, STORE_STATE_WORDS, copyBytes, type CompareRecords, type RecordStore } from "./queue-store";

/** Where a queue gets data blocks from (sync/blocks.ts in a run). */
export interface BlockSource {
  alloc(words: number): number;
  free(at: number): void;
}

export const enum QueueOrder { Fifo = 0, Lifo = 1, Priority = 2 }

/** put/get: the timeout passed (or block was false) */
export const TIMED_OUT = -1;
/** put/get: the queue is closed (and, for get, empty) */
export const CLOSED = -2;

const NOT_EMPTY = 2, NOT_FULL = 3, COUNT = 4, UNFINISHED = 5, GET_WAITERS = 6, POLL_WAITERS = 7;
const PUT_WAITERS = 8, ROOM_WAITERS = 9, JOIN_WAITERS = 10, ORDER = 11, MAXSIZE = 12, CAPACITY = 13;
const IS_CLOSED = 14, DATA = 15, GENERATION = 16, GROWABLE = 17, LAST_OP_MS = 18;
export const QUEUE_HEADER_WORDS = 20;
/** how far ahead of a thread's own clock the queue's last stamp may be and still be taken (the snippet can write the slot) */
const MAX_AHEAD_MS = 50;
/** what a stamp adds to the last one when its own clock is not past it: a nanosecond keeps the lock's order where the clocks tie */
const TIE_MS = 1e-6;
/** the largest data area a queue grows to */
const MAX_CAPACITY_BYTES = 1 << 30;

// Which waiter counts a blocked call is in while it waits (waitRound).
const PUTTER = [PUT_WAITERS] as const;
const PUTTER_FOR_ROOM = [PUT_WAITERS, ROOM_WAITERS] as const;
const GETTER = [GET_WAITERS] as const;
const POLLER = [GET_WAITERS, POLL_WAITERS] as const;
const JOINER = [JOIN_WAITERS] as const;

export class QueueCore {
  /** Words of a data block holding `capacityBytes` (rounded up to 8). */
  static blockWords(capacityBytes: number): number {
    return STORE_STATE_WORDS + (Math.ceil(capacityBytes / 8) * 8) / 4;
  }

  /**
   * Writes the header of a new queue (in zeroed memory) before it is
   * shared, with a first data block of `capacityBytes` from `blocks`.
   */
  static init(i32: Int32Array, base: number, order: QueueOrder, maxsize: number, capacityBytes: number, blocks: BlockSource, growable: boolean): void {
    if (base % 2 !== 0) throw new RangeError("queue base must be 8-byte aligned");
    if (!Number.isInteger(capacityBytes) || capacityBytes < 16) throw new ValueError(`queue buffer must be at least 16 bytes, got ${capacityBytes}`);
    const capacity = Math.ceil(capacityBytes / 8) * 8;
    const data = blocks.alloc(QueueCore.blockWords(capacity));
    i32.fill(0, data, data + STORE_STATE_WORDS);
    i32[base + ORDER] = order;
    // Python: maxsize <= 0 means no limit; so does one beyond any count an int32 holds.
    i32[base + MAXSIZE] = maxsize > 0 && maxsize <= 0x7fffffff ? maxsize : 0;
    i32[base + GROWABLE] = growable ? 1 : 0;
    new Float64Array(i32.buffer, i32.byteOffset, i32.length >> 1)[(base + LAST_OP_MS) >> 1] = 0;
    i32[base + DATA] = data;
    Atomics.store(i32, base + CAPACITY, capacity);
  }

  readonly order: QueueOrder;
  readonly maxsize: number;
  /** bytes of the data area, as this core last saw it */
  capacity = 0;
  /** The payload of this worker's last get, in [0, length) */
  received = new Uint8Array(256);
  /** Items in the queue right after this worker's last put or get */
  depth = 0;
  /** the time of this worker's last put or get given a clock (stamp()) */
  opMs = 0;
  private readonly lock: Lock;
  /** what a blocked call waits in (monitor-wait.ts) */
  private readonly monitor: Monitor;
  private readonly f64: Float64Array;
  private readonly growable: boolean;
  private store!: RecordStore;
  private generation = -1;

  constructor(
    private readonly i32: Int32Array,
    private readonly base: number,
    private readonly ident: number,
    private readonly compare?: CompareRecords,
    private readonly blocks?: BlockSource,
  ) {
    this.lock = new Lock(i32, base);
    this.monitor = { i32, base, lock: this.lock, ident };
    this.f64 = new Float64Array(i32.buffer, i32.byteOffset, i32.length >> 1);
    this.order = Atomics.load(i32, base + ORDER);
    this.maxsize = Atomics.load(i32, base + MAXSIZE);
    this.growable = Atomics.load(i32, base + GROWABLE) === 1 && blocks !== undefined;
    if (this.order === QueueOrder.Priority && !compare) throw new Error("internal: a priority queue needs a compare function");
    this.refresh();
  }

  /**
   * Under the lock: the time of the put or get being made, from `clock` (its
   * thread's coarse clock), and never before the queue's last one. Threads'
   * clocks disagree by a little (a thread's own precise stamps raise its
   * floor above the shared coarse clock), and stamped each by its own, a
   * get could be drawn before the put of its item, or two puts swap; and
   * where they tie (one coarse tick), the order of the lock is lost. So each
   * stamp is past the last by TIE_MS at least. A last time further ahead
   * than MAX_AHEAD_MS was not written by a put or get.
   */
  private stamp(clock: () => number): void {
    const at = (this.base + LAST_OP_MS) >> 1;
    const own = clock();
    const last = this.f64[at];
    const tMs = last >= own && last - own <= MAX_AHEAD_MS ? last + TIE_MS : own;
    this.f64[at] = tMs;
    this.opMs = tMs;
  }

  private storeOver(data: number, capacity: number): RecordStore {
    const u8 = new Uint8Array(this.i32.buffer);
    const args = [this.i32, u8, data, data + STORE_STATE_WORDS, capacity] as const;
    if (this.order === QueueOrder.Fifo) return new FifoStore(...args);
    if (this.order === QueueOrder.Lifo) return new LifoStore(...args);
    return new PriorityStore(...args, this.compare!);
  }

  /** Re-reads where the data is if another worker grew the queue (call with the lock held, or before sharing). */
  private refresh(): void {
    const generation = Atomics.load(this.i32, this.base + GENERATION);
    if (generation === this.generation) return;
    this.generation = generation;
    this.capacity = Atomics.load(this.i32, this.base + CAPACITY);
    this.store = this.storeOver(Atomics.load(this.i32, this.base + DATA), this.capacity);
  }

  /**
   * With the lock held: moves the `count` records into a data block large
   * enough for one more record of `len` bytes. False if it cannot grow
   * (the queue is not growable, or the heap is full: then RangeError).
   */
  private grow(len: number, count: number): boolean {
    if (!this.growable) return false;
    const i32 = this.i32, b = this.base;
    let capacity = this.capacity * 2;
    while (capacity - 8 - 4 * (count + 1) < len + 8 * (count + 1) && capacity < MAX_CAPACITY_BYTES) capacity *= 2;
    if (capacity > MAX_CAPACITY_BYTES) throw new RangeError(`a queue cannot grow past ${MAX_CAPACITY_BYTES} bytes`);
    const data = this.blocks!.alloc(QueueCore.blockWords(capacity));
    i32.fill(0, data, data + STORE_STATE_WORDS);
    const next = this.storeOver(data, capacity);
    const old = this.store;
    if (this.order === QueueOrder.Lifo) {
      // A stack is taken from the top and rebuilt from the bottom.
      const records: Uint8Array[] = [];
      for (let n = count; n > 0; n--) {
        const at = old.front(n);
        records.push(old.u8.slice(at, at + old.frontLen));
        old.drop(n);
      }
      records.reverse().forEach((record, n) => next.push(record, record.length, n));
    } else {
      // Oldest (or smallest) first; each record is copied before the old store moves anything.
      for (let n = 0; n < count; n++) {
        const at = old.front(count - n);
        next.push(old.u8.subarray(at), old.frontLen, n);
        old.drop(count - n);
      }
    }
    const oldData = i32[b + DATA];
    i32[b + DATA] = data;
    Atomics.store(i32, b + CAPACITY, capacity);
    Atomics.add(i32, b + GENERATION, 1);
    this.blocks!.free(oldData);
    this.refresh();
    return true;
  }

  /** The largest record an empty queue takes (a growable queue takes any, memory allowing). */
  maxItemBytes(): number {
    return this.growable ? MAX_CAPACITY_BYTES - 64 : this.store.maxItemBytes();
  }

  /**
   * Appends `src[0, len)`, waiting up to `timeoutMs` (Infinity: forever; 0:
   * not at all) while the queue is full. Returns the item count after the
   * put, or TIMED_OUT, or CLOSED. `onBlock` runs once, before the first sleep.
   * `clock`: the put is stamped (opMs) under the lock, the moment before a
   * getter can see the item: stamped after, a put was drawn after the get
   * that took its item.
   */
  put(src: Uint8Array, len: number, timeoutMs = Infinity, onBlock?: () => void, clock?: () => number): number {
    checkTimeout(timeoutMs);
    const i32 = this.i32, b = this.base;
    this.lock.acquire(this.ident);
    this.refresh();
    const max = this.store.maxItemBytes();
    if (len > max && !this.growable) {
      this.lock.release();
      throw new ValueError(`item too large: it takes ${len} bytes, and this buffer of ${this.capacity} bytes holds items of at most ${max} bytes`);
    }
    let rounds: WaitRounds | null = null;
    for (;;) {
      if (i32[b + IS_CLOSED] !== 0) {
        this.lock.release();
        return CLOSED;
      }
      const count = i32[b + COUNT];
      const countOk = this.maxsize === 0 || count < this.maxsize;
      if (countOk && !this.store.fits(len, count)) {
        try {
          this.grow(len, count);
        } catch (error) {
          this.lock.release();
          throw error;
        }
      }
      if (countOk && this.store.fits(len, count)) {
        try {
          this.store.push(src, len, count);
        } catch (error) {
          this.lock.release();
          throw error;
        }
        i32[b + COUNT] = count + 1;
        i32[b + UNFINISHED]++;
        this.depth = count + 1;
        const getters = i32[b + GET_WAITERS];
        const all = i32[b + POLL_WAITERS] > 0;
        if (clock) this.stamp(clock);
        this.lock.release();
        if (getters > 0) {
          Atomics.add(i32, b + NOT_EMPTY, 1);
          Atomics.notify(i32, b + NOT_EMPTY, all ? Infinity : 1);
        }
        return count + 1;
      }
      if (timeoutMs === 0 || rounds?.expired) {
        this.lock.release();
        return TIMED_OUT;
      }
      // Waiting for bytes, not a free slot: a get that frees too little wakes all such putters.
      this.waitRound((rounds ??= new WaitRounds(timeoutMs, onBlock)), NOT_FULL, countOk ? PUTTER_FOR_ROOM : PUTTER);
    }
  }

  /**
   * Takes the next item into `received`, waiting up to `timeoutMs` while the
   * queue is empty. Returns its length in bytes, or TIMED_OUT, or CLOSED.
   * `clock`: as for put, the get is stamped (opMs) under the lock.
   */
  get(timeoutMs = Infinity, onBlock?: () => void, clock?: () => number): number {
    checkTimeout(timeoutMs);
    const i32 = this.i32, b = this.base;
    this.lock.acquire(this.ident);
    this.refresh();
    let rounds: WaitRounds | null = null;
    for (;;) {
      const count = i32[b + COUNT];
      if (count > 0) {
        const store = this.store;
        const at = store.front(count);
        const len = store.frontLen;
        if (len > this.received.length) this.received = new Uint8Array(Math.max(len, this.received.length * 2));
        copyBytes(this.received, 0, store.u8, at, len);
        try {
          store.drop(count);
        } catch (error) {
          this.lock.release();
          throw error;
        }
        i32[b + COUNT] = count - 1;
        this.depth = count - 1;
        const putters = i32[b + PUT_WAITERS];
        const all = i32[b + ROOM_WAITERS] > 0;
        if (clock) this.stamp(clock);
        this.lock.release();
        if (putters > 0) {
          Atomics.add(i32, b + NOT_FULL, 1);
          Atomics.notify(i32, b + NOT_FULL, all ? Infinity : 1);
        }
        return len;
      }
      if (i32[b + IS_CLOSED] !== 0) {
        this.lock.release();
        return CLOSED;
      }
      if (timeoutMs === 0 || rounds?.expired) {
        this.lock.release();
        return TIMED_OUT;
      }
      this.waitRound((rounds ??= new WaitRounds(timeoutMs, onBlock)), NOT_EMPTY, GETTER);
    }
  }

  /**
   * Waits up to `timeoutMs` until an item is there or the queue is closed
   * (a get would not block), and says whether that happened. Takes nothing.
   */
  poll(timeoutMs = 0, onBlock?: () => void): boolean {
    checkTimeout(timeoutMs);
    const i32 = this.i32, b = this.base;
    if (Atomics.load(i32, b + COUNT) > 0 || Atomics.load(i32, b + IS_CLOSED) !== 0) return true;
    if (timeoutMs === 0) return false;
    let rounds: WaitRounds | null = null;
    this.lock.acquire(this.ident);
    for (;;) {
      if (i32[b + COUNT] > 0 || i32[b + IS_CLOSED] !== 0) {
        this.lock.release();
        return true;
      }
      if (timeoutMs === 0 || rounds?.expired) {
        this.lock.release();
        return false;
      }
      this.waitRound((rounds ??= new WaitRounds(timeoutMs, onBlock)), NOT_EMPTY, POLLER);
    }
  }

  /** One round of a blocking call's wait (monitor-wait.ts); where the data is may have moved meanwhile. */
  private waitRound(rounds: WaitRounds, which: number, counters: readonly number[]): void {
    waitRound(this.monitor, rounds, which, counters);
    this.refresh();
  }

  /** Items now (Python's qsize: a hint, it may change at once). */
  qsize(): number {
    return Atomics.load(this.i32, this.base + COUNT);
  }

  unfinished(): number {
    return Atomics.load(this.i32, this.base + UNFINISHED);
  }

  isClosed(): boolean {
    return Atomics.load(this.i32, this.base + IS_CLOSED) !== 0;
  }

  /** Marks one item as processed; wakes every join when none is left. */
  taskDone(): void {
    const i32 = this.i32, b = this.base;
    this.lock.acquire(this.ident);
    const left = i32[b + UNFINISHED] - 1;
    if (left < 0) {
      this.lock.release();
      throw new ValueError("taskDone() called too many times");
    }
    Atomics.store(i32, b + UNFINISHED, left);
    const joiners = left === 0 ? i32[b + JOIN_WAITERS] : 0;
    this.lock.release();
    if (joiners > 0) Atomics.notify(i32, b + UNFINISHED);
  }

  /** Waits until every item put has been marked done; false on timeout. */
  join(timeoutMs = Infinity, onBlock?: () => void): boolean {
    checkTimeout(timeoutMs);
    const i32 = this.i32, b = this.base;
    let rounds: WaitRounds | null = null;
    this.lock.acquire(this.ident);
    for (;;) {
      if (i32[b + UNFINISHED] === 0) {
        this.lock.release();
        return true;
      }
      if (timeoutMs === 0 || rounds?.expired) {
        this.lock.release();
        return false;
      }
      this.waitRound((rounds ??= new WaitRounds(timeoutMs, onBlock)), UNFINISHED, JOINER);
    }
  }

  /** Closes the queue: puts fail from now on, gets drain it and then fail. Wakes everyone. */
  close(): void {
    const i32 = this.i32, b = this.base;
    this.lock.acquire(this.ident);
    i32[b + IS_CLOSED] = 1;
    Atomics.add(i32, b + NOT_EMPTY, 1);
    Atomics.add(i32, b + NOT_FULL, 1);
    this.lock.release();
    Atomics.notify(i32, b + NOT_EMPTY);
    Atomics.notify(i32, b + NOT_FULL);
  }
}
