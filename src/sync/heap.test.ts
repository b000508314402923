// Scenarios for the shared bump allocator (heap.ts): alignment and
// exhaustion on one thread, then several real worker_threads allocating
// from one heap at the same time. Word 0 is the heap's "next free" header;
// the start gate lives in a block allocated before the workers start.

import { afterEach, describe, expect, it } from "vitest";
import { HEAP_HEADER_WORDS, initHeap, SharedHeap } from "./heap";
import { startPuppets, stopPuppets } from "./test-workers";

type Block = [start: number, words: number, align: number];
interface AllocResult {
  blocks: Block[];
  error?: { name: string; message: string };
}

/** Asserts blocks lie inside the heap, are aligned, pairwise disjoint, and still hold their owner's tag. */
function checkBlocks(heap: SharedHeap, perWorker: Block[][]): void {
  const all: [start: number, end: number, tag: number][] = [];
  perWorker.forEach((blocks, k) => {
    for (const [start, words, align] of blocks) {
      expect(start % align).toBe(0);
      expect(start).toBeGreaterThanOrEqual(HEAP_HEADER_WORDS);
      expect(start + words).toBeLessThanOrEqual(heap.usedWords());
      if (words > 0) all.push([start, start + words, k + 1]);
    }
  });
  all.sort((x, y) => x[0] - y[0]);
  for (let n = 1; n < all.length; n++) expect(all[n][0]).toBeGreaterThanOrEqual(all[n - 1][1]);
  for (const [start, end, tag] of all) {
    for (let w = start; w < end; w++) if (heap.i32[w] !== tag) expect(heap.i32[w]).toBe(tag);
  }
}

afterEach(stopPuppets);

describe("SharedHeap", () => {
  it("aligns blocks, hands out 8-byte-aligned float64 space, and reports exhaustion", () => {
    // Scenario: in a 128-byte heap (32 words, 2 of them header), alloc(3)
    // starts right after the header; alloc(2, 4) skips to the next multiple
    // of 4; allocFloat64(2) returns a byte offset that a Float64Array
    // accepts and that does not overlap the blocks before it. A request that
    // does not fit throws "shared heap exhausted" and uses up nothing.
    const heap = SharedHeap.create(128);
    expect(heap.alloc(3)).toBe(2);
    expect(heap.alloc(2, 4)).toBe(8);
    const offset = heap.allocFloat64(2);
    expect(offset % 8).toBe(0);
    expect(offset).toBeGreaterThanOrEqual(10 * 4);
    new Float64Array(heap.buffer, offset, 2).fill(1.5);
    expect(heap.i32[8]).toBe(0);
    const used = heap.usedWords();
    expect(() => heap.alloc(32 - used + 1)).toThrow(/^shared heap exhausted: asked for \d+ bytes/);
    expect(heap.usedWords()).toBe(used);
    expect(heap.alloc(32 - used)).toBe(used);
    expect(() => heap.alloc(1)).toThrow(RangeError);
  });

  it("refuses a buffer without a header, and bad sizes or alignments", () => {
    expect(() => new SharedHeap(new Int32Array(new SharedArrayBuffer(64)))).toThrow(/no header/);
    const heap = SharedHeap.create(64);
    expect(() => heap.alloc(-1)).toThrow(RangeError);
    expect(() => heap.alloc(1, 3)).toThrow(/power of two/);
    expect(() => heap.allocBytes(8, 2)).toThrow(/power of two/);
    expect(() => SharedHeap.create(12)).toThrow(RangeError);
  });

  it("never hands out overlapping blocks to workers allocating at once", async () => {
    // Scenario: four workers pass a start gate together, then each makes
    // 3,000 allocations of 0-16 words with alignments 1-8, filling every
    // word it gets with its own tag. All blocks are in bounds, aligned and
    // pairwise disjoint, and every word still holds its owner's tag (a block
    // handed out twice would have been overwritten by the other worker).
    const heap = SharedHeap.create(4 * 3000 * 32 * 4);
    const gate = heap.alloc(1);
    const workers = await startPuppets(heap.buffer, 4);
    const replies = await Promise.all(
      workers.map((w, k) => w.run({ op: "heapAlloc", count: 3000, seed: k * 7919 + 1, tag: k + 1, gate, parties: 4 })),
    );
    const results = replies.map((r) => r.value as AllocResult);
    for (const r of results) {
      expect(r.error).toBeUndefined();
      expect(r.blocks).toHaveLength(3000);
    }
    checkBlocks(heap, results.map((r) => r.blocks));
  });

  it("fills up cleanly when workers exhaust it at once", async () => {
    // Scenario: four workers allocate from a 16 KiB heap until it refuses.
    // Each stops with "shared heap exhausted"; what they got is disjoint and
    // in bounds, and the header never points past the end.
    const heap = SharedHeap.create(16 * 1024);
    const gate = heap.alloc(1);
    const workers = await startPuppets(heap.buffer, 4);
    const replies = await Promise.all(
      workers.map((w, k) => w.run({ op: "heapAlloc", count: Infinity, seed: k + 3, tag: k + 1, gate, parties: 4 })),
    );
    const results = replies.map((r) => r.value as AllocResult);
    for (const r of results) expect(r.error?.message).toMatch(/^shared heap exhausted/);
    expect(heap.usedWords()).toBeLessThanOrEqual(heap.capacityWords);
    checkBlocks(heap, results.map((r) => r.blocks));
  });

  it("a recycled heap zeroes what it hands out, wherever the last run wrote, except scratch", () => {
    const heap = SharedHeap.create(4096);
    heap.i32.fill(7, HEAP_HEADER_WORDS);
    initHeap(heap.i32, true);
    const a = heap.alloc(16);
    expect([...heap.i32.subarray(a, a + 16)].every((w) => w === 0)).toBe(true);
    const s = heap.alloc(8, 1, true);
    expect(heap.i32[s]).toBe(7);
    const f = heap.allocFloat64(4);
    expect([...new Float64Array(heap.buffer, f, 4)]).toEqual([0, 0, 0, 0]);
    // what no allocation reached keeps its words
    expect(heap.i32[heap.usedWords()]).toBe(7);
  });

  it("a fresh heap does not zero (its buffer already is)", () => {
    const heap = SharedHeap.create(4096);
    heap.i32[HEAP_HEADER_WORDS + 3] = 5;
    const a = heap.alloc(8);
    expect(heap.i32[a + 3]).toBe(5);
  });
});
