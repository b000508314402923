// A Lock released by a thread that does not hold it (Python allows it: the
// lock as a signal). Its holder then is the thread whose acquire came last
// before it: a Lock is taken only while free, so each acquire follows the
// end of the hold before it. That hold ends at the release.
//
// Threads' events reach the page in no set order (it drains thread by
// thread), so a release may be read before the acquire whose hold it
// ended, or while a later hold of another thread is not read yet: taken
// with what has been read, it may end the wrong hold, or none. So every
// such release is kept, with the ends it changed, and once the whole trace
// is in (settle) each is taken again, in time order, with every hold known:
// the answer the stamps give. Stamps are not the order the threads acted in
// (a release is stamped before it frees the Lock, and the threads' clocks
// differ by a tick), so a hold's card says where its end was placed by a
// release (timeline/describe.ts). (The holder's next acquire of its own,
// read while its first hold still looked open, ends that hold where it
// began: the latest it can have ended; LockTrack.acquire.)

import { GrowableF64 } from "./growable";
import { upperBound, type IntervalList } from "./model-series";

/**
 * The most searches of a holder's list the releases may cost, live and at
 * the settle together (each release searches every holder's list): the
 * releases come from memory the run can write. Past it the holds are left
 * as they stand, and the lock is not checked for two holders (`exact`).
 */
const MAX_SEARCHES = 4_000_000;

export class ForeignReleases {
  /** made at the first (most locks never see one) */
  private times: GrowableF64 | null = null;
  private searches = 0;
  /** the releases were each taken with every hold known (settle), within MAX_SEARCHES */
  exact = false;
  /** settle has run: the whole trace was in (exact or not) */
  settled = false;
  /** per hold list, the ends the releases changed, as they were before */
  private readonly changed = new Map<IntervalList, Map<number, number>>();

  /** A release at `tMs` by a thread not holding the lock: ends the hold it ended, as far as `holds` tell yet. */
  add(holds: Map<number, IntervalList>, tMs: number): void {
    (this.times ??= new GrowableF64()).push(tMs);
    this.exact = false;
    if (this.affords(holds.size)) this.end(holds, tMs);
  }

  /** Whether hold `index` of `list` ends where a release ended it (placed by the stamps, not known: see `end`). */
  ended(list: IntervalList, index: number): boolean {
    return this.changed.get(list)?.has(index) === true;
  }

  /** bytes its array holds (trace/model-bytes.ts) */
  bytes(): number {
    return this.times?.data.byteLength ?? 0;
  }

  /** The whole trace is in: every release ends the hold it really ended. */
  settle(holds: Map<number, IntervalList>): void {
    const times = this.times;
    this.settled = true;
    if (!times || !this.affords(times.length * holds.size)) return;
    for (const [list, ends] of this.changed) for (const [i, end] of ends) list.ends.data[i] = end;
    this.changed.clear();
    // In time order: each release ends the hold that the ones before it left going (two threads' releases are read in no set order).
    const inOrder = times.data.slice(0, times.length).sort();
    for (let k = 0; k < inOrder.length; k++) this.end(holds, inOrder[k]);
    this.exact = true;
  }

  /** Whether `searches` more fit in MAX_SEARCHES; counted if so. */
  private affords(searches: number): boolean {
    if (this.searches + searches > MAX_SEARCHES) return false;
    this.searches += searches;
    return true;
  }

  /**
   * Ends, at `tMs`, the exclusive hold begun last before it that lasted past
   * it; or, if none did, one begun at that very moment. Stamps tie (a
   * coarse clock tick holds many hand-overs): an acquire stamped as the
   * release is, beside a hold still going then, came just after it (the
   * Lock was taken only once free), and the release ended the other one.
   * Ending the tied one instead left the other going on over it: a correct
   * program was said to contradict itself.
   */
  private end(holds: Map<number, IntervalList>, tMs: number): void {
    let held: IntervalList | undefined;
    let at = -1;
    let tied: IntervalList | undefined;
    let tiedAt = -1;
    for (const list of holds.values()) {
      const { starts, ends, tags } = list;
      let i = upperBound(starts.data, list.length, tMs) - 1;
      for (; i >= 0 && starts.data[i] === tMs; i--) {
        if (tags.data[i] === 0 && ends.data[i] > tMs && !tied) {
          tied = list;
          tiedAt = i;
        }
      }
      // (Going at it, or ended there by its holder's next acquire, read as such, not by a release: the Lock as a
      // signal, whose holder takes it again as the signaller's release, stamped as it, let it go.)
      const going = i >= 0 && (ends.data[i] > tMs || (ends.data[i] === tMs && !this.changed.get(list)?.has(i)));
      if (going && tags.data[i] === 0 && (!held || starts.data[i] > held.starts.data[at])) {
        held = list;
        at = i;
      }
    }
    if (!held) {
      held = tied;
      at = tiedAt;
    }
    if (!held) {
      // No hold was going at its stamp: a release by a thread that does not hold the Lock is stamped before it
      // frees it, and another thread may take the Lock between (the releaser holds nothing that orders the two):
      // it ended the first hold begun after its stamp, at the latest where the next one began.
      for (const list of holds.values()) {
        const i = upperBound(list.starts.data, list.length, tMs);
        if (i < list.length && list.tags.data[i] === 0 && (!held || list.starts.data[i] < held.starts.data[at])) {
          held = list;
          at = i;
        }
      }
      if (!held || this.changed.get(held)?.has(at)) return;
      const from = held.starts.data[at];
      let next = held.ends.data[at];
      for (const list of holds.values()) {
        const i = upperBound(list.starts.data, list.length, from);
        if (i < list.length && list.starts.data[i] < next) next = list.starts.data[i];
      }
      // (With no hold after it, when the release freed it is not known: not drawn as held to the run's end.)
      this.endAt(held, at, Number.isFinite(next) ? next : from);
      return;
    }
    this.endAt(held, at, tMs);
  }

  /** Ends hold `at` of `list` at `tMs`, keeping its end as read for the settle. */
  private endAt(held: IntervalList, at: number, tMs: number): void {
    let ends = this.changed.get(held);
    if (!ends) this.changed.set(held, (ends = new Map()));
    if (!ends.has(at)) ends.set(at, held.ends.data[at]);
    held.ends.data[at] = tMs;
  }
}
