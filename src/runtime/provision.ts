// The shared memory a thread needs before its worker starts: its trace ring,
// its output ring, its process's GIL and which shared globals it sees (its
// process's). The starter provisions it, so a new thread costs the runner
// nothing but handing a warm worker its start message. A slot keeps its
// rings when it is reused: they are only emptied, so a run that starts and
// joins threads without end uses the same memory over and over.

import type { SharedHeap } from "../sync/heap";
import { initRing, ringWords } from "../trace/ring";
import { initOutputRing, outputRingWords } from "./output-ring";
import { Field, type ThreadTable } from "./thread-table";

export const TRACE_RING_EVENTS = 1 << 14;
export const OUTPUT_RING_WORDS = 1 << 14;

export interface ThreadMemory {
  gilBase: number;
  /** byte offset of the process's shared globals in the user heap, and how many */
  globalsOffset: number;
  globalsCount: number;
}

export function provisionThread(heap: SharedHeap, table: ThreadTable, ident: number, memory: ThreadMemory): void {
  table.set(ident, Field.GilBase, memory.gilBase);
  table.set(ident, Field.GlobalsOffset, memory.globalsOffset);
  table.set(ident, Field.GlobalsCount, memory.globalsCount);
  let ringBase = table.get(ident, Field.RingBase);
  let outputBase = table.get(ident, Field.OutputBase);
  if (ringBase === 0 || outputBase === 0) {
    // (Scratch: a ring's reader reads only what its writer wrote; initRing resets the headers.)
    ringBase = heap.alloc(ringWords(TRACE_RING_EVENTS), 2, true);
    outputBase = heap.alloc(outputRingWords(OUTPUT_RING_WORDS), 2, true);
  }
  initRing(heap.i32, ringBase, TRACE_RING_EVENTS);
  initOutputRing(heap.i32, outputBase, OUTPUT_RING_WORDS);
  table.set(ident, Field.RingBase, ringBase);
  table.set(ident, Field.OutputBase, outputBase);
}
