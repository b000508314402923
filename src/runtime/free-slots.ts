// The thread table's free slots (thread-table.ts): a lock-free stack any
// worker pops a slot from to start a thread, and the runner pushes slots
// back on as it recycles them.
//
// Algorithm: a Treiber stack threaded through the slots themselves. The
// head word holds the top slot + 1 (0: empty) in its low 16 bits and a tag
// in its high 16, bumped by every push and pop, so that a pop which read a
// top and its link, was held up, and meanwhile saw that slot popped and
// pushed back (ABA) fails its compare-exchange instead of installing a
// stale link. (The tag wraps after 65,536 changes; a pop held up across
// exactly that many is not guarded against.)
//
// Words (Int32 indexes, given by the table):
//   head   tag << 16 | (top slot + 1)
//   freed  bumped, and notified, by every push: a pop that found the
//          stack empty waits on it
//   link   one per slot: the slot + 1 below it on the stack (0: none)

export class FreeSlots {
  constructor(
    private readonly i32: Int32Array,
    private readonly head: number,
    private readonly freed: number,
    /** the word index of `slot`'s link */
    private readonly linkOf: (slot: number) => number,
  ) {}

  /** The top free slot, taken, or -1 if there is none. */
  pop(): number {
    const i32 = this.i32;
    for (;;) {
      const top = Atomics.load(i32, this.head);
      const slot1 = top & 0xffff;
      if (slot1 === 0) return -1;
      const next = Atomics.load(i32, this.linkOf(slot1 - 1));
      const tag = ((top >>> 16) + 1) & 0xffff;
      if (Atomics.compareExchange(i32, this.head, top, (tag << 16) | next) === top) return slot1 - 1;
    }
  }

  /** Puts `slot` on top and wakes a taker waiting for one. */
  push(slot: number): void {
    const i32 = this.i32;
    for (;;) {
      const top = Atomics.load(i32, this.head);
      Atomics.store(i32, this.linkOf(slot), top & 0xffff);
      const tag = ((top >>> 16) + 1) & 0xffff;
      if (Atomics.compareExchange(i32, this.head, top, (tag << 16) | (slot + 1)) === top) break;
    }
    Atomics.add(i32, this.freed, 1);
    Atomics.notify(i32, this.freed);
  }

  /** A free slot, waiting up to `waitMs` for one to be pushed if none is (where the thread may block); -1 if none came. */
  take(waitMs: number): number {
    const deadline = performance.now() + waitMs;
    for (;;) {
      const seen = Atomics.load(this.i32, this.freed);
      const slot = this.pop();
      if (slot >= 0) return slot;
      const leftMs = deadline - performance.now();
      if (leftMs <= 0 || typeof Atomics.wait !== "function") return -1;
      Atomics.wait(this.i32, this.freed, seen, Math.min(leftMs, 50));
    }
  }
}
