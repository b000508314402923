// What the deadlock watch (deadlock-watch.ts) needs, read from the run's
// memory by the runner: for every live thread, what it blocks on, whether
// with a timeout, who could free it, and how far its trace has got (a
// thread that records anything between two scans is not stuck). The words
// come from memory the snippet can write, so addresses are bounds-checked
// and a holder that is not a live thread of the run is taken as none.

import { Field, type ThreadTable } from "../thread-table";
import type { ThreadWait } from "../deadlock-watch";
import { holderNeedsMemory, holderOf } from "../object-holders";

export function readWaits(table: ThreadTable, tableEndWord: number, nameOf: (ident: number) => string): ThreadWait[] {
  const i32 = table.i32;
  const inHeap = (word: number) => Number.isInteger(word) && word >= tableEndWord && word < i32.length - 4;
  return table.aliveIdents().map((ident) => {
    const obj = table.get(ident, Field.WaitKind) === 0 ? 0 : table.get(ident, Field.WaitObj);
    const addr = table.get(ident, Field.WaitAddr);
    const heldBy = obj === 0 || (holderNeedsMemory(obj) && !inHeap(addr)) ? 0 : holderOf(obj, i32, addr);
    const ring = table.get(ident, Field.RingBase);
    const progress = inHeap(ring) ? (Atomics.load(i32, ring) + Atomics.load(i32, ring + 2)) | 0 : -1;
    return { ident, name: nameOf(ident), obj, heldBy, timed: table.get(ident, Field.WaitTimed) === 1, progress, addr: inHeap(addr) ? addr : -1 };
  });
}
