// The two shapes the trace model keeps besides per-thread state tracks, both
// flat typed arrays so a million events cost a few buffers and the renderer
// can binary-search them:
//
// - IntervalList: intervals that follow one another without overlapping (one
//   thread's holds of one lock, its spans at one nesting depth, the tasks one
//   pool worker ran). Starts and ends both ascend, so "the first interval
//   that ends after t" is a binary search. An open interval ends at Infinity.
// - SortedLog: samples from several threads (a queue's puts, a pool's
//   pending count). The page drains thread by thread, so a batch is sorted
//   per thread but not overall; the log sorts its unsorted tail on demand,
//   which costs about one frame's worth of events.

import { GrowableF64, GrowableI32 } from "./growable";

/** First index i in [0, n) with a[i] >= x (n when none). */
export function lowerBound(a: Float64Array, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index i in [0, n) with a[i] > x (n when none). */
export function upperBound(a: Float64Array, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * lowerBound over [from, n) for a caller walking forward: gallops from
 * `from`, so skipping a few entries costs a few steps, not log n.
 */
export function gallop(a: Float64Array, n: number, from: number, x: number): number {
  let step = 1;
  let lo = from;
  let hi = from;
  while (hi < n && a[hi] < x) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  if (hi > n) hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class IntervalList {
  readonly starts = new GrowableF64();
  readonly ends = new GrowableF64();
  /** what the interval is (label id, task index ...) */
  readonly tags = new GrowableI32();
  /**
   * A second number per interval (a lock hold's wait start, a task's pool
   * id ...), NaN when there is none. Lists that never carry one (a thread's
   * mark spans, a coroutine's runs) keep the array empty: 8 bytes of every
   * interval. Read it with extra(i).
   */
  private readonly extras = new GrowableF64();

  get length(): number {
    return this.starts.length;
  }

  /** bytes its arrays hold (their capacity) */
  bytes(): number {
    return this.starts.data.byteLength + this.ends.data.byteLength + this.tags.data.byteLength + this.extras.data.byteLength;
  }

  isOpen(): boolean {
    const n = this.ends.length;
    return n > 0 && this.ends.data[n - 1] === Infinity;
  }

  open(startMs: number, tag = 0, extra = Number.NaN): void {
    this.starts.push(startMs);
    this.ends.push(Infinity);
    this.tags.push(tag);
    if (this.extras.length > 0 || !Number.isNaN(extra)) {
      while (this.extras.length < this.starts.length - 1) this.extras.push(Number.NaN);
      this.extras.push(extra);
    }
  }

  /** The i-th interval's second number; NaN when it has none. */
  extra(i: number): number {
    return i < this.extras.length ? this.extras.data[i] : Number.NaN;
  }

  /** Give the last interval a second number (a coroutine that failed). */
  setLastExtra(extra: number): void {
    const i = this.starts.length - 1;
    if (i < 0) return;
    while (this.extras.length <= i) this.extras.push(Number.NaN);
    this.extras.data[i] = extra;
  }

  /** Close the open interval at `endMs`; its duration, or -1 if none was open. */
  close(endMs: number): number {
    if (!this.isOpen()) return -1;
    const i = this.ends.length - 1;
    const startMs = this.starts.data[i];
    // Coarse-clock stamps may land a hair before the start: never negative.
    const end = Math.max(endMs, startMs);
    this.ends.data[i] = end;
    return end - startMs;
  }

  /** Index of the first interval that ends at or after `tMs`. */
  firstEndingAfter(tMs: number): number {
    return lowerBound(this.ends.data, this.ends.length, tMs);
  }

  /**
   * firstEndingAfter(tMs) for a caller walking forward from index `from`
   * (with ends[from - 1] < tMs): gallops, so a short skip costs a few steps
   * instead of a search over the whole list.
   */
  firstEndingAfterFrom(from: number, tMs: number): number {
    return gallop(this.ends.data, this.ends.length, from, tMs);
  }

  /** Index of the interval containing `tMs`, or -1. */
  indexAt(tMs: number): number {
    const i = this.firstEndingAfter(tMs);
    return i < this.length && this.starts.data[i] <= tMs ? i : -1;
  }
}

export class SortedLog {
  readonly times = new GrowableF64();
  readonly values = new GrowableI32();
  readonly idents = new GrowableI32();
  /** the prefix known to be in time order */
  private sortedLength = 0;

  get length(): number {
    return this.times.length;
  }

  /** bytes its arrays hold (their capacity) */
  bytes(): number {
    return this.times.data.byteLength + this.values.data.byteLength + this.idents.data.byteLength;
  }

  push(tMs: number, value: number, ident: number): void {
    const n = this.times.length;
    if (this.sortedLength === n && (n === 0 || tMs >= this.times.data[n - 1])) this.sortedLength = n + 1;
    this.times.push(tMs);
    this.values.push(value);
    this.idents.push(ident);
  }

  /** Sort what arrived out of order. Ties keep arrival order, so one thread's events stay in its order. */
  ensureSorted(): void {
    const n = this.times.length;
    if (this.sortedLength === n) return;
    const t = this.times.data;
    let minMs = Infinity;
    for (let i = this.sortedLength; i < n; i++) if (t[i] < minMs) minMs = t[i];
    const from = upperBound(t, this.sortedLength, minMs);
    const order = Array.from({ length: n - from }, (_, k) => from + k);
    order.sort((a, b) => t[a] - t[b] || a - b);
    const v = this.values.data;
    const id = this.idents.data;
    const ts = order.map((i) => t[i]);
    const vs = order.map((i) => v[i]);
    const ids = order.map((i) => id[i]);
    t.set(ts, from);
    v.set(vs, from);
    id.set(ids, from);
    this.sortedLength = n;
  }

  /** Index of the last sample at or before `tMs` (-1 if none); the log must be sorted. */
  indexAtOrBefore(tMs: number): number {
    return upperBound(this.times.data, this.times.length, tMs) - 1;
  }
}
