// A thread's name in its thread-table slot (thread-table.ts): the name word
// (field NAME_WORD) and the UTF-8 bytes in the words after it, to the slot's
// end.
//
// Algorithm: a seqlock. The name word holds the name's length in bytes in
// its low 8 bits and, above, a 23-bit count of its writes, odd while one is
// under way. A writer takes the odd count by compare-exchange (so two
// writers never interleave), checks only then that the slot is still its
// thread's, stores the bytes a word at a time (atomically: plain stores
// could be seen before the odd count on a weakly ordered machine),
// checking before each that the count is still its own, and publishes the
// even count with the new length by compare-exchange. A reader loads the
// word, the bytes and the word again, and keeps the name only if the word
// was even and did not move, and the slot was the thread's throughout. So a
// reserve() that gives the slot to another thread names it before or after
// a rename by an old handle, never amid it, and that rename never lands on
// the new thread; a read never gives half of two names.
//
// Everything is bounded: any worker can write these words (the snippet
// among them). A writer that finds the count odd for TAKEOVER_MS (a writer
// stopped mid-write, or the snippet's doing) takes the word over with a
// count of its own, odd and new: the stalled writer, if it ever goes on,
// finds the count moved at its next word and stops (only a stall that lands
// between that check and its one store can leave one word of its name
// behind). A reader gives up (null) after READ_MS. The tools are taken as
// the module loads, before any snippet: one that replaced TextDecoder's
// decode must not run while the word is held.

/** the name word's field in a slot; the name's bytes follow it to the slot's end */
export const NAME_WORD = 22;

/** what the name functions need of the table */
interface NamedSlots {
  readonly i32: Int32Array;
  /** the most bytes a name takes (to the slot's end; a multiple of 4, at most 255) */
  readonly nameBytes: number;
  slotOf(ident: number): number;
  slotAt(slot: number, f: number): number;
  holdsSlot(ident: number): boolean;
}

const TAKEOVER_MS = 100;
/** how long a handle's read of its thread's name tries for it whole */
const READ_MS = 20;
const COUNT_MASK = 0x7fffff;
const { load, store, compareExchange } = Atomics;
const apply = Reflect.apply;
const now = performance.now.bind(performance);
const encodeInto = TextEncoder.prototype.encodeInto;
const decode = TextDecoder.prototype.decode;
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const U8 = Uint8Array;
const I32 = Int32Array;
const AB = ArrayBuffer;

// One scratch for a name's bytes, reused by every write and read of this
// worker (each fills it and is done with it before it calls anything but
// the tools taken here, so none re-enters it): a
// fresh ArrayBuffer costs a browser about 6 us, and a thread's start took
// one to write its name and one more at each read. (Views and loops, not
// subarray() or fill(), which the snippet may have replaced.)
let scratch = { bytes: new U8(0), words: new I32(0) };

/**
 * The scratch as `nameBytes` bytes and the words over them. Not zeroed: a
 * writer stores, and a reader decodes, only the words the name's length
 * covers (a start writes its thread's name and reads it again: all 40 words
 * each time were a fifth of the starter's side of a start in a CPU profile,
 * in code that runs too rarely to be optimized); bytes past the length in
 * its last word are never read.
 */
function scratchFor(nameBytes: number): { bytes: Uint8Array; words: Int32Array } {
  if (scratch.bytes.length !== nameBytes) {
    const buffer = new AB(nameBytes);
    scratch = { bytes: new U8(buffer), words: new I32(buffer) };
  }
  return scratch;
}

/** how many words hold `length` bytes */
const wordsFor = (length: number) => (length + 3) >>> 2;

const isOdd = (word: number) => ((word >>> 8) & 1) === 1;

/** The name word after `word`'s: its write count `by` on, and `length`. */
function stamped(word: number, length: number, by = 1): number {
  return ((((word >>> 8) + by) & COUNT_MASK) << 8) | (length & 0xff);
}

/** Takes the name word at `at` for a write: the odd count it now holds. */
function takeWord(i32: Int32Array, at: number): number {
  const deadline = now() + TAKEOVER_MS;
  for (let spins = 0; ; spins++) {
    const word = load(i32, at);
    if (!isOdd(word)) {
      const writing = stamped(word, word);
      if (compareExchange(i32, at, word, writing) === word) return writing;
    } else if ((spins & 1023) === 1023 && now() > deadline) {
      const writing = stamped(word, word, 2);
      if (compareExchange(i32, at, word, writing) === word) return writing;
    }
  }
}

/** Names `ident`'s thread `name` (cut to whole characters within nameBytes), unless its slot is another's once the word is taken. */
export function writeName(table: NamedSlots, ident: number, name: string): void {
  const i32 = table.i32;
  const nameBytes = table.nameBytes;
  // (Made a string before the word is taken: a value's own toString is the snippet's code.)
  const text = typeof name === "string" ? name : `${name as unknown as string}`;
  const at = table.slotAt(table.slotOf(ident), NAME_WORD);
  const writing = takeWord(i32, at);
  if (table.holdsSlot(ident)) {
    // (Encoded after the table's methods ran, with nothing but the captured tools until the last store: a read of a
    // name from a method the snippet replaced would have written over the scratch.)
    const { bytes, words } = scratchFor(nameBytes);
    const { written } = apply(encodeInto, encoder, [text, bytes]) as TextEncoderEncodeIntoResult;
    for (let w = 0, used = wordsFor(written ?? 0); w < used; w++) {
      if (load(i32, at) !== writing) return;
      store(i32, at + 1 + w, words[w]);
    }
    compareExchange(i32, at, writing, stamped(writing, written ?? 0));
  } else {
    compareExchange(i32, at, writing, stamped(writing, writing));
  }
}

/** The name in `slot` as its words hold it now, its length from the name word `word`. */
function nameIn(table: NamedSlots, slot: number, word: number): string {
  const i32 = table.i32;
  const at = table.slotAt(slot, NAME_WORD);
  const { bytes, words } = scratchFor(table.nameBytes);
  const length = Math.min(table.nameBytes, word & 0xff);
  for (let w = 0, used = wordsFor(length); w < used; w++) words[w] = load(i32, at + 1 + w);
  return apply(decode, decoder, [new U8(bytes.buffer, 0, length)]) as string;
}

/**
 * The name in `slot`, read whole (trying for `readMs`; after that, as it
 * reads then), and the name word it was read under: `whole` false if it was
 * not read whole. (The runner and the drainer try briefly or once: a
 * snippet that holds every name word odd must not hold them up.)
 */
export function readSlotName(table: NamedSlots, slot: number, readMs = READ_MS): { name: string; word: number; whole: boolean } {
  const at = table.slotAt(slot, NAME_WORD);
  const deadline = now() + readMs;
  for (;;) {
    const before = load(table.i32, at);
    const name = nameIn(table, slot, before);
    if (!isOdd(before) && load(table.i32, at) === before) return { name, word: before, whole: true };
    if (now() > deadline) return { name, word: before, whole: false };
  }
}

/** `ident`'s name, read whole: null if its slot went to another thread, or writes kept it moving for READ_MS, as it was read. */
export function readName(table: NamedSlots, ident: number): string | null {
  const slot = table.slotOf(ident);
  if (!table.holdsSlot(ident)) return null;
  const read = readSlotName(table, slot);
  return read.whole && table.holdsSlot(ident) ? read.name : null;
}
