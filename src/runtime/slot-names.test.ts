// slot-names.ts's one scratch per worker: a write or read that runs code of
// the table's in the middle (a method the snippet replaced: the table is
// within its reach) must not find the scratch written over by another
// name's read, and a name that is not a string is made one before the word
// is taken.
import { describe, expect, it } from "vitest";
import { NAME_WORD, readSlotName, writeName } from "./slot-names";

const SLOT_WORDS = 64;

/** A table of 4 slots whose holdsSlot runs `during` first (as a method the snippet replaced would). */
function table(during: () => void = () => {}) {
  const i32 = new Int32Array(new SharedArrayBuffer(4 * SLOT_WORDS * 4));
  return {
    i32,
    nameBytes: (SLOT_WORDS - NAME_WORD - 1) * 4,
    slotOf: (ident: number) => ident - 1,
    slotAt: (slot: number, f: number) => slot * SLOT_WORDS + f,
    holdsSlot: () => {
      during();
      return true;
    },
  };
}

describe("thread names through one scratch", () => {
  it("a name read in the middle of a write (from a replaced table method) leaves the written name whole", () => {
    const named = table();
    writeName(named, 2, "another thread's long name");
    const reads: string[] = [];
    const t = table(() => reads.push(readSlotName(named, 1).name));
    // (Same words: `t` is `named` with a holdsSlot that reads slot 2's name first.)
    Object.assign(t, { i32: named.i32 });
    writeName(t, 1, "mine");
    expect(reads).toContain("another thread's long name");
    expect(readSlotName(named, 0).name).toBe("mine");
  });

  it("makes a name that is not a string one before it takes the word", () => {
    const t = table();
    let wordWhenCalled = -1;
    const at = t.slotAt(0, NAME_WORD);
    writeName(t, 1, { toString: () => ((wordWhenCalled = Atomics.load(t.i32, at)), "from toString") } as unknown as string);
    expect(readSlotName(t, 0).name).toBe("from toString");
    // (An even count: no write held the word while the snippet's toString ran.)
    expect((wordWhenCalled >>> 8) & 1).toBe(0);
  });
});
