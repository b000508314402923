// One worker's race detector: FastTrack's rules (Flanagan and Freund, PLDI
// 2009) on the run's detector memory (race-memory.ts).
//
// Every thread has a vector clock C (its own entry is its current epoch).
// Happens-before: release(m) joins C into m's clock and ticks C; acquire(m)
// joins m's clock into C; start copies the parent's C into the child's and
// ticks the parent; join joins the child's last C into the joiner's. An
// object's clock is only ever joined into (never overwritten), so a queue
// with several producers orders a get after every put before it: possibly
// more order than the program has, so some races go unseen, none is made up.
//
// A cell's shadow keeps its last write as an epoch (tid, clock, site, time)
// and its last read as an epoch, or, once two threads read it without order
// between them, as a read set (one epoch per tid). A write races with the
// last write and every read it is not ordered after; a read races with the
// last write. The shadow entry is updated under its spin word, so the check
// and the update are one step for every worker.
//
// Each race is reported once per pair of sites (the compiler's numbered
// access points, each with a line and the text of the access) and kinds.

import {
  Header, MAX_TIDS, READ_SET_WORDS, SHADOW, SHADOW_SLOTS, Shadow, allocPool, entryOf, newTid,
  spinLock, spinUnlock, syncVcOf, threadVc, tidOf,
} from "./race-memory";

export const enum Access { Read = 0, Write = 1 }

export interface RaceReport {
  /** the cell's byte offset in the user heap / 4 */
  cell: number;
  access: Access;
  site: number;
  timeUs: number;
  prevTid: number;
  prevAccess: Access;
  prevSite: number;
  prevTimeUs: number;
}

/** Reports per worker at most: a racy loop finds the same pairs again and again. */
const MAX_REPORTS = 64;
const CACHE = 1024;

export class RaceDetector {
  private readonly i32: Int32Array;
  private tid = -1;
  private vc = 0;
  private readonly reported = new Set<string>();
  /** cell -> shadow entry, direct-mapped (entries never move) */
  private readonly cacheKey = new Int32Array(CACHE);
  private readonly cacheAt = new Int32Array(CACHE);
  /** the precise time this thread started: access times are never placed before it (the coarse clock can lag) */
  private lastUs = 0;
  private readonly syncKey = new Int32Array(CACHE);
  private readonly syncAt = new Int32Array(CACHE);

  constructor(
    memory: SharedArrayBuffer,
    private readonly report: (race: RaceReport) => void,
    private readonly nowUs: () => number,
    /** a cheaper, coarser clock (µs) for the shadow's access times: they only place marks on the timeline */
    private readonly coarseClockUs: () => number = nowUs,
  ) {
    this.i32 = new Int32Array(memory);
  }

  /** The calling thread is `ident`: MainThread takes tid 0, others the tid their starter gave them. */
  enter(ident: number, main: boolean): void {
    this.tid = main ? newTid(this.i32, ident) : tidOf(this.i32, ident);
    if (this.tid < 0) return;
    this.vc = threadVc(this.tid);
    this.lastUs = this.nowUs();
    if (main) Atomics.store(this.i32, this.vc, 1);
  }

  // Hot path reads of the header are plain loads: V8 does not inline
  // Atomics.load, and a flag seen a little late costs nothing but a check.
  private get on(): boolean {
    return this.tid >= 0 && this.i32[Header.Overflow] === 0;
  }

  private tids(): number {
    const n = this.i32[Header.NextTid];
    return n < MAX_TIDS ? n : MAX_TIDS;
  }

  /** `ref`'s sync clock, through a direct-mapped cache (entries never move) */
  private syncVc(ref: number): number {
    const k = ref & (CACHE - 1);
    if (this.syncKey[k] === ref) return this.syncAt[k];
    const at = syncVcOf(this.i32, ref);
    this.syncKey[k] = ref;
    this.syncAt[k] = at;
    return at;
  }

  /** Before starting thread `ident`: it begins with everything this thread did so far. */
  fork(childIdent: number): void {
    if (!this.on) return;
    const child = newTid(this.i32, childIdent);
    if (child < 0) return;
    const i32 = this.i32;
    const to = threadVc(child);
    const n = this.tids();
    for (let u = 0; u < n; u++) i32[to + u] = i32[this.vc + u];
    Atomics.store(i32, to + child, 1);
    this.tick();
  }

  /** After thread `ident` was seen to end (join): everything it did happened before. */
  joined(childIdent: number): void {
    if (!this.on) return;
    const child = tidOf(this.i32, childIdent);
    if (child >= 0) this.joinFrom(threadVc(child));
  }

  /** A release on object `ref` (unlock, put, set, notify, ...). */
  release(ref: number): void {
    if (!this.on) return;
    const i32 = this.i32;
    const m = this.syncVc(ref);
    const n = this.tids();
    spinLock(i32, m);
    for (let u = 0; u < n; u++) {
      const mine = i32[this.vc + u];
      if (mine > i32[m + 1 + u]) i32[m + 1 + u] = mine;
    }
    spinUnlock(i32, m);
    this.tick();
  }

  /** An acquire on object `ref` (lock, get, wait returning, ...). */
  acquire(ref: number): void {
    if (!this.on) return;
    const i32 = this.i32;
    const m = this.syncVc(ref);
    spinLock(i32, m);
    this.joinFrom(m + 1);
    spinUnlock(i32, m);
  }

  private joinFrom(from: number): void {
    const i32 = this.i32;
    const n = this.tids();
    for (let u = 0; u < n; u++) {
      const theirs = i32[from + u];
      if (theirs > i32[this.vc + u]) i32[this.vc + u] = theirs;
    }
  }

  /** An access's time: the coarse clock, but never before this thread started. */
  private coarseUs(): number {
    const coarse = this.coarseClockUs();
    return coarse > this.lastUs ? coarse : this.lastUs;
  }

  private tick(): void {
    this.i32[this.vc + this.tid]++;
  }

  private entry(cell: number): number {
    const k = cell & (CACHE - 1);
    if (this.cacheKey[k] === cell + 1) return this.cacheAt[k];
    const at = entryOf(this.i32, SHADOW, SHADOW_SLOTS, Shadow.Words, cell + 1, true);
    if (at < 0) {
      Atomics.store(this.i32, Header.ShadowFull, 1);
      return -1;
    }
    this.cacheKey[k] = cell + 1;
    this.cacheAt[k] = at;
    return at;
  }

  /** A read of the cell at user-heap word `cell` from compiler site `site`. */
  read(cell: number, site: number): void {
    if (!this.on) return;
    const at = this.entry(cell);
    if (at < 0) return;
    const i32 = this.i32, tid = this.tid, vc = this.vc;
    const clock = i32[vc + tid];
    // FastTrack's "same epoch" rule, before the spin word: this thread read
    // it already since its last synchronisation (only this thread writes
    // its own epoch there, so a stale look can only send it the slow way).
    if (i32[at + Shadow.RTid] === tid && i32[at + Shadow.RClock] === clock) return;
    spinLock(i32, at + Shadow.Spin);
    const rTid = i32[at + Shadow.RTid];
    if (!(rTid === tid && i32[at + Shadow.RClock] === clock)) {
      const wClock = i32[at + Shadow.WClock];
      if (wClock > 0) {
        const wTid = i32[at + Shadow.WTid];
        if (wClock > i32[vc + wTid]) this.found(cell, Access.Read, site, wTid, Access.Write, i32[at + Shadow.WSite], i32[at + Shadow.WTime]);
      }
      const now = this.coarseUs();
      if (rTid === -1) {
        const set = i32[at + Shadow.RClock] + tid * 3;
        i32[set] = clock;
        i32[set + 1] = site;
        i32[set + 2] = now;
      } else {
        const rClock = i32[at + Shadow.RClock];
        if (rClock === 0 || rTid === tid || rClock <= i32[vc + rTid]) {
          this.setRead(at, tid, clock, site, now);
        } else {
          // two unordered reads: keep both (FastTrack's read-shared state)
          const set = allocPool(i32, READ_SET_WORDS);
          if (set < 0) {
            Atomics.store(i32, Header.ReadsLost, 1);
            this.setRead(at, tid, clock, site, now);
          } else {
            i32[set + rTid * 3] = rClock;
            i32[set + rTid * 3 + 1] = i32[at + Shadow.RSite];
            i32[set + rTid * 3 + 2] = i32[at + Shadow.RTime];
            i32[set + tid * 3] = clock;
            i32[set + tid * 3 + 1] = site;
            i32[set + tid * 3 + 2] = now;
            i32[at + Shadow.RClock] = set;
            i32[at + Shadow.RTid] = -1;
          }
        }
      }
    }
    spinUnlock(i32, at + Shadow.Spin);
  }

  private setRead(at: number, tid: number, clock: number, site: number, now: number): void {
    const i32 = this.i32;
    i32[at + Shadow.RTid] = tid;
    i32[at + Shadow.RClock] = clock;
    i32[at + Shadow.RSite] = site;
    i32[at + Shadow.RTime] = now;
  }

  /** A write of the cell at user-heap word `cell` from compiler site `site`. */
  write(cell: number, site: number): void {
    if (!this.on) return;
    const at = this.entry(cell);
    if (at < 0) return;
    const i32 = this.i32, tid = this.tid, vc = this.vc;
    const clock = i32[vc + tid];
    if (i32[at + Shadow.WTid] === tid && i32[at + Shadow.WClock] === clock) return;
    spinLock(i32, at + Shadow.Spin);
    const wTid = i32[at + Shadow.WTid];
    const wClock = i32[at + Shadow.WClock];
    if (!(wTid === tid && wClock === clock)) {
      if (wClock > 0 && wClock > i32[vc + wTid]) {
        this.found(cell, Access.Write, site, wTid, Access.Write, i32[at + Shadow.WSite], i32[at + Shadow.WTime]);
      }
      const rTid = i32[at + Shadow.RTid];
      if (rTid === -1) {
        const set = i32[at + Shadow.RClock];
        const n = this.tids();
        for (let u = 0; u < n; u++) {
          const c = i32[set + u * 3];
          if (c > 0 && u !== tid && c > i32[vc + u]) this.found(cell, Access.Write, site, u, Access.Read, i32[set + u * 3 + 1], i32[set + u * 3 + 2]);
        }
        i32[at + Shadow.RTid] = 0;
        i32[at + Shadow.RClock] = 0;
      } else {
        const rClock = i32[at + Shadow.RClock];
        if (rClock > 0 && rTid !== tid && rClock > i32[vc + rTid]) {
          this.found(cell, Access.Write, site, rTid, Access.Read, i32[at + Shadow.RSite], i32[at + Shadow.RTime]);
        }
      }
      i32[at + Shadow.WTid] = tid;
      i32[at + Shadow.WClock] = clock;
      i32[at + Shadow.WSite] = site;
      i32[at + Shadow.WTime] = this.coarseUs();
    }
    spinUnlock(i32, at + Shadow.Spin);
  }

  private found(cell: number, access: Access, site: number, prevTid: number, prevAccess: Access, prevSite: number, prevTimeUs: number): void {
    if (this.reported.size >= MAX_REPORTS || prevTid < 0 || prevTid >= MAX_TIDS) return;
    const key = `${access}:${site}:${prevAccess}:${prevSite}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.report({ cell, access, site, timeUs: this.nowUs(), prevTid, prevAccess, prevSite, prevTimeUs });
  }
}
