// Where a finished run's trace contradicts itself about who held a lock: two
// threads' holds of a Lock or an RLock that overlap in time. The runtime
// never records that: a release is stamped before the lock is freed and
// the next acquire never before it (trace/ring.ts, releasedAt), so their
// holds at most touch. (An RWLock's writes are stamped by each thread's
// own clock, with no such floor: two may overlap by a tick, truthfully
// ordered or not, so they are not checked.)
// Only a write into a thread's trace by the snippet's code, or a release
// left unrecorded by setTracing(false), makes them overlap; an overlap
// with a hold during which its thread turned its tracing off (it says so:
// EventKind.Tracing) is taken as that, not as a contradiction. Checked once
// the whole trace is in (events of different threads reach the page in no
// particular order), and only while every event was kept: past a cap or a
// drop, a missing release is what the page was told it does not have. A
// Lock some thread released without holding it (Python allows it) is not
// checked: where such a release falls among the holds is not known
// (lock-releases.ts).

import type { Contradiction, TraceModel } from "./model";
import type { LockTrack } from "./model-lock";
import type { UntracedSpan } from "./model-untraced";
import { objectName, threadName } from "./names";
import { kindOf, ObjKind } from "./object-kinds";
import { visibleText } from "../base/visible-text";

const CHECKED_KINDS = new Set<number>([ObjKind.Lock, ObjKind.RLock]);

/** a lock whose holds are more than this is not checked (the sort would hold the page) */
const MAX_CHECKED_HOLDS = 200_000;

/**
 * Whether thread `ident` turned its tracing off during its hold that began
 * at `heldFromMs`, before `untilMs`: the hold's release may have gone
 * unrecorded then, which explains a later hold overlapping it.
 */
function untracedDuring(spans: readonly UntracedSpan[], ident: number, heldFromMs: number, untilMs: number): boolean {
  return spans.some((span) => span.ident === ident && span.from >= heldFromMs && span.from <= untilMs);
}

/** The first overlap of two threads' exclusive holds of `lock` that no setTracing(false) explains, or null. */
function twoHolders(lock: LockTrack, untraced: readonly UntracedSpan[]): Contradiction | null {
  const starts: number[] = [];
  const ends: number[] = [];
  const idents: number[] = [];
  for (const [ident, list] of lock.holds) {
    for (let i = 0; i < list.length; i++) {
      if (list.tags.data[i] !== 0) continue;
      starts.push(list.starts.data[i]);
      ends.push(list.ends.data[i]);
      idents.push(ident);
      if (starts.length > MAX_CHECKED_HOLDS) return null;
    }
  }
  const order = starts.map((_, i) => i).sort((a, b) => starts[a] - starts[b] || ends[a] - ends[b]);
  let last = -1;
  for (const i of order) {
    if (last >= 0 && starts[i] < ends[last] && idents[i] !== idents[last]) {
      if (!untracedDuring(untraced, idents[last], starts[last], starts[i])) {
        return { kind: "two-holders", obj: lock.id, idents: [idents[last], idents[i]], tMs: starts[i] };
      }
      // Excused (its release may have gone unrecorded before): it is taken as over where this one began, so that
      // the holds after are still checked against each other.
      ends[last] = starts[i];
    }
    if (last < 0 || ends[i] > ends[last]) last = i;
  }
  return null;
}

/**
 * Once the whole trace is in: settles the holds other threads' releases
 * ended, and records in `model.contradiction` the first lock held by two
 * threads at once, if no contradiction is recorded yet.
 */
export function checkHolds(model: TraceModel): void {
  // (The holds a Lock's releases by other threads ended are only known for sure now: lock-releases.ts.)
  for (const lock of model.locks.values()) lock.settle();
  if (model.contradiction !== null || model.cappedAtMs !== null || model.droppedEvents > 0) return;
  for (const lock of model.locks.values()) {
    // (A Lock's releases by threads not holding it end the holds they ended once settled, unless there were too
    // many to settle; an RLock has none the runtime records, and one read ends whoever's hold is open: not checked.)
    // (A Lock some thread released without holding it is not checked: such a release is stamped before it frees
    // the Lock, as any is, but the releaser holds nothing that keeps another thread from taking the Lock between:
    // where it falls among the holds is placed as well as the stamps allow (lock-releases.ts), not known. A busy
    // correct program was said to contradict itself.)
    if (!CHECKED_KINDS.has(kindOf(lock.id)) || lock.releasesByOthers > 0) continue;
    const found = twoHolders(lock, model.untraced.spans);
    if (found) {
      model.contradiction = found;
      return;
    }
  }
}

/**
 * What the page says, once the whole trace is in, of the Locks whose
 * releases by threads not holding them were too many to settle
 * (lock-releases.ts): their holds are drawn as read. Null if none.
 */
export function unsettledText(model: TraceModel): string | null {
  const names: string[] = [];
  for (const lock of model.locks.values()) if (lock.releasesPlaced === "as-read") names.push(visibleText(objectName(model, lock.id)));
  if (names.length === 0) return null;
  const shown = names.length > 3 ? `${names.slice(0, 3).join(", ")} and ${names.length - 3} more` : names.join(", ");
  const it = names.length > 1 ? "them" : "it";
  return `The timeline draws the holds of ${shown} as they were read: threads not holding ${it} released ${it} too often for the page to settle which hold each release ended, so who held ${it} when may be drawn wrong.`;
}

/** What the page says of a contradiction, in the playground's voice (ui/output/runtime-words.ts translates it). */
export function contradictionText(model: TraceModel, c: Contradiction): string {
  const at = `${c.tMs.toFixed(3)} ms`;
  const what = c.kind === "two-holders"
    ? `it shows ${visibleText(objectName(model, c.obj))} held by ${visibleText(threadName(model, c.idents[0]))} and ${visibleText(threadName(model, c.idents[1]))} at once, at ${at}`
    : `it shows ${visibleText(threadName(model, c.idents[0]))} going on after it ended, at ${at}`;
  return `The trace contradicts itself: ${what}. The run's code can write into what its threads record, so the timeline may not show only what happened.`;
}
