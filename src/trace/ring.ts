// A single-producer, single-consumer ring of fixed-size trace events in
// shared memory. The producer is the one worker whose thread it traces; the
// consumer is the page, draining once per animation frame. No postMessage per
// event, and a full ring drops (and counts) new events instead of
// overwriting ones the reader has not seen, so what is read is never torn.
//
// Slots (Int32 word offsets from `base`, which must be even so the f64 lands
// 8-byte aligned):
//   0  written   events published so far (wraps at 2^32; compared by difference)
//   1  read      events consumed so far
//   2  dropped   events lost because the ring was full
//   3  capacity  number of event slots (a power of two)
//   4.. events, 4 words each: f64 tMs, i32 kind<<24|arg, i32 obj
//
// Time: state changes (which happen where a thread blocks anyway) read the
// precise clock; per-operation events on fast paths (an uncontended lock)
// read the run's shared coarse clock instead — one Float64 load, kept within
// about a millisecond by the run's clock worker — because performance.now()
// costs 80-200 ns in a worker, ten times the lock operation it would time.
// Times within one ring never go backwards.
//
// Publication: the producer writes the event's words, then Atomics.store of
// `written` (a release in the JS memory model); the consumer Atomics.loads
// `written` before reading the words, so it sees complete events.

export const RING_HEADER_WORDS = 4;
/** slots kept free of fast-path events, for state changes (see writeCoarse) */
const FAST_RESERVE = 256;
export const EVENT_WORDS = 4;

export function ringWords(capacity: number): number {
  return RING_HEADER_WORDS + capacity * EVENT_WORDS;
}

export function initRing(i32: Int32Array, base: number, capacity: number): void {
  if (base % 2 !== 0) throw new Error("ring base must be 8-byte aligned");
  if (capacity & (capacity - 1)) throw new Error("ring capacity must be a power of two");
  Atomics.store(i32, base + 3, capacity);
}

export class RingWriter {
  private readonly f64: Float64Array;
  private readonly mask: number;
  private written: number;
  private lastMs = 0;
  /** false: fast-path events are not recorded (setTracing; the benchmarks' baseline) */
  fastEvents = true;
  private dropped: number;

  /** `coarseClockIndex`: Float64 index of the shared coarse clock in the same buffer */
  constructor(private readonly i32: Int32Array, private readonly base: number, private readonly coarseClockIndex = -1) {
    this.f64 = new Float64Array(i32.buffer, i32.byteOffset, i32.length >> 1);
    this.mask = Atomics.load(i32, base + 3) - 1;
    this.written = Atomics.load(i32, base);
    this.dropped = Atomics.load(i32, base + 2);
  }

  /**
   * Record an event at the coarse clock's time (see the header). Fast-path
   * events may fill the ring only up to FAST_RESERVE slots short of full, so
   * a thread in a tight lock loop cannot crowd out its own state changes,
   * which RunResult's running and blocked times are computed from.
   */
  writeCoarse(kind: number, arg: number, obj: number): void {
    if (!this.fastEvents) return;
    const coarse = this.coarseClockIndex >= 0 ? this.f64[this.coarseClockIndex] : 0;
    this.put(coarse > this.lastMs ? coarse : this.lastMs, kind, arg, obj, this.mask - FAST_RESERVE);
  }

  write(tMs: number, kind: number, arg: number, obj: number): void {
    if (tMs > this.lastMs) this.lastMs = tMs;
    this.put(tMs, kind, arg, obj, this.mask);
  }

  private put(tMs: number, kind: number, arg: number, obj: number, limit: number): void {
    const i32 = this.i32;
    const base = this.base;
    const w = this.written;
    // A plain read of the reader's position: V8 does not inline Atomics.load,
    // and a stale value only makes the ring look fuller than it is. (The
    // Atomics.store below keeps the compiler from caching it across calls.)
    if (((w - i32[base + 1]) | 0) > limit) {
      // Only this worker writes the count: a plain store, no locked add.
      i32[base + 2] = ++this.dropped;
      return;
    }
    const at = base + RING_HEADER_WORDS + (w & this.mask) * EVENT_WORDS;
    this.f64[at >> 1] = tMs;
    i32[at + 2] = (kind << 24) | (arg & 0xffffff);
    i32[at + 3] = obj;
    this.written = (w + 1) | 0;
    Atomics.store(i32, base, this.written);
  }
}

export interface DrainedEvent {
  tMs: number;
  kind: number;
  arg: number;
  obj: number;
}

export class RingReader {
  private readonly f64: Float64Array;

  constructor(private readonly i32: Int32Array, private readonly base: number) {
    this.f64 = new Float64Array(i32.buffer, i32.byteOffset, i32.length >> 1);
  }

  dropped(): number {
    return Atomics.load(this.i32, this.base + 2);
  }

  /** Events the writer has produced so far, kept or dropped: a progress count. */
  produced(): number {
    return Atomics.load(this.i32, this.base) + Atomics.load(this.i32, this.base + 2);
  }

  /** Calls `visit` for every published event not yet read, oldest first. */
  drain(visit: (tMs: number, kind: number, arg: number, obj: number) => void): number {
    const i32 = this.i32;
    const base = this.base;
    const written = Atomics.load(i32, base);
    let read = Atomics.load(i32, base + 1);
    const mask = Atomics.load(i32, base + 3) - 1;
    let count = 0;
    while (read !== written) {
      const at = base + RING_HEADER_WORDS + (read & mask) * EVENT_WORDS;
      const word = i32[at + 2];
      visit(this.f64[at >> 1], word >>> 24, word & 0xffffff, i32[at + 3]);
      read = (read + 1) | 0;
      count++;
    }
    Atomics.store(i32, base + 1, read);
    return count;
  }
}
