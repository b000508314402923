// The core of the playground's `Condition` (Python's threading.Condition)
// over a Lock or RLock core that the caller holds.
//
// Algorithm: CPython's own (Lib/threading.py, Condition): a FIFO queue of
// waiters, each with a private word to sleep on; wait() appends the caller
// and releases the lock, notify(n) unlinks the first n waiters and wakes
// each one on its own word. A plain "notify sequence" futex word (glibc's,
// Rust's futex condvar) would be simpler, but Atomics.notify(word, 1) wakes
// whoever is asleep, not whoever queued first, and a waiter that has
// released the lock but not yet reached Atomics.wait sees the bumped
// sequence and leaves as well: notify(1) could then wake two threads, and
// Python promises at most n, chosen among those already waiting. With one
// word per waiter, exactly the unlinked waiters wake, in FIFO order, and no
// wake-up is lost: the queue is changed only under the lock, and a waiter
// that has not gone to sleep yet finds its word already set.
//
// The queue is intrusive: a waiter passes its own node (NODE_WORDS words in
// shared memory, one per thread: a thread waits on one condition at a time),
// so any number of threads can wait without the condition reserving room.
//
// Timeouts: a waiter that times out re-takes the lock and then unlinks its
// node, unless a notify got to it first (its word is set and it is already
// unlinked): then it returns true, where CPython would return False and the
// program would lose that notification.
//
// Slots (Int32 word offsets from `base`), changed only under the lock:
//   0  head    first waiting node, 0 when none
//   1  tail    last waiting node, 0 when none
//   2  count   waiting nodes (read lock-free by waiting(), a snapshot)
// Node slots (offsets from the node's index, which must be > 0):
//   0  flag    0 WAITING, 1 NOTIFIED: the word its thread sleeps on
//   1  next    the node behind it in the queue, 0 at the tail
//
// Ownership: "holds the lock" is the lock's owner slot naming the caller
// (for a Lock this is stricter than CPython, which only checks that someone
// holds it). Waiting or notifying without holding it is a RuntimeError, with
// CPython's messages.

import { RuntimeError, ValueError } from "../base/errors";
import { checkIdent, checkTimeout, Lock } from "./lock";
import { RLock } from "./rlock";
import { waitWhileEquals } from "./sleep";

const HEAD = 0;
const TAIL = 1;
const COUNT = 2;
const FLAG = 0;
const NEXT = 1;
const WAITING = 0;
const NOTIFIED = 1;

/**
 * Python's Condition.wait_for loop: calls `wait` with the time left until
 * `predicate()` is truthy or `timeoutMs` has passed (Infinity: never), and
 * returns the predicate's last value. Shared by the core and the API layer,
 * which passes a traced wait.
 */
export function waitForPredicate<T>(predicate: () => T, timeoutMs: number, wait: (timeoutMs: number) => unknown, now: () => number = () => performance.now()): T {
  checkTimeout(timeoutMs);
  let result = predicate();
  const deadline = now() + timeoutMs;
  for (let first = true; !result; first = false) {
    const leftMs = deadline - now();
    // Like CPython, the first wait happens even with a zero timeout.
    if (!first && leftMs <= 0) break;
    wait(Math.max(leftMs, 0));
    result = predicate();
  }
  return result;
}

export class Condition {
  static readonly WORDS = 3;
  static readonly NODE_WORDS = 2;

  constructor(
    private readonly i32: Int32Array,
    private readonly base: number,
    readonly lock: Lock | RLock,
  ) {}

  /** True when `ident` holds the lock (all that wait and notify require). */
  owns(ident: number): boolean {
    const lock = this.lock;
    return lock instanceof RLock ? lock.isOwnedBy(ident) : ident > 0 && lock.owner() === ident;
  }

  /**
   * Releases the lock (an RLock at every level), sleeps until notified or
   * `timeoutMs` passes (Infinity: forever), re-takes the lock (an RLock at
   * its old depth) and returns whether it was notified. `node` is the
   * caller's own NODE_WORDS words. `onBlock` runs once, just before the
   * caller sleeps waiting for a notify; `onRelock` once, just before it
   * sleeps re-taking the lock.
   */
  wait(ident: number, node: number, timeoutMs = Infinity, onBlock?: () => void, onRelock?: () => void): boolean {
    checkTimeout(timeoutMs);
    const saved = this.beginWait(ident, node);
    let notified = false;
    try {
      notified = this.sleep(node, timeoutMs, onBlock);
    } finally {
      notified = this.endWait(ident, node, saved, notified, onRelock);
    }
    return notified;
  }

  /**
   * wait() in pieces, for a caller that does the sleeping itself (a
   * controlled run, where a thread gives its turn up instead of sleeping on
   * the node's word): queues `node` and frees the lock; returns what
   * endWait needs to take it back.
   */
  beginWait(ident: number, node: number): number {
    checkIdent(ident);
    this.checkNode(node);
    if (!this.owns(ident)) throw new RuntimeError("cannot wait on un-acquired lock");
    this.enqueue(node);
    return this.releaseLock(ident);
  }

  /** Whether a notify has unlinked `node` (a waiter's word is set once, by the notify that wakes it). */
  isNotified(node: number): boolean {
    return Atomics.load(this.i32, node + FLAG) === NOTIFIED;
  }

  /** Re-takes the lock (`onRelock` before sleeping for it) and settles the queue; returns whether the waiter counts as notified. */
  endWait(ident: number, node: number, saved: number, notified: boolean, onRelock?: () => void): boolean {
    this.relock(ident, saved, onRelock);
    // Under the lock again. Not notified in time: still queued, unless a
    // notify unlinked us between the timeout and now (then we count as
    // notified, so the notification is not lost).
    if (notified || this.isNotified(node)) return true;
    this.unlink(node);
    return false;
  }

  /** Python's wait_for: waits until `predicate()` is truthy or the time is up; returns its last value. */
  waitFor<T>(ident: number, node: number, predicate: () => T, timeoutMs = Infinity, onBlock?: () => void, onRelock?: () => void): T {
    return waitForPredicate(predicate, timeoutMs, (leftMs) => this.wait(ident, node, leftMs, onBlock, onRelock));
  }

  /** Wakes the first `n` waiters (fewer if fewer wait); returns how many it woke. */
  notify(ident: number, n = 1): number {
    if (!this.owns(ident)) throw new RuntimeError("cannot notify on un-acquired lock");
    const i32 = this.i32;
    const base = this.base;
    let woken = 0;
    while (woken < n) {
      const node = Atomics.load(i32, base + HEAD);
      if (node === 0) break;
      const next = Atomics.load(i32, node + NEXT);
      Atomics.store(i32, base + HEAD, next);
      if (next === 0) Atomics.store(i32, base + TAIL, 0);
      Atomics.sub(i32, base + COUNT, 1);
      Atomics.store(i32, node + FLAG, NOTIFIED);
      Atomics.notify(i32, node + FLAG, 1);
      woken++;
    }
    return woken;
  }

  notifyAll(ident: number): number {
    return this.notify(ident, Infinity);
  }

  /** Threads waiting now (a snapshot unless the caller holds the lock). */
  waiting(): number {
    return Atomics.load(this.i32, this.base + COUNT);
  }

  private checkNode(node: number): void {
    if (!Number.isInteger(node) || node <= 0 || node + Condition.NODE_WORDS > this.i32.length) {
      throw new ValueError(`condition waiter node must be a positive word index inside the heap, got ${node}`);
    }
  }

  private enqueue(node: number): void {
    const i32 = this.i32;
    const base = this.base;
    Atomics.store(i32, node + FLAG, WAITING);
    Atomics.store(i32, node + NEXT, 0);
    const tail = Atomics.load(i32, base + TAIL);
    if (tail === 0) Atomics.store(i32, base + HEAD, node);
    else Atomics.store(i32, tail + NEXT, node);
    Atomics.store(i32, base + TAIL, node);
    Atomics.add(i32, base + COUNT, 1);
  }

  /** Removes `node` from the queue (a linear walk: queues are short). */
  private unlink(node: number): void {
    const i32 = this.i32;
    const base = this.base;
    let prev = 0;
    let at = Atomics.load(i32, base + HEAD);
    while (at !== 0 && at !== node) {
      prev = at;
      at = Atomics.load(i32, at + NEXT);
    }
    if (at === 0) return;
    const next = Atomics.load(i32, node + NEXT);
    if (prev === 0) Atomics.store(i32, base + HEAD, next);
    else Atomics.store(i32, prev + NEXT, next);
    if (Atomics.load(i32, base + TAIL) === node) Atomics.store(i32, base + TAIL, prev);
    Atomics.sub(i32, base + COUNT, 1);
  }

  /** True once notified; false when `timeoutMs` passed first. */
  private sleep(node: number, timeoutMs: number, onBlock?: () => void): boolean {
    const flag = node + FLAG;
    if (Atomics.load(this.i32, flag) === NOTIFIED) return true;
    if (timeoutMs === 0) return false;
    onBlock?.();
    return waitWhileEquals(this.i32, flag, WAITING, timeoutMs);
  }

  /** Frees the lock completely; returns what relock needs (an RLock's depth). */
  private releaseLock(ident: number): number {
    const lock = this.lock;
    if (lock instanceof RLock) return lock.releaseAll(ident);
    lock.release(ident);
    return 1;
  }

  private relock(ident: number, depth: number, onRelock?: () => void): void {
    const lock = this.lock;
    if (lock instanceof RLock) lock.restore(ident, depth, Infinity, onRelock);
    else lock.acquire(ident, Infinity, onRelock);
  }
}
