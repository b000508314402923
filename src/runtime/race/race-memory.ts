// The race detector's shared memory (API.md §11): one SharedArrayBuffer per
// run, made by the runner only when settings.raceDetector is on, and seen
// by every worker of the run. It holds what FastTrack (Flanagan and Freund,
// PLDI 2009) keeps: a vector clock per thread, one per synchronising object,
// and a shadow entry per watched memory cell.
//
// Threads get detector ids (tids) 0..MAX_TIDS-1 in the order they start. A
// run that starts more threads than that turns the detector off for good
// ("overflow"): a thread without a tid could carry happens-before between
// two that have one, and missing that edge would report races that are not
// there. Every table here is fixed-size and open-addressed, filled with CAS,
// never resized or freed; what does not fit degrades towards reporting
// fewer races, never false ones (see sync VCs and read-shared sets below).
//
// Header (Int32 words):
//   0 nextTid    1 bump (word index of the next free word of the pool)
//   2 overflow   1: too many threads, the detector stopped checking
//   3 shadowFull 1: a cell could not get a shadow entry (some cells unwatched)
//   4 readsLost  1: a read-shared set could not be allocated (kept an epoch only)
// Regions, in order after the header:
//   tid map      TID_SLOTS x [ident, tid+1]        ident -> tid (0: empty)
//   tid idents   MAX_TIDS                           tid -> ident (for reports)
//   thread VCs   MAX_TIDS x MAX_TIDS clocks         VC of thread tid at tid*MAX_TIDS
//   sync map     SYNC_SLOTS x [ref, spin, vc]      object ref -> its VC's word index
//   overflow VC  SPIN + MAX_TIDS                    shared by objects that found no room
//   shadow       SHADOW_SLOTS x SHADOW_WORDS        see Shadow below
//   pool         bump-allocated: sync VCs (MAX_TIDS) and read-shared sets (READ_SET_WORDS)

export const MAX_TIDS = 256;
const HEADER_WORDS = 16;
export const enum Header { NextTid = 0, Bump = 1, Overflow = 2, ShadowFull = 3, ReadsLost = 4 }

export const TID_SLOTS = MAX_TIDS * 4;
export const SYNC_SLOTS = 8192;
export const SHADOW_SLOTS = 1 << 17;
/** Shadow entry words: the cell's key and a spin word, its last write, its last read(s). */
export const enum Shadow {
  Key = 0, Spin = 1, WTid = 2, WClock = 3, WSite = 4, WTime = 5,
  /** RTid -1: read-shared, RClock holds the word index of a read set */
  RTid = 6, RClock = 7, RSite = 8, RTime = 9, Words = 12,
}
/** A read-shared set: clock, site and time of the last read by each tid. */
export const READ_SET_WORDS = MAX_TIDS * 3;
const POOL_WORDS = 4 << 20;

export const TID_MAP = HEADER_WORDS;
export const TID_IDENTS = TID_MAP + TID_SLOTS * 2;
export const THREAD_VCS = TID_IDENTS + MAX_TIDS;
export const SYNC_MAP = THREAD_VCS + MAX_TIDS * MAX_TIDS;
export const OVERFLOW_VC = SYNC_MAP + SYNC_SLOTS * 3;
export const SHADOW = OVERFLOW_VC + 1 + MAX_TIDS;
const POOL = SHADOW + SHADOW_SLOTS * Shadow.Words;
const TOTAL_WORDS = POOL + POOL_WORDS;

/** A new, empty detector memory (the runner makes one per run). */
export function createRaceMemory(): SharedArrayBuffer {
  const sab = new SharedArrayBuffer(TOTAL_WORDS * 4);
  new Int32Array(sab)[Header.Bump] = POOL;
  return sab;
}

const hash = (key: number, slots: number) => Math.imul(key, 0x9e3779b1) >>> 0 & (slots - 1);

/**
 * Finds or inserts `key` (> 0) in the open-addressed table at `base`
 * (`slots` entries of `words` words, key in word 0); returns the entry's
 * word index, or -1 when the table is full. Inserting is one CAS, so two
 * workers that insert the same key end in the same entry.
 */
export function entryOf(i32: Int32Array, base: number, slots: number, words: number, key: number, insert: boolean): number {
  let slot = hash(key, slots);
  for (let probes = 0; probes < slots; probes++, slot = (slot + 1) & (slots - 1)) {
    const at = base + slot * words;
    const seen = Atomics.load(i32, at);
    if (seen === key) return at;
    if (seen === 0) {
      if (!insert) return -1;
      const was = Atomics.compareExchange(i32, at, 0, key);
      if (was === 0 || was === key) return at;
    }
  }
  return -1;
}

/** Takes `words` words of the pool, or -1 when it is used up. */
export function allocPool(i32: Int32Array, words: number): number {
  for (;;) {
    const at = Atomics.load(i32, Header.Bump);
    if (at + words > TOTAL_WORDS) return -1;
    if (Atomics.compareExchange(i32, Header.Bump, at, at + words) === at) return at;
  }
}

/** Spin lock on one word: the critical sections here are a few dozen loads and stores. */
export function spinLock(i32: Int32Array, at: number): void {
  while (Atomics.compareExchange(i32, at, 0, 1) !== 0) {
    // another worker is in it for a few hundred nanoseconds at most
  }
}

export function spinUnlock(i32: Int32Array, at: number): void {
  Atomics.store(i32, at, 0);
}

/** The tid of thread `ident`, or -1 when it has none. */
export function tidOf(i32: Int32Array, ident: number): number {
  const at = entryOf(i32, TID_MAP, TID_SLOTS, 2, ident, false);
  if (at < 0) return -1;
  return Atomics.load(i32, at + 1) - 1;
}

/** Gives thread `ident` the next tid; -1 (and the detector off) when there is none left. */
export function newTid(i32: Int32Array, ident: number): number {
  const tid = Atomics.add(i32, Header.NextTid, 1);
  const at = tid < MAX_TIDS ? entryOf(i32, TID_MAP, TID_SLOTS, 2, ident, true) : -1;
  if (at < 0) {
    Atomics.store(i32, Header.Overflow, 1);
    return -1;
  }
  Atomics.store(i32, TID_IDENTS + tid, ident);
  Atomics.store(i32, at + 1, tid + 1);
  return tid;
}

/** The ident of the thread with detector id `tid`. */
export function identOfTid(i32: Int32Array, tid: number): number {
  return Atomics.load(i32, TID_IDENTS + tid);
}

/** What the detector could not watch in a run, said plainly (memory a snippet can write: read as hints only). */
export function raceDetectorLimits(i32: Int32Array): string[] {
  const limits: string[] = [];
  if (Atomics.load(i32, Header.Overflow) !== 0) {
    limits.push(`race detector: the run started more than ${MAX_TIDS} threads; races after that were not checked`);
  }
  if (Atomics.load(i32, Header.ShadowFull) !== 0) {
    limits.push(`race detector: more than ${SHADOW_SLOTS} shared cells were used; cells beyond that were not checked`);
  }
  if (Atomics.load(i32, Header.ReadsLost) !== 0) {
    limits.push("race detector: out of memory for concurrent readers; some read/write races may not be reported");
  }
  return limits;
}

/** Word index of thread `tid`'s vector clock. */
export const threadVc = (tid: number) => THREAD_VCS + tid * MAX_TIDS;

/**
 * Word index of object `ref`'s spin word, followed by its vector clock,
 * allocated on first use. Objects that find no room share the overflow VC:
 * more happens-before than the program has, so fewer races, never false ones.
 */
export function syncVcOf(i32: Int32Array, ref: number): number {
  const at = entryOf(i32, SYNC_MAP, SYNC_SLOTS, 3, ref, true);
  if (at < 0) return OVERFLOW_VC;
  const vc = Atomics.load(i32, at + 2);
  if (vc > 0) return vc;
  spinLock(i32, at + 1);
  try {
    let now = Atomics.load(i32, at + 2);
    if (now === 0) {
      now = allocPool(i32, 1 + MAX_TIDS);
      if (now < 0) now = OVERFLOW_VC;
      Atomics.store(i32, at + 2, now);
    }
    return now;
  } finally {
    spinUnlock(i32, at + 1);
  }
}
