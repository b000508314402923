// Test support (not shipped): a run's memory laid out as the runner lays it
// out, and MainThread's worker context over it, so that the API can be
// called from a Node test as a snippet calls it; plus a reader of what the
// thread traced.

import { createRunMemory } from "./runner/run-memory";
import { SharedHeap } from "../sync/heap";
import { createContext } from "./worker-context";
import { Field } from "./thread-table";
import { DEFAULT_SETTINGS } from "./settings";
import { RingReader } from "../trace/ring-reader";
import { EVENT_BYTES } from "../trace/ring";
import { TRACE_RING_EVENTS } from "./provision";

export function startTestRun(settings = DEFAULT_SETTINGS, heapBytes = 16 << 20) {
  const memory = createRunMemory(1, "", settings, 1, { heap: SharedHeap.create(heapBytes), userHeap: SharedHeap.create(heapBytes) });
  const { heap, table, main: ident } = memory;
  const ctx = createContext(memory.context, ident);
  const reader = new RingReader(heap.i32, table.get(ident, Field.RingBase), TRACE_RING_EVENTS);
  /** The events traced since the last call: [kind, arg, obj] each. */
  const events = () => {
    const bytes = new Uint8Array(TRACE_RING_EVENTS * EVENT_BYTES);
    const n = reader.drainInto(bytes, 0, TRACE_RING_EVENTS);
    const i32 = new Int32Array(bytes.buffer, 0, n * 4);
    const out: [kind: number, arg: number, obj: number][] = [];
    for (let i = 0; i < n; i++) out.push([i32[i * 4 + 2] >>> 24, i32[i * 4 + 2] & 0xffffff, i32[i * 4 + 3]]);
    return out;
  };
  return { memory, heap, userHeap: memory.userHeap, table, ctx, ident, events };
}
