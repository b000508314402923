// A Lock released by a thread that does not hold it (Python allows it: the
// lock as a signal), read after its holder's next acquire. Each thread's
// events reach the page in its order, but threads' in no set order (the
// page drains thread by thread), so the holder's second acquire can come
// in while its first hold still looks open, the release that ended it not
// yet read. A Lock is never taken twice without a release between, so the
// first hold did end; LockTrack ends it where the second began (the latest
// it can have ended) and keeps it here, and the other thread's release,
// once read, ends it at its own time instead. Until then, or if that
// release never comes (a cut trace), the hold is drawn to its latest
// possible end, never into the next one. A release read before the hold
// it ended (it ended nothing then) is kept too, and ends that hold as soon
// as its thread takes the lock again.
//
// Releases of one thread come in its time order, and the holds kept here
// in their holder's, so a release nearly always matches the oldest kept
// hold: the search looks at SEARCH_DEPTH of them at most, which keeps a
// program that hands a lock on this way a million times linear.

import type { IntervalList } from "./model-series";

const SEARCH_DEPTH = 64;

interface Retaken {
  list: IntervalList;
  index: number;
}

export class RetakenHolds {
  private readonly holds = new Kept<Retaken>();
  /** releases by threads not holding the lock that ended no hold when read */
  private readonly releases = new Kept<number>();

  /**
   * `list`'s hold `index` was ended where its thread took the lock again:
   * ends it at a release read before, if one falls in it, else keeps it;
   * returns how much shorter it got (0 when kept).
   */
  retaken(list: IntervalList, index: number): number {
    const start = list.starts.data[index];
    const end = list.ends.data[index];
    const release = this.releases.take((tMs) => tMs >= start && tMs <= end);
    if (release === undefined) {
      this.holds.add({ list, index });
      return 0;
    }
    list.ends.data[index] = release;
    return end - release;
  }

  /**
   * A release by a thread not holding the lock at `tMs`: ends the kept hold
   * it falls in, if any, and returns how much shorter that hold got; else -1.
   */
  release(tMs: number): number {
    const hold = this.holds.take(({ list, index }) => tMs >= list.starts.data[index] && tMs <= list.ends.data[index]);
    if (hold === undefined) return -1;
    const end = hold.list.ends.data[hold.index];
    hold.list.ends.data[hold.index] = tMs;
    return end - tMs;
  }

  /** A release by a thread not holding the lock that ended no hold at all: kept for the hold it may end (retaken). */
  endedNothing(tMs: number): void {
    this.releases.add(tMs);
  }
}

/** A queue searched SEARCH_DEPTH deep from its oldest: take() removes the first that matches. */
class Kept<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  add(item: T): void {
    this.items.push(item);
  }

  take(matches: (item: T) => boolean): T | undefined {
    const last = Math.min(this.items.length, this.head + SEARCH_DEPTH);
    for (let k = this.head; k < last; k++) {
      const item = this.items[k];
      if (item === undefined || !matches(item)) continue;
      this.items[k] = undefined;
      while (this.head < this.items.length && this.items[this.head] === undefined) this.head++;
      if (this.head > 1024 && this.head * 2 > this.items.length) {
        this.items = this.items.slice(this.head);
        this.head = 0;
      }
      return item;
    }
    return undefined;
  }
}
