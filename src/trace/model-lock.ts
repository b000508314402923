// A lock's lane in the trace model (model-objects.ts says what the model
// keeps per shared object): per holder thread, the intervals it held the
// lock (with the time it started waiting, when the acquisition was
// contended), and per waiter the intervals it was blocked on it. Lists are
// per thread because one thread's events arrive in time order and the page
// drains thread by thread: per-thread lists stay sorted without any
// sorting. A Semaphore blocks threads too (state Blocked, obj = its id) but
// records no acquire/release, so it shows as a lock-like object with waits
// only. Past the trace's cap, holds and waits begun from then on are timed
// from one open time per thread, so the figures stay exact while the lists
// stop growing.

import { IntervalList, lowerBound, upperBound } from "./model-series";
import { ForeignReleases } from "./lock-releases";
import { kindOf, ObjKind } from "./object-kinds";

function listOf(map: Map<number, IntervalList>, ident: number): IntervalList {
  let list = map.get(ident);
  if (!list) map.set(ident, (list = new IntervalList()));
  return list;
}

export class LockTrack {
  /**
   * per holder ident; an interval's extra is when the holder began waiting
   * (NaN: not contended). Pairs folded into a release (trace/ring.ts) are
   * counted in `acquisitions` but have no interval: they lasted less than
   * the coarse clock can tell.
   */
  readonly holds = new Map<number, IntervalList>();
  /** per waiter ident: when it was blocked on this object */
  readonly waits = new Map<number, IntervalList>();
  acquisitions = 0;
  /**
   * releases by a thread that was not holding it (Python lets any thread
   * release a Lock): the page may read one before the acquire it ends, as
   * threads' events reach it in no particular order (trace/contradictions.ts)
   */
  releasesByOthers = 0;
  contended = 0;
  longestWaitMs = 0;
  private total = 0;
  private longest = 0;
  /** the longest of the holds timed past the cap, which no list keeps */
  private tailLongest = 0;
  /** a hold was ended after it was counted (lock-releases.ts): total and longest are counted again from the lists */
  private stale = false;
  /** a Lock's releases by threads that did not hold it (lock-releases.ts); null for other kinds */
  readonly foreign: ForeignReleases | null;
  /** past the cap: per thread, when its hold and its wait began (null: still keeping lists) */
  private tailHolds: Map<number, number> | null = null;
  private tailWaits: Map<number, number> | null = null;

  constructor(readonly id: number, readonly ordinal: number) {
    this.foreign = kindOf(id) === ObjKind.Lock ? new ForeignReleases() : null;
  }

  countOnly(): void {
    // (Counted from the lists once more first, while they are whole: past the cap they stop growing.)
    this.recount();
    this.tailHolds ??= new Map();
    this.tailWaits ??= new Map();
  }

  /** `shared`: a hold others may have at the same time (an RWLock's read); its interval's tag is 1 */
  acquire(ident: number, tMs: number, waitStartMs: number, shared = false): void {
    const list = listOf(this.holds, ident);
    if (list.isOpen() && this.foreign && !this.tailHolds) {
      // A Lock taken again by its holder: another thread released it between, not read yet (lock-releases.ts).
      this.countHold(list.close(tMs));
    }
    // An RLock records every nested acquire but only the outermost release: nested ones change nothing.
    if (list.isOpen() || this.tailHolds?.has(ident)) return;
    this.acquisitions++;
    if (!Number.isNaN(waitStartMs)) this.contended++;
    if (this.tailHolds) this.tailHolds.set(ident, tMs);
    else list.open(tMs, shared ? 1 : 0, waitStartMs);
  }

  release(ident: number, tMs: number): void {
    if (this.holds.get(ident)?.isOpen() !== true) {
      this.releasesByOthers++;
      if (this.foreign && !this.tailHolds) {
        this.foreign.add(this.holds, tMs);
        this.stale = true;
        return;
      }
    }
    this.countHold(this.closeHold(ident, tMs));
  }

  /**
   * What the holds drawn are worth, where threads not holding this Lock
   * released it: "placed" once each release was placed with every hold
   * known (or where there is none to place; past the model's cap the page
   * says so of every lane), "live" until the whole trace is in, "as-read"
   * past the bound on what placing them costs (lock-releases.ts).
   */
  get releasesPlaced(): "placed" | "live" | "as-read" {
    if (!this.foreign || this.tailHolds || this.releasesByOthers === 0 || this.foreign.exact) return "placed";
    return this.foreign.settled ? "as-read" : "live";
  }

  /** Whether the end of `ident`'s hold `index` was placed, once the trace was in, by a release of a thread not holding the lock. */
  holdEndPlaced(ident: number, index: number): boolean {
    const list = this.holds.get(ident);
    return this.releasesPlaced === "placed" && this.foreign?.settled === true && list !== undefined && this.foreign.ended(list, index);
  }

  /** The whole trace is in: each release by a thread not holding the lock ends the hold the stamps say it ended (lock-releases.ts). */
  settle(): void {
    if (!this.foreign || this.tailHolds || this.releasesByOthers === 0) return;
    this.foreign.settle(this.holds);
    this.stale = true;
  }

  get totalHoldMs(): number {
    this.recount();
    return this.total;
  }

  get longestHoldMs(): number {
    this.recount();
    return this.longest;
  }

  /** Counts the holds' total and longest again from the lists, if a hold was ended after it was counted. */
  private recount(): void {
    if (!this.stale) return;
    this.stale = false;
    let total = 0;
    let longest = 0;
    for (const list of this.holds.values()) {
      for (let i = 0; i < list.length; i++) {
        const heldMs = list.ends.data[i] - list.starts.data[i];
        if (!Number.isFinite(heldMs)) continue;
        total += heldMs;
        if (heldMs > longest) longest = heldMs;
      }
    }
    this.total = total;
    this.longest = Math.max(longest, this.tailLongest);
  }

  private countHold(heldMs: number): void {
    if (heldMs < 0) return;
    this.total += heldMs;
    if (heldMs > this.longest) this.longest = heldMs;
    if (this.tailHolds && heldMs > this.tailLongest) this.tailLongest = heldMs;
  }

  /** Ends `ident`'s hold, or (Python lets any thread release a Lock) whoever's is open; its length, or -1. */
  private closeHold(ident: number, tMs: number): number {
    const own = this.holds.get(ident);
    if (own?.isOpen()) return own.close(tMs);
    const tail = this.tailHolds;
    if (tail?.has(ident)) return endTail(tail, ident, tMs);
    let other: IntervalList | undefined;
    for (const list of this.holds.values()) if (list.isOpen()) other = list;
    if (other) return other.close(tMs);
    for (const holder of tail?.keys() ?? []) return endTail(tail!, holder, tMs);
    return -1;
  }

  beginWait(ident: number, tMs: number): void {
    if (this.tailWaits) this.tailWaits.set(ident, tMs);
    else listOf(this.waits, ident).open(tMs);
  }

  endWait(ident: number, tMs: number): void {
    const list = this.waits.get(ident);
    const waitedMs = list?.isOpen() ? list.close(tMs) : this.tailWaits?.has(ident) ? endTail(this.tailWaits, ident, tMs) : -1;
    if (waitedMs > this.longestWaitMs) this.longestWaitMs = waitedMs;
  }

  /**
   * The first `max` holds by threads other than `except` that overlap
   * [startMs, endMs), in the order they began, and how many there are in
   * all: who held the lock, in turn, while `except` waited for it (a hover
   * card asks at every move of the pointer, over a wait that may span
   * thousands of holds). A thread's exclusive holds are in order of start
   * and do not overlap, so their ends are in order too, and each thread's
   * are a run of its list found by two searches (a reader's nested shared
   * holds may end out of order: an outer one is then missed, never a false
   * one named).
   */
  holdsDuring(startMs: number, endMs: number, except: number, max: number): { first: { ident: number; startMs: number; endMs: number }[]; total: number } {
    const runs: { ident: number; list: IntervalList; at: number; end: number }[] = [];
    let total = 0;
    for (const [ident, list] of this.holds) {
      if (ident === except) continue;
      const at = upperBound(list.ends.data, list.length, startMs);
      const end = lowerBound(list.starts.data, list.length, endMs);
      if (end > at) {
        runs.push({ ident, list, at, end });
        total += end - at;
      }
    }
    // The earliest `max` of the threads' runs, merged by start.
    const first: { ident: number; startMs: number; endMs: number }[] = [];
    while (first.length < max) {
      let next: (typeof runs)[number] | null = null;
      for (const run of runs) if (run.at < run.end && (!next || run.list.starts.data[run.at] < next.list.starts.data[next.at])) next = run;
      if (!next) break;
      first.push({ ident: next.ident, startMs: next.list.starts.data[next.at], endMs: next.list.ends.data[next.at] });
      next.at++;
    }
    return { first, total };
  }

  /**
   * Who handed the lock to a hold that ended at `holdEndMs`: the other
   * thread whose hold ended last before then. Every other hold that ended
   * before this one ended must have ended before it began (one holder at a
   * time), which holds even when coarse-clock stamps are off by a little.
   */
  previousHolder(ident: number, holdEndMs: number): { ident: number; endMs: number } | null {
    const limitMs = Number.isFinite(holdEndMs) ? holdEndMs : Number.MAX_VALUE;
    let best: { ident: number; endMs: number } | null = null;
    for (const [other, list] of this.holds) {
      if (other === ident) continue;
      const i = upperBound(list.ends.data, list.length, limitMs) - 1;
      if (i < 0) continue;
      const endMs = list.ends.data[i];
      if (!best || endMs > best.endMs) best = { ident: other, endMs };
    }
    return best;
  }
}

function endTail(open: Map<number, number>, ident: number, tMs: number): number {
  const startMs = open.get(ident)!;
  open.delete(ident);
  return Math.max(0, tMs - startMs);
}
