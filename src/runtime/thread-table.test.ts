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

describe("thread names", () => {
  it("a handle's rename after its slot went to another thread does not rename that thread, and its read says the name is not its own", () => {
    const t = table(2);
    const a = t.reserve("Thread-1", "thread", false, 1, 1);
    t.publish(a);
    expect(t.nameOf(a)).toBe("Thread-1");
    t.finish(a);
    t.pushFree(t.slotOf(a));
    const b = t.reserve("Thread-2", "thread", false, 1, 1);
    t.setName(a, "renamed-a");
    expect(t.nameOf(b)).toBe("Thread-2");
    expect(t.nameOf(a)).toBeNull();
  });

  it("a name is read whole or not at all: while a write holds the name word (its count odd), a read gives up rather than a torn name", () => {
    const t = table(2);
    const a = t.reserve("first", "thread", false, 1, 1);
    t.setName(a, "second");
    expect(t.nameOf(a)).toBe("second");
    const at = CONTROL_WORDS + t.slotOf(a) * ENTRY_WORDS + 22;
    const word = Atomics.load(t.i32, at);
    // As a writer would leave it mid-write: the count odd, the bytes half new.
    Atomics.store(t.i32, at, word + (1 << 16));
    t.u8.set(new TextEncoder().encode("XXX"), (at + 1) * 4);
    expect(t.nameOf(a)).toBeNull();
    // A later rename takes the word over (bounded wait) and leaves it whole.
    t.setName(a, "third");
    expect(t.nameOf(a)).toBe("third");
    expect((Atomics.load(t.i32, at) >>> 16) & 1).toBe(0);
  });
});
