// The thread table's slot reuse, on a table in plain shared memory: an ident
// that no longer owns its slot (its thread ended and the slot went to
// another) writes nothing into it.

import { describe, expect, it } from "vitest";
import { CONTROL_WORDS, ENTRY_WORDS, Field, ThreadTable } from "./thread-table";

function table(capacity: number): ThreadTable {
  const i32 = new Int32Array(new SharedArrayBuffer(4 * (CONTROL_WORDS + capacity * ENTRY_WORDS)));
  return ThreadTable.init(i32, 0, CONTROL_WORDS, capacity, capacity);
}

describe("thread table", () => {
  it("a wait set through an ident whose slot went to another thread is not that thread's wait", () => {
    // Scenario: thread a ends and its slot is recycled for b; code a left running (a promise chain it did not
    // await) then blocks. Its wait-for edge must not appear as b's, which the deadlock watch would believe.
    const t = table(2);
    const a = t.reserve("Thread-1", "thread", false, 1, 1);
    t.publish(a);
    t.finish(a);
    t.pushFree(t.slotOf(a));
    const b = t.reserve("Thread-2", "thread", false, 1, 1);
    expect(t.slotOf(b)).toBe(t.slotOf(a));
    t.setWait(a, 1, 77, 5, true);
    expect([t.get(b, Field.WaitObj), t.get(b, Field.WaitAddr), t.get(b, Field.WaitTimed), t.get(b, Field.WaitKind)]).toEqual([0, 0, 0, 0]);
    t.setWait(b, 1, 88, 6, false);
    expect(t.get(b, Field.WaitObj)).toBe(88);
  });
});
