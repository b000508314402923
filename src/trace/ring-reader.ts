// The consumer's side of a trace ring (ring.ts), for the run's drainer. The
// ring lives in memory that the run's own code can write, so nothing in its
// header is believed: the capacity must be the one the runtime gave it, and
// a writer that claims more unread events than the ring holds, or fewer
// than none, is reported as corrupt instead of being read (which would loop
// over garbage, or forever). The reader counts what it has read itself and
// only publishes the count: a read slot the snippet moved neither skips
// events nor draws them twice (the writer, likewise, writes its own count
// back at each event and at its close). Once the writer has closed, the
// drainer gives the reader the writer's own count (endAt), and the written
// slot is not read again: another thread setting it back would hide events.

import { EVENT_BYTES, EVENT_WORDS, RING_HEADER_WORDS, RING_HOLDING } from "./ring";

export class RingCorrupt extends Error {}

export class RingReader {
  private readonly bytes: Uint8Array;
  /** events read so far: this reader's own count, published in the read slot */
  private read: number;
  /** where the ring ends, once its writer has closed it, as the writer counted (drainer/release-book.ts) */
  private end: number | null = null;

  /** `capacity`: the one the ring was made with (its header's copy is not trusted) */
  constructor(private readonly i32: Int32Array, private readonly base: number, private readonly capacity: number) {
    this.bytes = new Uint8Array(i32.buffer);
    if (base < 0 || base % 2 !== 0 || base + RING_HEADER_WORDS + capacity * EVENT_WORDS > i32.length) {
      throw new RingCorrupt(`a trace ring at word ${base} lies outside the heap`);
    }
    this.read = Atomics.load(i32, base + 1);
  }

  /** The writer has closed the ring at `end`: its written slot, which the snippet can set back, is no longer read. */
  endAt(end: number): void {
    this.end = end;
  }

  /** Events written and not yet read; throws RingCorrupt when the header is impossible. */
  pending(): number {
    const n = ((this.end ?? Atomics.load(this.i32, this.base)) - this.read) | 0;
    if (n < 0 || n > this.capacity || Atomics.load(this.i32, this.base + 3) !== this.capacity) {
      throw new RingCorrupt(`a trace ring's header was overwritten (${n} events pending of ${this.capacity})`);
    }
    return n;
  }

  /**
   * Writes this reader's count back into the read slot, and wakes a writer
   * waiting for room, if the slot says otherwise: a count the snippet set
   * back would leave the writer waiting for room it has (drainer.ts calls
   * this on every pass, with or without events to read).
   */
  republish(): void {
    if (Atomics.load(this.i32, this.base + 1) === this.read) return;
    Atomics.store(this.i32, this.base + 1, this.read);
    Atomics.notify(this.i32, this.base + 1);
  }

  /** Whether the writer holds back a release it may still fold (ring.ts). */
  holding(): boolean {
    return Atomics.load(this.i32, this.base + RING_HOLDING) === 1;
  }

  dropped(): number {
    return Math.max(0, Atomics.load(this.i32, this.base + 2));
  }

  /** Events produced so far, kept or dropped: a progress count for the deadlock watch. */
  produced(): number {
    return (Atomics.load(this.i32, this.base) + Atomics.load(this.i32, this.base + 2)) | 0;
  }

  /**
   * Copies up to `max` unread events (16 bytes each, as in the ring) into
   * `out` at byte `at`, frees their slots and wakes a waiting writer.
   * Returns how many it copied.
   */
  drainInto(out: Uint8Array, at: number, max: number): number {
    const n = Math.min(this.pending(), max);
    if (n === 0) {
      this.republish();
      return 0;
    }
    const read = this.read;
    const mask = this.capacity - 1;
    const first = read & mask;
    const dataByte = (this.base + RING_HEADER_WORDS) * 4;
    const head = Math.min(n, this.capacity - first);
    out.set(this.bytes.subarray(dataByte + first * EVENT_BYTES, dataByte + (first + head) * EVENT_BYTES), at);
    if (head < n) out.set(this.bytes.subarray(dataByte, dataByte + (n - head) * EVENT_BYTES), at + head * EVENT_BYTES);
    this.read = (read + n) | 0;
    Atomics.store(this.i32, this.base + 1, this.read);
    Atomics.notify(this.i32, this.base + 1);
    return n;
  }
}
