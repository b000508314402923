// A thread's name in its thread-table slot (thread-table.ts): the name word
// (field NAME_WORD) and the UTF-8 bytes after it, to the slot's end.
//
// Algorithm: a seqlock. The name word holds the name's length in bytes in
// its low 16 bits and, above, a 15-bit count of its writes, odd while one
// is under way. A writer takes the odd count by compare-exchange (so two
// writers never interleave their bytes), checks only then that the slot is
// still its thread's, writes the bytes, and stores the even count with the
// new length. A reader reads the word, the bytes, and the word again, and
// keeps the name only if the word did not move and was even, and the slot
// was the thread's throughout. So a reserve() that gives the slot to
// another thread names it before or after a rename by an old handle, never
// amid it, and that rename never lands on the new thread; a read never
// gives half of two names.
//
// Everything is bounded: any worker can write these words (the snippet
// among them), so a writer that finds the count odd for NAME_SPINS tries
// takes the word over, and a reader gives up (null) after NAME_READ_TRIES.

/** the name word's field in a slot; the name's bytes follow it to the slot's end */
export const NAME_WORD = 22;

/** what the name functions need of the table */
interface NamedSlots {
  readonly i32: Int32Array;
  readonly u8: Uint8Array;
  /** the most bytes a name takes (to the slot's end) */
  readonly nameBytes: number;
  slotOf(ident: number): number;
  slotAt(slot: number, f: number): number;
  holdsSlot(ident: number): boolean;
}

const NAME_SPINS = 1 << 14;
const NAME_READ_TRIES = 8;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The name word after `word`'s: its write count one on, and `length`. */
function stamped(word: number, length: number): number {
  return ((((word >>> 16) + 1) & 0x7fff) << 16) | length;
}

/** Names `ident`'s thread `name` (cut to NAME_BYTES), unless its slot is another's by the time the word is taken. */
export function writeName(table: NamedSlots, ident: number, name: string): void {
  const bytes = encoder.encode(name).subarray(0, table.nameBytes);
  const i32 = table.i32;
  const at = table.slotAt(table.slotOf(ident), NAME_WORD);
  let writing: number;
  for (let spins = 0; ; spins++) {
    const word = Atomics.load(i32, at);
    const odd = ((word >>> 16) & 1) === 1;
    if (spins >= NAME_SPINS) {
      // (A writer that died mid-write, or the snippet, may leave the count odd: this write takes it over.)
      writing = odd ? word : stamped(word, word & 0xffff);
      Atomics.store(i32, at, writing);
      break;
    }
    if (odd) continue;
    writing = stamped(word, word & 0xffff);
    if (Atomics.compareExchange(i32, at, word, writing) === word) break;
  }
  if (!table.holdsSlot(ident)) {
    Atomics.compareExchange(i32, at, writing, stamped(writing, writing & 0xffff));
    return;
  }
  table.u8.set(bytes, (at + 1) * 4);
  Atomics.store(i32, at, stamped(writing, bytes.length));
}

/** The name in `slot`, its length from the name word `word`, clamped. */
export function nameIn(table: NamedSlots, slot: number, word: number): string {
  const at = table.slotAt(slot, NAME_WORD);
  const length = Math.min(table.nameBytes, word & 0xffff);
  // TextDecoder refuses views of shared memory: copy first.
  return decoder.decode(table.u8.slice((at + 1) * 4, (at + 1) * 4 + length));
}

/** `ident`'s name, read whole: null if its slot went to another thread, or writes kept it moving, as it was read. */
export function readName(table: NamedSlots, ident: number): string | null {
  const slot = table.slotOf(ident);
  const at = table.slotAt(slot, NAME_WORD);
  for (let tries = 0; tries < NAME_READ_TRIES; tries++) {
    if (!table.holdsSlot(ident)) return null;
    const before = Atomics.load(table.i32, at);
    if ((before >>> 16) & 1) continue;
    const name = nameIn(table, slot, before);
    if (Atomics.load(table.i32, at) === before && table.holdsSlot(ident)) return name;
  }
  return null;
}
