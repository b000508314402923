// A thread's printed lines, on their way to the page: a single-producer,
// single-consumer ring of variable-length records in shared memory. Unlike a
// postMessage per line, a full ring makes print() wait for the drainer to
// empty it, as a full pipe makes a real process wait: a thread that prints in
// a tight loop slows to the speed of the screen instead of flooding the page.
//
// Slots (Int32 word offsets from `base`):
//   0 head      words written so far (monotonic, published with Atomics.store)
//   1 tail      words consumed so far (the drainer moves it; the writer waits on it)
//   2 capacity  data words (a power of two)
//   3 (padding, keeps data 8-byte aligned)
//   4.. data: records of [byteLength, stream and name, tMs (f64, 2 words),
//       UTF-8 bytes padded to 8 bytes]; a record never wraps: a byteLength
//       of -1 means "skip to the start of the data". The second word is the
//       stream (bit 0: 1 for stderr) and, above it, how many of the bytes
//       are the thread's name before the text (0: none given): a line is
//       shown under the name its thread had as it printed it, though the
//       thread be renamed (Thread.name) a moment later.
//
// The reader runs in the drainer and trusts nothing it reads: the run's code
// can write these words. A record that does not fit what the ring can hold
// is reported as corrupt, and a drain reads a bounded number of records.
// Each side keeps its own count of the words it moved (the writer's head,
// the reader's tail) and only publishes it: a head or tail the snippet
// writes over is written back at the next line, the next drain, and the
// writer's close, so no line is lost or read twice for it; a head set below
// what was read is reported as corrupt. After the close, the drainer gives
// the reader the writer's own count (endAt) and the head slot is not read
// again: another thread setting it back would hide lines.

import { NAME_BYTES } from "./thread-table";

export const OUTPUT_HEADER_WORDS = 4;
const RECORD_HEADER_WORDS = 4;
const SKIP = -1;
/** the longest name a record carries, in bytes: the most a table slot holds */
const MAX_NAME_BYTES = NAME_BYTES;
/** how long a writer waits on a full ring before it looks at the run's state again */
const FULL_WAIT_MS = 50;

export function outputRingWords(capacity: number): number {
  return OUTPUT_HEADER_WORDS + capacity;
}

export function initOutputRing(i32: Int32Array, base: number, capacity: number): void {
  if (base % 2 !== 0 || capacity & (capacity - 1)) throw new Error("output ring: base must be even and capacity a power of two");
  Atomics.store(i32, base, 0);
  Atomics.store(i32, base + 1, 0);
  Atomics.store(i32, base + 2, capacity);
}

/** Records stay 2-word aligned, so each one's f64 time is 8-byte aligned. */
function recordWords(byteLength: number): number {
  return RECORD_HEADER_WORDS + ((byteLength + 7) >> 3) * 2;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const EMPTY = new Uint8Array(0);

export class OutputWriter {
  private readonly u8: Uint8Array;
  private readonly f64: Float64Array;
  /** words written so far: this writer's own count, published in the head slot */
  private head: number;

  /**
   * `capacity`: the one the ring was made with (its header's copy is not
   * trusted); `wake`: tells the drainer that this ring needs emptying;
   * `owned`: whether the ring is still this writer's thread's (a thread
   * whose worker the runner terminated is not closed, and its worker may
   * run on a moment after its slot, rings and all, went to another thread)
   */
  constructor(
    private readonly i32: Int32Array,
    private readonly base: number,
    private readonly capacity: number,
    private readonly wake: () => void = () => {},
    private readonly owned: () => boolean = () => true,
  ) {
    if (capacity <= 0 || capacity & (capacity - 1)) throw new Error("output ring: capacity must be a power of two");
    this.u8 = new Uint8Array(i32.buffer);
    this.f64 = new Float64Array(i32.buffer, 0, i32.buffer.byteLength >> 3);
    this.head = Atomics.load(i32, base);
  }

  /** the last name a line was written with, and its bytes (a thread keeps its name for most of its lines) */
  private lastName: string | undefined;
  private lastNameBytes: Uint8Array = EMPTY;

  /** the thread has ended: code it left running cannot write into the ring of the slot's next thread (trace/ring.ts, Closing) */
  private closed = false;
  /** lines refused since close() (as RingWriter.lateEvents) */
  lateLines = 0;
  /** called at the next refused line, once (as RingWriter.onLate) */
  onLate: (() => void) | null = null;

  /** The thread has ended: nothing written after reaches the ring. Returns the words it was given, in all. */
  close(): number {
    // (What the thread wrote, whatever its code did to the head slot since.)
    Atomics.store(this.i32, this.base, this.head);
    this.closed = true;
    return this.head;
  }

  /** Append one line (`name`: its thread's, as it prints it); waits while the drainer has not made room. Dropped once closed. */
  write(text: string, stream: number, tMs: number, name?: string): void {
    if (this.closed || !this.owned()) {
      this.lateLines++;
      if (this.onLate) {
        const then = this.onLate;
        this.onLate = null;
        then();
      }
      return;
    }
    if (name !== this.lastName) {
      const bytes = name === undefined ? EMPTY : encoder.encode(name);
      this.lastName = name;
      this.lastNameBytes = bytes.length > MAX_NAME_BYTES ? EMPTY : bytes;
    }
    const named = this.lastNameBytes;
    const maxBytes = (this.capacity >> 1) * 4 - named.length;
    let bytes = encoder.encode(text);
    if (bytes.length > maxBytes) bytes = encoder.encode(`${text.slice(0, maxBytes >> 2)} ... [line cut: ${text.length} characters]`);
    const words = recordWords(named.length + bytes.length);
    const { i32, base, capacity } = this;
    let head = this.head;
    const offset = head & (capacity - 1);
    const skip = offset + words > capacity ? capacity - offset : 0;
    this.waitForRoom(head, skip + words);
    const data = base + OUTPUT_HEADER_WORDS;
    if (skip > 0) {
      i32[data + offset] = SKIP;
      head += skip;
    }
    const at = data + (head & (capacity - 1));
    i32[at] = named.length + bytes.length;
    i32[at + 1] = (stream === 1 ? 1 : 0) | (named.length << 1);
    this.f64[(at + 2) >> 1] = tMs;
    if (named.length > 0) this.u8.set(named, (at + RECORD_HEADER_WORDS) * 4);
    this.u8.set(bytes, (at + RECORD_HEADER_WORDS) * 4 + named.length);
    this.head = (head + words) | 0;
    Atomics.store(i32, base, this.head);
  }

  private waitForRoom(head: number, words: number): void {
    const tailIndex = this.base + 1;
    for (;;) {
      const tail = Atomics.load(this.i32, tailIndex);
      if (((head + words - tail) | 0) <= this.capacity) return;
      this.wake();
      Atomics.wait(this.i32, tailIndex, tail, FULL_WAIT_MS);
    }
  }
}

export interface OutputRecord {
  text: string;
  stream: number;
  tMs: number;
  /** its thread's name as it printed it, where the writer gave one */
  name?: string;
}

export class OutputCorrupt extends Error {}

export class OutputReader {
  private readonly f64: Float64Array;
  private readonly u8: Uint8Array;
  /** words read so far: this reader's own count, published in the tail slot */
  private read: number;
  /** where the ring ends, once its writer has closed it, as the writer counted (drainer/release-book.ts) */
  private end: number | null = null;
  private lastNameBytes: Uint8Array = EMPTY;
  private lastName = "";

  /** `capacity`: the one the ring was made with (its header's copy is not trusted) */
  constructor(private readonly i32: Int32Array, private readonly base: number, private readonly capacity: number) {
    this.f64 = new Float64Array(i32.buffer, 0, i32.buffer.byteLength >> 3);
    this.u8 = new Uint8Array(i32.buffer);
    if (base < 0 || base % 2 !== 0 || capacity & (capacity - 1) || base + OUTPUT_HEADER_WORDS + capacity > i32.length) {
      throw new OutputCorrupt(`an output ring at word ${base} lies outside the heap`);
    }
    this.read = Atomics.load(i32, base + 1);
  }

  /** The writer has closed the ring at `end`: its head slot, which the snippet can set back, is no longer read. */
  endAt(end: number): void {
    this.end = end;
  }

  private head(): number {
    return this.end ?? Atomics.load(this.i32, this.base);
  }

  /** The name of `length` bytes at byte `start`: the last one read again, mostly (a thread keeps its name), decoded only when it changed. */
  private nameAt(start: number, length: number): string {
    const last = this.lastNameBytes;
    let same = last.length === length;
    for (let i = 0; same && i < length; i++) same = last[i] === this.u8[start + i];
    if (!same) {
      this.lastNameBytes = this.u8.slice(start, start + length);
      this.lastName = decoder.decode(this.lastNameBytes);
    }
    return this.lastName;
  }

  /** Words written and not yet read. */
  pending(): number {
    return (this.head() - this.read) | 0;
  }

  /** Read up to `maxRecords` records, then free their space and wake the writer. */
  drain(visit: (record: OutputRecord) => void, maxRecords = Infinity): number {
    const { i32, base, capacity } = this;
    const head = this.head();
    let tail = this.read;
    const unread = (head - tail) | 0;
    if (unread < 0 || unread > capacity || Atomics.load(i32, base + 2) !== capacity) {
      throw new OutputCorrupt(`an output ring's header was overwritten (${unread} words pending of ${capacity})`);
    }
    const data = base + OUTPUT_HEADER_WORDS;
    let count = 0;
    while (tail !== head && count < maxRecords) {
      const offset = tail & (capacity - 1);
      const left = (head - tail) | 0;
      const at = data + offset;
      const length = i32[at];
      if (length === SKIP) {
        const skip = capacity - offset;
        if (skip > left) throw new OutputCorrupt("an output ring's record runs past what was written");
        tail = (tail + skip) | 0;
        continue;
      }
      const words = length >= 0 && length <= (capacity >> 1) * 4 ? recordWords(length) : Infinity;
      if (words > left || offset + words > capacity) throw new OutputCorrupt(`an output ring holds a record of impossible length ${length}`);
      const start = (at + RECORD_HEADER_WORDS) * 4;
      const streamAndName = i32[at + 1];
      const nameBytes = streamAndName >>> 1;
      if (nameBytes > MAX_NAME_BYTES || nameBytes > length) throw new OutputCorrupt(`an output ring holds a record whose name is longer than the record (${nameBytes} of ${length} bytes)`);
      // TextDecoder refuses views of shared memory: copy first.
      const text = decoder.decode(this.u8.slice(start + nameBytes, start + length));
      const record: OutputRecord = { text, stream: streamAndName & 1, tMs: this.f64[(at + 2) >> 1] };
      if (nameBytes > 0) record.name = this.nameAt(start, nameBytes);
      visit(record);
      tail = (tail + words) | 0;
      count++;
    }
    this.read = tail;
    Atomics.store(i32, base + 1, tail);
    Atomics.notify(i32, base + 1);
    return count;
  }
}
