// The run's shared heap: one SharedArrayBuffer seen as an Int32Array, carved
// up by a bump allocator that any worker may call at the same time. Locks,
// queues, shared cells and sharedArray() all live in it, so a structured
// clone of the buffer plus a word index is all a worker needs to reach an
// object. Nothing is ever freed: a run's objects live until the run ends.
//
// Algorithm: bump allocation with a compare-and-swap loop on the "next free"
// word (Atomics.add alone cannot round up for alignment). A CAS that fails
// means another worker allocated in between; retry from the value it saw.
// A request that does not fit changes nothing and throws, so a failed
// allocation never leaks space nor leaves the header past the end.
//
// A heap is fresh (its buffer was zero when made) or recycled (emptied for
// another run: runtime/runner/heap-shelf.ts): then what an allocation hands
// out may hold an earlier run's words, and alloc zeroes it first, unless the
// caller says it reads nothing it did not write (a trace ring's body). So
// emptying a heap costs nothing, and zeroing costs what the run allocates.
//
// Slots (Int32 word offsets from the start of the view):
//   0  next      index of the first free word; HEAP_HEADER_WORDS when empty
//   1  recycled  1: allocations are zeroed first (also keeps the first allocation 8-byte aligned)
//   2..          allocations
//
// States: a zeroed buffer is *not* a heap (next = 0 would hand out the
// header); SharedHeap.create / initHeap write the header, before the
// buffer is shared (or, recycled, once no worker uses it), and the
// constructor refuses a view without one.

export const HEAP_HEADER_WORDS = 2;
const NEXT = 0;
const RECYCLED = 1;

/** Writes the header of an empty heap; call before sharing the buffer. `recycled`: the buffer holds an earlier run's words. */
export function initHeap(i32: Int32Array, recycled = false): void {
  Atomics.store(i32, NEXT, HEAP_HEADER_WORDS);
  Atomics.store(i32, RECYCLED, recycled ? 1 : 0);
}

export class SharedHeap {
  /** A new, empty heap of `byteLength` bytes (a multiple of 8). */
  static create(byteLength: number): SharedHeap {
    if (!Number.isInteger(byteLength) || byteLength % 8 !== 0 || byteLength < 8 * HEAP_HEADER_WORDS) {
      throw new RangeError(`shared heap size must be a positive multiple of 8 bytes, got ${byteLength}`);
    }
    const i32 = new Int32Array(new SharedArrayBuffer(byteLength));
    initHeap(i32);
    return new SharedHeap(i32);
  }

  /** Attaches to a heap another worker created (any view of its buffer). */
  constructor(readonly i32: Int32Array) {
    if (i32.byteOffset % 8 !== 0) throw new RangeError("shared heap view must start 8-byte aligned");
    const next = Atomics.load(i32, NEXT);
    if (next < HEAP_HEADER_WORDS || next > i32.length) {
      throw new RangeError("shared heap has no header: create it with SharedHeap.create or initHeap");
    }
  }

  get buffer(): SharedArrayBuffer {
    return this.i32.buffer as SharedArrayBuffer;
  }

  get capacityWords(): number {
    return this.i32.length;
  }

  usedWords(): number {
    return Atomics.load(this.i32, NEXT);
  }

  /**
   * Reserves `words` Int32 words whose first index is a multiple of `align`
   * (a power of two) and returns that index, its words zero unless
   * `scratch` (the caller reads nothing it has not written). Safe from any
   * worker at once.
   */
  alloc(words: number, align = 1, scratch = false): number {
    if (!Number.isInteger(words) || words < 0) {
      throw new RangeError(`shared heap: cannot allocate ${words} words`);
    }
    if (!Number.isInteger(align) || align < 1 || (align & (align - 1)) !== 0) {
      throw new RangeError(`shared heap: alignment must be a power of two, got ${align}`);
    }
    const i32 = this.i32;
    const capacity = i32.length;
    let next = Atomics.load(i32, NEXT);
    for (;;) {
      const start = next + ((align - (next % align)) % align);
      const end = start + words;
      if (end > capacity) {
        throw new RangeError(
          `shared heap exhausted: asked for ${words * 4} bytes (aligned to ${align * 4}), ` +
            `${(capacity - next) * 4} of ${(capacity - HEAP_HEADER_WORDS) * 4} bytes free; ` +
            `give the run a larger heap or allocate fewer objects`,
        );
      }
      const seen = Atomics.compareExchange(i32, NEXT, next, end);
      if (seen === next) {
        if (!scratch && Atomics.load(i32, RECYCLED) !== 0) i32.fill(0, start, end);
        return start;
      }
      next = seen;
    }
  }

  /**
   * Reserves `byteLength` bytes aligned to `alignBytes` (a power of two, at
   * least 4) and returns their byte offset in the heap's buffer, ready for
   * `new Float64Array(heap.buffer, offset, n)` and the like.
   */
  allocBytes(byteLength: number, alignBytes = 8): number {
    if (!Number.isInteger(byteLength) || byteLength < 0) {
      throw new RangeError(`shared heap: cannot allocate ${byteLength} bytes`);
    }
    if (!Number.isInteger(alignBytes) || alignBytes < 4 || (alignBytes & (alignBytes - 1)) !== 0) {
      throw new RangeError(`shared heap: byte alignment must be a power of two >= 4, got ${alignBytes}`);
    }
    const index = this.alloc(Math.ceil(byteLength / 4), alignBytes / 4);
    return this.i32.byteOffset + index * 4;
  }

  /** Space for `count` float64 cells (8-byte aligned); returns a byte offset. */
  allocFloat64(count: number): number {
    return this.allocBytes(count * 8, 8);
  }
}
