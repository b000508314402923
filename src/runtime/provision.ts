// The shared memory a thread needs before its worker starts: its trace ring,
// its output ring, and which shared globals it sees (its process's). The
// starter provisions it, so a new thread costs the page nothing but a
// postMessage to a warm worker.

import type { SharedHeap } from "../sync/heap";
import { initRing, ringWords } from "../trace/ring";
import { initOutputRing, outputRingWords } from "./output-ring";
import { Field, type ThreadTable } from "./thread-table";

const TRACE_RING_EVENTS = 4096;
const OUTPUT_RING_WORDS = 1 << 14;

export function provisionThread(heap: SharedHeap, table: ThreadTable, ident: number, globalsByteOffset: number, globalsCount: number, gilBase = 0): void {
  table.set(ident, Field.GilBase, gilBase);
  const ringBase = heap.alloc(ringWords(TRACE_RING_EVENTS), 2);
  initRing(heap.i32, ringBase, TRACE_RING_EVENTS);
  table.set(ident, Field.RingBase, ringBase);
  const outputBase = heap.alloc(outputRingWords(OUTPUT_RING_WORDS), 2);
  initOutputRing(heap.i32, outputBase, OUTPUT_RING_WORDS);
  table.set(ident, Field.OutputBase, outputBase);
  table.set(ident, Field.GlobalsByteOffset, globalsByteOffset);
  table.set(ident, Field.GlobalsCount, globalsCount);
}
