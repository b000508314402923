// A thread's printed lines, on their way to the page: a single-producer,
// single-consumer ring of variable-length records in shared memory. Unlike a
// postMessage per line, a full ring makes print() wait for the page to drain
// it, as a full pipe makes a real process wait: a thread that prints in a
// tight loop slows to the speed of the screen instead of flooding the page's
// task queue, so the page (and its Stop button) stays responsive.
//
// Slots (Int32 word offsets from `base`):
//   0 head      words written so far (monotonic, published with Atomics.store)
//   1 tail      words consumed so far (the page moves it; the writer waits on it)
//   2 capacity  data words (a power of two)
//   3 (padding, keeps data 8-byte aligned)
//   4.. data: records of [byteLength, stream, tMs (f64, 2 words), UTF-8 bytes
//       padded to 8 bytes]; a record never wraps: a byteLength of -1 means
//       "skip to the start of the data".

export const OUTPUT_HEADER_WORDS = 4;
const RECORD_HEADER_WORDS = 4;
const SKIP = -1;

export function outputRingWords(capacity: number): number {
  return OUTPUT_HEADER_WORDS + capacity;
}

export function initOutputRing(i32: Int32Array, base: number, capacity: number): void {
  if (base % 2 !== 0 || capacity & (capacity - 1)) throw new Error("output ring: base must be even and capacity a power of two");
  Atomics.store(i32, base + 2, capacity);
}

/** Records stay 2-word aligned, so each one's f64 time is 8-byte aligned. */
function recordWords(byteLength: number): number {
  return RECORD_HEADER_WORDS + ((byteLength + 7) >> 3) * 2;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class OutputWriter {
  private readonly u8: Uint8Array;
  private readonly f64: Float64Array;
  private readonly capacity: number;

  constructor(private readonly i32: Int32Array, private readonly base: number) {
    this.u8 = new Uint8Array(i32.buffer);
    this.f64 = new Float64Array(i32.buffer, 0, i32.buffer.byteLength >> 3);
    this.capacity = Atomics.load(i32, base + 2);
  }

  /** Append one line; waits while the page has not made room. */
  write(text: string, stream: number, tMs: number): void {
    const maxBytes = (this.capacity >> 1) * 4;
    let bytes = encoder.encode(text);
    if (bytes.length > maxBytes) bytes = encoder.encode(`${text.slice(0, maxBytes >> 2)} ... [line cut: ${text.length} characters]`);
    const words = recordWords(bytes.length);
    const { i32, base, capacity } = this;
    let head = Atomics.load(i32, base);
    const offset = head & (capacity - 1);
    const skip = offset + words > capacity ? capacity - offset : 0;
    this.waitForRoom(head, skip + words);
    const data = base + OUTPUT_HEADER_WORDS;
    if (skip > 0) {
      i32[data + offset] = SKIP;
      head += skip;
    }
    const at = data + (head & (capacity - 1));
    i32[at] = bytes.length;
    i32[at + 1] = stream;
    this.f64[(at + 2) >> 1] = tMs;
    this.u8.set(bytes, (at + RECORD_HEADER_WORDS) * 4);
    Atomics.store(i32, base, head + words);
  }

  private waitForRoom(head: number, words: number): void {
    const tailIndex = this.base + 1;
    for (;;) {
      const tail = Atomics.load(this.i32, tailIndex);
      if (head + words - tail <= this.capacity) return;
      Atomics.wait(this.i32, tailIndex, tail, 50);
    }
  }
}

export interface OutputRecord {
  text: string;
  stream: number;
  tMs: number;
}

export class OutputReader {
  private readonly f64: Float64Array;

  constructor(private readonly i32: Int32Array, private readonly base: number) {
    this.f64 = new Float64Array(i32.buffer, 0, i32.buffer.byteLength >> 3);
  }

  /** Read up to `maxRecords` records, then free their space and wake the writer. */
  drain(visit: (record: OutputRecord) => void, maxRecords = Infinity): number {
    const { i32, base } = this;
    const capacity = Atomics.load(i32, base + 2);
    const head = Atomics.load(i32, base);
    let tail = Atomics.load(i32, base + 1);
    const data = base + OUTPUT_HEADER_WORDS;
    const f64 = this.f64;
    let count = 0;
    while (tail !== head && count < maxRecords) {
      const at = data + (tail & (capacity - 1));
      const length = i32[at];
      if (length === SKIP) {
        tail += capacity - (tail & (capacity - 1));
        continue;
      }
      const start = (at + RECORD_HEADER_WORDS) * 4;
      // TextDecoder refuses views of shared memory: copy first.
      const text = decoder.decode(new Uint8Array(i32.buffer).slice(start, start + length));
      visit({ text, stream: i32[at + 1], tMs: f64[(at + 2) >> 1] });
      tail += recordWords(length);
      count++;
    }
    Atomics.store(i32, base + 1, tail);
    Atomics.notify(i32, base + 1);
    return count;
  }
}
