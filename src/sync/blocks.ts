// Blocks that can be given back: what grows and shrinks in a run's heap (a
// queue's data area, which doubles as it fills) is taken from here, so a
// run that fills and empties a queue again and again reuses its memory.
// What lives for the whole run (a lock's words, a thread slot's rings)
// still comes from the heap's bump allocator, which never frees.
//
// Algorithm: segregated free lists with power-of-two size classes (a buddy
// allocator without the merging): class k holds blocks of 8 << k words, so
// a request wastes less than half its block, and a freed block goes to the
// head of its class's list, ready for the next request of that class. New
// blocks come from the heap's bump allocator. One futex mutex (mutex.ts)
// guards the lists: allocations are rare next to the operations on what
// they hold.
//
// Slots (Int32 words from `base`, BLOCK_HEADER_WORDS in all):
//   0        lock (mutex 2 word)
//   1        (padding)
//   2..2+K   head of class k's free list (word index of a block, 0: empty)
// A block (8 << k words, 8-byte aligned):
//   0        its class k
//   1        next free block of its class (while free)
//   2..      the caller's words
//
// Workers only: taking the lock may sleep (Atomics.wait).

import { lockWordSlow, tryLockWord, unlockWord } from "./mutex";
import type { SharedHeap } from "./heap";

const CLASSES = 28;
const LOCK = 0, HEADS = 2;
export const BLOCK_HEADER_WORDS = HEADS + CLASSES;
/** words of a block's own header, before the caller's */
const OWN = 2;

export class BlockCorrupt extends Error {}

export class Blocks {
  constructor(private readonly heap: SharedHeap, private readonly base: number) {}

  /** Class of the smallest block that holds `words` caller words. */
  private static classOf(words: number): number {
    let k = 0;
    while ((8 << k) - OWN < words) k++;
    return k;
  }

  /** Word index of `words` words of shared memory, 8-byte aligned. Throws RangeError when the heap is full. */
  alloc(words: number): number {
    const k = Blocks.classOf(words);
    if (k >= CLASSES) throw new RangeError(`shared heap: no block holds ${words} words`);
    const i32 = this.heap.i32;
    this.lock();
    try {
      const head = this.base + HEADS + k;
      let block = i32[head];
      if (block !== 0) {
        i32[head] = i32[block + 1];
      } else {
        block = this.heap.alloc(8 << k, 2);
      }
      i32[block] = k;
      i32[block + 1] = 0;
      return block + OWN;
    } finally {
      this.unlock();
    }
  }

  /** Gives back a block alloc() returned. */
  free(at: number): void {
    const i32 = this.heap.i32;
    const block = at - OWN;
    const k = i32[block];
    if (!(block > 0 && k >= 0 && k < CLASSES)) throw new BlockCorrupt(`a freed block at word ${at} has no valid header`);
    this.lock();
    const head = this.base + HEADS + k;
    i32[block + 1] = i32[head];
    i32[head] = block;
    this.unlock();
  }

  /** Caller words a block alloc() returned can hold. */
  capacityOf(at: number): number {
    return (8 << this.heap.i32[at - OWN]) - OWN;
  }

  private lock(): void {
    const i32 = this.heap.i32;
    if (!tryLockWord(i32, this.base + LOCK)) lockWordSlow(i32, this.base + LOCK, Infinity);
  }

  private unlock(): void {
    unlockWord(this.heap.i32, this.base + LOCK);
  }
}
