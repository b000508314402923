// A single-producer, single-consumer ring of fixed-size trace events in
// shared memory. The producer is the one worker whose thread it traces; the
// consumer is the run's drainer worker (runtime/drainer), which copies events
// out as they come. No postMessage per event, and nothing is lost: a thread
// whose ring is full waits for the drainer, as a process waits on a full
// pipe, instead of dropping events. Only once the run is ending (the runner
// has cut it off) are events past a full ring counted as dropped.
//
// Slots (Int32 word offsets from `base`, which must be even so the f64 lands
// 8-byte aligned):
//   0  written   events published so far (wraps at 2^32; compared by difference)
//   1  read      events consumed so far (the drainer moves it; a full writer waits on it)
//   2  dropped   events lost at the end of the run
//   3  capacity  number of event slots (a power of two, at most MAX_RING_EVENTS)
//   4  holding   1 while the writer holds back a lock release it may fold (below)
//   5  (padding)
//   6.. events, 4 words each: f64 tMs, i32 kind<<24|arg, i32 obj
//
// Folding: a thread that takes and releases an uncontended lock over and
// over makes two events per pair (tens of millions a second), all stamped
// with the same coarse time until the clock ticks (about 0.5 ms). The pairs
// after the first one in a tick tell nothing new but how many there were,
// so the writer folds them: the tick's release is held back unpublished,
// and each further acquire/release of the same lock at the same time only
// adds 1 to its count (the release's arg). Counts stay exact; times are as
// exact as they were. The held release is published by the next other
// event, by a new tick, or when the drainer asks (it sets the thread's
// eval-breaker word; its next tick() calls flush()), so a release is never
// missing from the page for long.
//
// Time: state changes (which happen where a thread blocks anyway) read the
// precise clock; per-operation events on fast paths (an uncontended lock)
// read the run's shared coarse clock instead (one Float64 load, kept within
// about a millisecond by the run's clock worker) because performance.now()
// costs 80-200 ns in a worker, ten times the lock operation it would time.
// A coarse time never goes back past a precise one already written, here
// or in the thread's output (a printed line: notBefore).
//
// Publication: the producer writes the event's words, then Atomics.store of
// `written` (a release in the JS memory model); the consumer Atomics.loads
// `written` before reading the words, so it sees complete events. When the
// ring becomes half full the producer bumps the run's drain signal word and
// notifies it, so the drainer comes before the ring is full.
//
// Closing: a thread's slot, rings included, is reused once it has ended and
// been drained. Code the thread left running after its end (a promise chain
// it did not await) still holds its writer: the runtime closes it as the
// thread ends, and a closed writer writes nothing, so that code cannot
// write into the ring of the thread that has the slot next.

import { EventKind } from "./events";

export const RING_HEADER_WORDS = 6;
/** word of the ring's header that says the writer holds back a release */
export const RING_HOLDING = 4;
export const EVENT_WORDS = 4;
export const EVENT_BYTES = EVENT_WORDS * 4;
export const MAX_RING_EVENTS = 1 << 20;
/** how far past the coarse clock an explicit coarse stamp may raise the thread's floor (writeCoarseAt; queue-core.ts MAX_AHEAD_MS) */
const MAX_FLOOR_AHEAD_MS = 50;
/** how long a writer waits on a full ring before it looks at the run's state again */
const FULL_WAIT_MS = 20;

export function ringWords(capacity: number): number {
  return RING_HEADER_WORDS + capacity * EVENT_WORDS;
}

export function initRing(i32: Int32Array, base: number, capacity: number): void {
  if (base % 2 !== 0) throw new Error("ring base must be 8-byte aligned");
  if (capacity & (capacity - 1) || capacity > MAX_RING_EVENTS) throw new Error("ring capacity must be a power of two");
  Atomics.store(i32, base, 0);
  Atomics.store(i32, base + 1, 0);
  Atomics.store(i32, base + 2, 0);
  Atomics.store(i32, base + 3, capacity);
  Atomics.store(i32, base + RING_HOLDING, 0);
}

/** Where a writer finds the run's drain signal and whether the run is ending. */
export interface RingSignals {
  /** word bumped and notified to wake the drainer */
  drainSignal: number;
  /** word that is 0 while the run runs */
  runState: number;
}

export class RingWriter {
  private readonly f64: Float64Array;
  private readonly mask: number;
  private readonly half: number;
  private written: number;
  private lastMs = 0;
  /** false: fast-path events are not recorded (setTracing; the benchmarks' baseline) */
  fastEvents = true;
  private dropped: number;
  // The release held back for folding (written at slot `written`, not yet published).
  private held = false;
  private heldRef = 0;
  private heldMs = 0;
  private heldCount = 0;
  /** an acquire of heldRef at heldMs was taken in and not written: the lock is held */
  private folding = false;
  /** the thread has ended (see Closing in the header) */
  private closed = false;
  /** events refused since close(): what code the ended thread left running did (thread-main.ts reports them) */
  lateEvents = 0;
  /** called at the next refused event, once (thread-main.ts: a chain a timer resumes long after the end) */
  onLate: (() => void) | null = null;

  private late(): false {
    this.lateEvents++;
    if (this.onLate) {
      const then = this.onLate;
      this.onLate = null;
      then();
    }
    return false;
  }

  /**
   * `capacity`: the one the ring was made with (its header's copy is not
   * trusted: a wider one would write past the ring); `coarseClockIndex`:
   * Float64 index of the shared coarse clock in the same buffer
   */
  constructor(
    private readonly i32: Int32Array,
    private readonly base: number,
    capacity: number,
    private readonly coarseClockIndex: number,
    private readonly signals: RingSignals,
  ) {
    if (capacity <= 0 || capacity & (capacity - 1)) throw new Error("ring capacity must be a power of two");
    this.f64 = new Float64Array(i32.buffer, i32.byteOffset, i32.length >> 1);
    this.mask = capacity - 1;
    this.half = capacity >> 1;
    this.written = Atomics.load(i32, base);
    this.dropped = Atomics.load(i32, base + 2);
  }

  /** The coarse clock's time, never before this thread's last precise stamp (see the header). */
  coarseMs(): number {
    const coarse = this.f64[this.coarseClockIndex];
    return coarse > this.lastMs ? coarse : this.lastMs;
  }

  /** Record an event at the coarse clock's time (see the header). */
  writeCoarse(kind: number, arg: number, obj: number): void {
    if (!this.fastEvents) return;
    if (this.held) this.flush();
    this.put(this.coarseMs(), kind, arg, obj);
  }

  /**
   * A fast-path event at `tMs`, a time this thread's coarse clock gave a
   * moment before (a put's or a get's, taken under the queue's lock:
   * queue-core.ts stamp), which its later events do not go before.
   */
  writeCoarseAt(tMs: number, kind: number, arg: number, obj: number): void {
    if (!this.fastEvents) return;
    if (this.held) this.flush();
    // (Not past the coarse clock by more than a queue takes from another thread's stamp: the snippet can write
    // that stamp, and a floor that followed it step by step would carry every later stamp past the run's end.)
    if (tMs > this.lastMs && tMs - this.f64[this.coarseClockIndex] <= MAX_FLOOR_AHEAD_MS) this.lastMs = tMs;
    this.put(tMs, kind, arg, obj);
  }

  /**
   * This thread stamped `tMs` precisely outside this ring (a printed line,
   * output-ring.ts): its later coarse stamps do not go before it. Without
   * this, a pipe's send after a print was drawn before the line it follows.
   */
  notBefore(tMs: number): void {
    if (tMs > this.lastMs) this.lastMs = tMs;
  }

  write(tMs: number, kind: number, arg: number, obj: number): void {
    if (this.held) this.flush();
    // (Not clamped to the thread's last stamp: an asyncio task's await is stamped when it began, before events
    // written since, and the model places it (trace/model.ts loopMoved).)
    if (tMs > this.lastMs) this.lastMs = tMs;
    this.put(tMs, kind, arg, obj);
  }

  /**
   * A fast-path acquire of lock `ref`, folded when it can be. `releasedAt`:
   * the Float64 index of the lock's last release time (releaseTime): the
   * acquire is never stamped before it, so a hold is never drawn before the
   * previous holder let go (the coarse clock lags, and a thread's own
   * precise stamps may run ahead of it).
   */
  lockAcquired(ref: number, releasedAt = -1): void {
    if (!this.fastEvents) return;
    let tMs = this.coarseMs();
    if (releasedAt >= 0) {
      // (Within MAX_FLOOR_AHEAD_MS of the coarse clock: the snippet can write the slot.)
      const floor = this.f64[releasedAt];
      if (floor > tMs && floor - this.f64[this.coarseClockIndex] <= MAX_FLOOR_AHEAD_MS) this.lastMs = tMs = floor;
      // A stamp ahead of the coarse clock is kept there too, for the release that ends this hold: another
      // thread may release a Lock, and its clock may lag this one's (releaseTime).
      else if (tMs > this.f64[this.coarseClockIndex]) this.f64[releasedAt] = tMs;
    }
    if (this.held && !this.folding && ref === this.heldRef && tMs === this.heldMs && this.heldCount < 0xffffff) {
      this.folding = true;
      return;
    }
    if (this.held) this.flush();
    this.put(tMs, EventKind.LockAcquired, 0, ref);
  }

  /**
   * The time of a release of a lock, taken before the lock is freed (a
   * release stamped after could be stamped after the next holder's acquire,
   * had this thread been held up between the two), and kept at the Float64
   * index `releasedAt` beside the lock for the next acquire (lockAcquired).
   * Written inside the critical section, it is read by the next holder
   * after the lock's own synchronizing operations. Only a time ahead of the
   * coarse clock (this thread's own precise stamps ran ahead of it) needs
   * keeping: the next acquire, later, reads the coarse clock at that time or
   * later anyway. A time kept from an earlier release is in the past, which
   * leaves a later acquire's stamp as it was.
   */
  releaseTime(releasedAt: number): number {
    const coarse = this.f64[this.coarseClockIndex];
    // Never before the acquire of the hold it ends (kept there if it ran ahead of the coarse clock: lockAcquired).
    // A Lock may be released by a thread that does not hold it, whose clock lags the holder's: stamped by its
    // own, the release came before the acquire, and the page took the hold it ended for another's.
    // (Within MAX_FLOOR_AHEAD_MS of the coarse clock: the snippet can write the slot.)
    const floor = this.f64[releasedAt];
    if (floor > this.lastMs && floor > coarse && floor - coarse <= MAX_FLOOR_AHEAD_MS) this.lastMs = floor;
    if (coarse >= this.lastMs) return coarse;
    this.f64[releasedAt] = this.lastMs;
    return this.lastMs;
  }

  /** A fast-path release of lock `ref` at `tMs` (releaseTime; its event's arg: the pairs folded into it). */
  lockReleased(ref: number, tMs = this.coarseMs()): void {
    if (!this.fastEvents) return;
    if (this.folding && ref === this.heldRef && tMs === this.heldMs) {
      // The count goes into the held event when it is published: no store to shared memory per pair.
      this.folding = false;
      this.heldCount++;
      return;
    }
    if (this.held) this.flush();
    if (!this.reserve()) return;
    const at = this.slot(this.written);
    this.f64[at >> 1] = tMs;
    this.i32[at + 2] = EventKind.LockReleased << 24;
    this.i32[at + 3] = ref;
    this.held = true;
    this.heldRef = ref;
    this.heldMs = tMs;
    this.heldCount = 0;
    Atomics.store(this.i32, this.base + RING_HOLDING, 1);
  }

  /** The thread has ended: publishes what is held back; nothing written after reaches the ring. Returns the events it was given, in all. */
  close(): number {
    this.flush();
    // (All it wrote, whatever the thread's code did to the count since: ring-reader.ts.)
    Atomics.store(this.i32, this.base, this.written);
    this.closed = true;
    return this.written;
  }

  /** Publishes a held-back release (and the acquire taken in after it, if any). */
  flush(): void {
    if (!this.held) return;
    this.held = false;
    this.i32[this.slot(this.written) + 2] = (EventKind.LockReleased << 24) | this.heldCount;
    this.publish();
    Atomics.store(this.i32, this.base + RING_HOLDING, 0);
    if (this.folding) {
      this.folding = false;
      this.put(this.heldMs, EventKind.LockAcquired, 0, this.heldRef);
    }
  }

  private slot(w: number): number {
    return this.base + RING_HEADER_WORDS + (w & this.mask) * EVENT_WORDS;
  }

  /** Room for one more event (waiting for the drainer if needed); false once the run is ending and it is full. */
  private reserve(): boolean {
    if (this.closed) return this.late();
    const used = (this.written - this.i32[this.base + 1]) | 0;
    return used <= this.mask || this.waitForRoom();
  }

  private publish(): void {
    const used = (this.written - this.i32[this.base + 1]) | 0;
    this.written = (this.written + 1) | 0;
    Atomics.store(this.i32, this.base, this.written);
    if (used === this.half) this.signal();
  }

  private put(tMs: number, kind: number, arg: number, obj: number): void {
    const i32 = this.i32;
    const base = this.base;
    const w = this.written;
    if (this.closed) {
      this.late();
      return;
    }
    // A plain read of the reader's position: V8 does not inline Atomics.load,
    // and a stale value only makes the ring look fuller than it is. (The
    // Atomics.store below keeps the compiler from caching it across calls.)
    const used = (w - i32[base + 1]) | 0;
    if (used > this.mask && !this.waitForRoom()) return;
    const at = base + RING_HEADER_WORDS + (w & this.mask) * EVENT_WORDS;
    this.f64[at >> 1] = tMs;
    i32[at + 2] = (kind << 24) | (arg & 0xffffff);
    i32[at + 3] = obj;
    this.written = (w + 1) | 0;
    Atomics.store(i32, base, this.written);
    if (used === this.half) this.signal();
  }

  private signal(): void {
    Atomics.add(this.i32, this.signals.drainSignal, 1);
    Atomics.notify(this.i32, this.signals.drainSignal);
  }

  /** Waits for the drainer to make room; false (the event is dropped) once the run is ending. */
  private waitForRoom(): boolean {
    const i32 = this.i32;
    const readIndex = this.base + 1;
    for (;;) {
      if (Atomics.load(i32, this.signals.runState) !== 0) {
        i32[this.base + 2] = ++this.dropped;
        return false;
      }
      this.signal();
      const read = Atomics.load(i32, readIndex);
      if (((this.written - read) | 0) <= this.mask) return true;
      Atomics.wait(i32, readIndex, read, FULL_WAIT_MS);
    }
  }
}
