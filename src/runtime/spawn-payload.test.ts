// A start whose copy does not fit in the run's heap says what start() copies
// and which top-level value is most of it, not the heap's own words.

import { describe, expect, it } from "vitest";
import { SharedHeap } from "../sync/heap";
import { BLOCK_HEADER_WORDS, Blocks } from "../sync/blocks";
import { CONTROL_WORDS, ENTRY_WORDS, ThreadTable } from "./thread-table";
import { storePayload, takePayload } from "./spawn-payload";

function memory() {
  const heap = SharedHeap.create(256 * 1024);
  const control = heap.alloc(CONTROL_WORDS + 4 * ENTRY_WORDS, 2);
  const table = ThreadTable.init(heap.i32, control, control + CONTROL_WORDS, 4, 4);
  const blocks = new Blocks(heap, heap.alloc(BLOCK_HEADER_WORDS, 2));
  return { table, blocks, userHeap: new SharedArrayBuffer(1024) };
}

describe("a thread's start record", () => {
  it("travels through the heap when it fits", () => {
    const m = memory();
    const ident = m.table.reserve("Thread-1", "thread", false, 1, 1);
    storePayload(m, ident, { target: null, args: [1, "two"], self: null, snapshot: { small: [1, 2, 3] } });
    expect(takePayload(m, ident)).toMatchObject({ args: [1, "two"], snapshot: { small: [1, 2, 3] } });
  });

  it("that does not fit fails naming what start() copies, and the top-level value that is most of it", () => {
    const m = memory();
    const ident = m.table.reserve("Thread-1", "thread", false, 1, 1);
    const payload = { target: null, args: [], self: null, snapshot: { data: new Float64Array(100_000), tiny: 1 } };
    expect(() => storePayload(m, ident, payload)).toThrow(
      /^start\(\) copies what the thread runs into it \(.* bytes, most of it the top-level 'data' \(800,\d{3} bytes\)\), and the run's 256 KB heap has no room for it: share large data through sharedArray\(\), which is not copied$/,
    );
  });
});
