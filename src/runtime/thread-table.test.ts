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
    Atomics.store(t.i32, at, word + (1 << 8));
    Atomics.store(t.i32, at + 1, 0x58585858);
    expect(t.nameOf(a)).toBeNull();
    // A later rename takes the word over (after a bounded wait) and leaves it whole.
    t.setName(a, "third");
    expect(t.nameOf(a)).toBe("third");
    expect((Atomics.load(t.i32, at) >>> 8) & 1).toBe(0);
  });

  it("a writer stalled mid-rename finds the word taken over when it goes on: its count is gone, so it writes no more and cannot publish", () => {
    const t = table(2);
    const a = t.reserve("Thread-1", "thread", false, 1, 1);
    const at = CONTROL_WORDS + t.slotOf(a) * ENTRY_WORDS + 22;
    // The stalled writer took the word (its count odd) and stopped there.
    const stalled = Atomics.load(t.i32, at) + (1 << 8);
    Atomics.store(t.i32, at, stalled);
    t.setName(a, "renamed");
    expect(t.nameOf(a)).toBe("renamed");
    expect(Atomics.load(t.i32, at)).not.toBe(stalled);
    expect(Atomics.compareExchange(t.i32, at, stalled, 0)).not.toBe(stalled);
  });

  it("a long name is cut to whole characters", () => {
    const t = table(2);
    const a = t.reserve("中".repeat(100), "thread", false, 1, 1);
    const name = t.nameOf(a)!;
    expect(name.length).toBeGreaterThan(50);
    expect(name).toBe("中".repeat(name.length));
  });

  it("the drainer's read of a name held mid-write says it was not whole, so that it reads it again at its next pass", () => {
    const t = table(2);
    const a = t.reserve("Thread-1", "thread", false, 1, 1);
    const at = CONTROL_WORDS + t.slotOf(a) * ENTRY_WORDS + 22;
    expect(t.slotNameRead(t.slotOf(a))).toMatchObject({ name: "Thread-1", whole: true });
    Atomics.store(t.i32, at, Atomics.load(t.i32, at) + (1 << 8));
    expect(t.slotNameRead(t.slotOf(a)).whole).toBe(false);
  });
});
