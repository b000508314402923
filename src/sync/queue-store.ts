// Where a queue keeps its records: the three orders of queue-core.ts, each
// over a data area of `capacity` bytes in shared memory. The caller
// (QueueCore) holds the queue's lock around every call and keeps the item
// count; a store keeps its own two or three words of state, just before
// its data (so a queue that grows moves both at once).
//
// Records are 4-byte aligned, a 32-bit length next to the payload:
//   FIFO      a ring of [len][payload]. A record never wraps: when it does not
//             fit before the end, a len of -1 (or the end itself) marks the
//             rest as skipped and it goes at offset 0. `used` counts payload,
//             lengths, padding and the skipped tail, so a get that reaches
//             the skip gives those bytes back.
//   LIFO      a stack of [payload][len], the length last so the top record
//             can be found from `top`.
//   PRIORITY  a "slotted page": records [len][payload] packed from offset 0
//             up to `end`, and a binary min-heap of their offsets growing
//             down from the end of the area, one 4-byte slot per item, so
//             slots and records share the byte budget. A get removes the
//             root's record and slides the records above it down
//             (copyWithin) to keep the area packed, fixing the moved
//             offsets in the heap: O(bytes) per get, no free list, no
//             fragmentation. Comparisons come first and may throw (items
//             that do not order); nothing changes until they all succeeded.

export type CompareRecords = (a: Uint8Array, pa: number, b: Uint8Array, pb: number) => number;

/** words of a store's own state, kept at the start of its data block */
export const STORE_STATE_WORDS = 4;

export const pad4 = (n: number) => (n + 3) & ~3;

/** Copies `len` bytes; a loop beats set(subarray) for the small records queues mostly carry. */
export function copyBytes(dst: Uint8Array, at: number, src: Uint8Array, from: number, len: number): void {
  if (len > 128) dst.set(src.subarray(from, from + len), at);
  else for (let i = 0; i < len; i++) dst[at + i] = src[from + i];
}

export abstract class RecordStore {
  /** payload bytes of the last front() */
  frontLen = 0;
  protected readonly word: number;
  protected readonly byte: number;

  /** `state`: word index of the store's state words; `data`: word index of the data area */
  constructor(
    protected readonly i32: Int32Array,
    readonly u8: Uint8Array,
    protected readonly state: number,
    data: number,
    protected readonly capacity: number,
  ) {
    this.word = data;
    this.byte = i32.byteOffset + data * 4;
  }

  /** The largest payload an empty store takes. */
  abstract maxItemBytes(): number;
  abstract fits(len: number, count: number): boolean;
  abstract push(src: Uint8Array, len: number, count: number): void;
  /** Byte offset (in u8) of the payload a get takes next; sets frontLen. */
  abstract front(count: number): number;
  /** Removes the record front() found. */
  abstract drop(count: number): void;
}

const HEAD = 0, TAIL = 1, USED = 2;
const SKIP = -1;

export class FifoStore extends RecordStore {
  maxItemBytes(): number {
    return this.capacity - 4;
  }

  fits(len: number): boolean {
    const need = 4 + pad4(len);
    const i32 = this.i32, s = this.state;
    if (i32[s + USED] === 0) return need <= this.capacity;
    const head = i32[s + HEAD], tail = i32[s + TAIL];
    return tail > head ? need <= this.capacity - tail || need <= head : need <= head - tail;
  }

  push(src: Uint8Array, len: number): void {
    const need = 4 + pad4(len);
    const i32 = this.i32, s = this.state, cap = this.capacity;
    let tail = i32[s + TAIL];
    let used = i32[s + USED];
    if (tail >= i32[s + HEAD] && need > cap - tail && used > 0) {
      if (cap - tail >= 4) i32[this.word + (tail >> 2)] = SKIP;
      used += cap - tail;
      tail = 0;
    }
    i32[this.word + (tail >> 2)] = len;
    copyBytes(this.u8, this.byte + tail + 4, src, 0, len);
    i32[s + TAIL] = tail + need;
    i32[s + USED] = used + need;
  }

  front(): number {
    const i32 = this.i32, s = this.state;
    let head = i32[s + HEAD];
    if (head === this.capacity || i32[this.word + (head >> 2)] === SKIP) {
      i32[s + USED] -= this.capacity - head;
      i32[s + HEAD] = head = 0;
    }
    this.frontLen = i32[this.word + (head >> 2)];
    return this.byte + head + 4;
  }

  drop(): void {
    const i32 = this.i32, s = this.state;
    const need = 4 + pad4(this.frontLen);
    const used = i32[s + USED] - need;
    i32[s + USED] = used;
    if (used === 0) i32[s + HEAD] = i32[s + TAIL] = 0;
    else i32[s + HEAD] += need;
  }
}

const TOP = 1;

export class LifoStore extends RecordStore {
  maxItemBytes(): number {
    return this.capacity - 4;
  }

  fits(len: number): boolean {
    return this.i32[this.state + TOP] + pad4(len) + 4 <= this.capacity;
  }

  push(src: Uint8Array, len: number): void {
    const top = this.i32[this.state + TOP];
    copyBytes(this.u8, this.byte + top, src, 0, len);
    this.i32[this.word + ((top + pad4(len)) >> 2)] = len;
    this.i32[this.state + TOP] = top + pad4(len) + 4;
  }

  front(): number {
    const top = this.i32[this.state + TOP];
    const len = (this.frontLen = this.i32[this.word + (top >> 2) - 1]);
    return this.byte + top - 4 - pad4(len);
  }

  drop(): void {
    this.i32[this.state + TOP] -= pad4(this.frontLen) + 4;
  }
}

const END = 1;

export class PriorityStore extends RecordStore {
  private readonly path = new Int32Array(32);

  constructor(i32: Int32Array, u8: Uint8Array, state: number, data: number, capacity: number, private readonly compare: CompareRecords) {
    super(i32, u8, state, data, capacity);
  }

  /** Word index of heap slot k (slots grow down from the end of the area). */
  private slot(k: number): number {
    return this.word + (this.capacity >> 2) - 1 - k;
  }

  /** Byte offset (in u8) of the payload of the record in heap slot k. */
  private payload(k: number): number {
    return this.byte + this.i32[this.slot(k)] + 4;
  }

  maxItemBytes(): number {
    return this.capacity - 8;
  }

  fits(len: number, count: number): boolean {
    return this.i32[this.state + END] + 4 + pad4(len) + 4 * (count + 1) <= this.capacity;
  }

  push(src: Uint8Array, len: number, count: number): void {
    const i32 = this.i32, u8 = this.u8;
    // Find the new item's place first: a comparison that throws changes nothing.
    let at = count;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (this.compare(src, 0, u8, this.payload(parent)) >= 0) break;
      at = parent;
    }
    const end = i32[this.state + END];
    i32[this.word + (end >> 2)] = len;
    copyBytes(u8, this.byte + end + 4, src, 0, len);
    i32[this.state + END] = end + 4 + pad4(len);
    for (let k = count; k !== at; ) {
      const parent = (k - 1) >> 1;
      i32[this.slot(k)] = i32[this.slot(parent)];
      k = parent;
    }
    i32[this.slot(at)] = end;
  }

  front(): number {
    const off = this.i32[this.slot(0)];
    this.frontLen = this.i32[this.word + (off >> 2)];
    return this.byte + off + 4;
  }

  drop(count: number): void {
    const i32 = this.i32, u8 = this.u8, path = this.path;
    const n = count - 1; // heap size after the removal
    // Sift the last item down from the root, comparisons first.
    const last = this.payload(n);
    let steps = 0;
    for (let at = 0; ; ) {
      const left = 2 * at + 1;
      if (left >= n) break;
      const child = left + 1 < n && this.compare(u8, this.payload(left + 1), u8, this.payload(left)) < 0 ? left + 1 : left;
      if (this.compare(u8, this.payload(child), u8, last) >= 0) break;
      path[steps++] = at = child;
    }
    const removed = i32[this.slot(0)];
    const lastOff = i32[this.slot(n)];
    let at = 0;
    for (let k = 0; k < steps; k++) {
      i32[this.slot(at)] = i32[this.slot(path[k])];
      at = path[k];
    }
    if (n > 0) i32[this.slot(at)] = lastOff;
    // Close the gap the removed record leaves.
    const need = 4 + pad4(i32[this.word + (removed >> 2)]);
    const end = i32[this.state + END];
    u8.copyWithin(this.byte + removed, this.byte + removed + need, this.byte + end);
    i32[this.state + END] = end - need;
    for (let k = 0; k < n; k++) {
      const w = this.slot(k);
      if (i32[w] > removed) i32[w] -= need;
    }
  }
}
