// The hover tooltip's words for a hit: what it was, exact times, and — for
// a wait — why: who held the lock, who handed it over, which thread was
// joined, which put an item came from. Pure text; the page lays it out.
// The words come from a TimelineWords table (words.ts), English by default.

import { ThreadState } from "../trace/events";
import type { TraceModel } from "../trace/model";
import type { LockTrack } from "../trace/model-lock";
import { lowerBound } from "../trace/model-series";
import { labelText, objectName, stateName, threadName, waitTargetName } from "../trace/names";
import { defaultName, kindInfo, kindOf, ObjKind } from "../trace/object-kinds";
import { isFifoQueue, pairKnown, queuePairing } from "../trace/trace-links";
import { formatDuration, formatTime } from "./axis";

import { EN_WORDS, type TimelineWords } from "./words";
import { type Hit } from "./geometry";

export interface HitDescription {
  title: string;
  rows: [string, string][];
  /** a state's colour key (ThreadState) for the swatch, or -1 */
  state: number;
}

/** `knownUntilMs`: the trace's cap, or where the holder's tracing went off: an interval that runs past it is known only up to it */
function intervalRows(w: TimelineWords, startMs: number, endMs: number, open: boolean, knownUntilMs: number | null): [string, string][] {
  if (knownUntilMs !== null && endMs > knownUntilMs) {
    return [[w.from, formatTime(startMs)], [w.to, w.notRecordedAfter(formatTime(knownUntilMs))], [w.lasted, w.atLeast(formatDuration(knownUntilMs - startMs))]];
  }
  return [
    [w.from, formatTime(startMs)],
    [w.to, open ? w.stillGoing(formatTime(endMs)) : formatTime(endMs)],
    [w.lasted, formatDuration(endMs - startMs)],
  ];
}

/**
 * A row saying the lock's holds are not yet, or cannot be, settled (threads
 * not holding it released it), if so; once they are, on a hold whose end a
 * release placed, that it was placed by the release's stamp.
 */
function releasesRow(w: TimelineWords, lock: LockTrack, hold?: { ident: number; index: number }): [string, string] | null {
  const placed = lock.releasesPlaced;
  if (placed !== "placed") return [w.releasedByOthers, placed === "live" ? w.placedAtEnd : w.drawnAsRead];
  return hold && lock.holdEndPlaced(hold.ident, hold.index) ? [w.releasedByOthers, w.endPlacedByStamp] : null;
}

/** the holders a wait's card names at most (a long wait on a busy lock has many) */
const MAX_HOLDERS_SHOWN = 4;

/** Who held the lock while `ident` waited for it, in turn (not only who held it as the wait began). */
function holdersRow(w: TimelineWords, model: TraceModel, lock: LockTrack, startMs: number, endMs: number, ident: number): string | null {
  const { first, total } = lock.holdsDuring(startMs, endMs, ident, MAX_HOLDERS_SHOWN);
  if (total === 0) return null;
  const shown = first.map((h, i) => {
    const name = threadName(model, h.ident);
    return i < total - 1 && Number.isFinite(h.endMs) ? w.holderUntil(name, formatTime(h.endMs)) : name;
  });
  const more = total - shown.length;
  return shown.join(w.thenHolder) + (more > 0 ? w.moreHolders(more) : "");
}

export function describeHit(
  model: TraceModel,
  hit: Hit,
  printText?: (ident: number, tMs: number) => string | null,
  w: TimelineWords = EN_WORDS,
): HitDescription | null {
  const name = (ident: number) => threadName(model, ident);
  const interval = (startMs: number, endMs: number, open: boolean) => intervalRows(w, startMs, endMs, open, model.cappedAtMs);
  const at = (tMs: number): [string, string] => [w.at, formatTime(tMs)];
  switch (hit.kind) {
    case "state": {
      const track = model.threads.get(hit.ident)!;
      const open = hit.index === track.states.length - 1;
      const rows = interval(hit.startMs, hit.endMs, open);
      const target = waitTargetName(model, hit.obj, w);
      // (an internal object, the scheduler's turn, is named without its kind: "label" would mean nothing to a learner)
      const named = target && kindOf(hit.obj) !== ObjKind.Thread && !kindInfo(kindOf(hit.obj)).internal && target !== defaultName(hit.obj);
      const on = named ? w.objectOfKind(target, kindInfo(kindOf(hit.obj)).name) : target;
      if (hit.state === ThreadState.Blocked && hit.obj !== 0) {
        rows.push([w.on, on]);
        const lock = model.locks.get(hit.obj);
        const holders = lock ? holdersRow(w, model, lock, hit.startMs, hit.endMs, hit.ident) : null;
        if (holders) rows.push([w.heldBy, holders]);
        // The hold this wait ended in starts when the wait ends (a coarse stamp may be a little later).
        const mine = lock?.holds.get(hit.ident);
        const next = mine ? lowerBound(mine.starts.data, mine.length, hit.endMs - 1e-6) : -1;
        const got = mine && next < mine.length && mine.starts.data[next] - hit.endMs < 2;
        const prev = lock && got ? lock.previousHolder(hit.ident, mine.ends.data[next]) : null;
        if (prev) rows.push([w.handedOverBy, w.nameAt(name(prev.ident), formatTime(prev.endMs))]);
      } else if (target) {
        rows.push([w.on, on]);
      }
      if (hit.changesInPixel > 1) rows.push([w.thisPixel, w.stateChanges(hit.changesInPixel)]);
      return { title: `${name(hit.ident)} · ${stateName(hit.state, w)}`, rows, state: hit.state };
    }
    case "final":
      return { title: `${name(hit.ident)} · ${stateName(hit.state, w)}`, rows: [at(hit.tMs)], state: hit.state };
    case "mark":
      return { title: w.markTitle(labelText(model, hit.label)), rows: [[w.thread, name(hit.ident)], at(hit.tMs)], state: -1 };
    case "print": {
      const text = printText?.(hit.ident, hit.tMs);
      const rows: [string, string][] = [at(hit.tMs)];
      if (text) rows.push([w.text, text.length > 80 ? `${text.slice(0, 79)}…` : text]);
      rows.push(["", w.clickToShow]);
      return { title: w.printTitle(name(hit.ident)), rows, state: -1 };
    }
    case "span":
      return { title: w.spanTitle(labelText(model, hit.label)), rows: [[w.thread, name(hit.ident)], ...interval(hit.startMs, hit.endMs, false)], state: -1 };
    case "task": {
      const pool = objectName(model, hit.poolId, w);
      // A task never ended: still going, or cut short where its worker's thread ended (Pool.terminate).
      const rows: [string, string][] = [[w.worker, name(hit.ident)], ...interval(hit.startMs, hit.endMs, hit.open)];
      // (Its end before a cap or cut is known; past one, the rows say what is not.)
      if (hit.cut && (model.cappedAtMs === null || hit.endMs <= model.cappedAtMs)) rows[2] = [w.to, w.cutShort(formatTime(hit.endMs))];
      if (hit.label !== 0) rows.push([w.runs, labelText(model, hit.label)]);
      if (hit.items === 0) return { title: w.taskTitle(hit.task, pool), rows, state: -1 };
      rows.push([w.chunkRow, w.chunkOf(hit.items, Math.abs(hit.chunksize))]);
      if (hit.chunksize < 0) rows.push([w.chunksizeRow, w.chosenByMap]);
      return { title: w.chunkTitle(hit.task, hit.items, pool), rows, state: -1 };
    }
    case "coroutine": {
      const rows: [string, string][] = [[w.thread, name(hit.ident)], ...interval(hit.startMs, hit.endMs, false)];
      rows.push(hit.running ? [w.runningFor, formatDuration(hit.runEndMs - hit.runStartMs)] : [w.now, w.waitingAtAwait]);
      if (hit.failed) rows.push([w.ended, w.withException]);
      if (hit.cancelled) rows.push([w.ended, w.wasCancelled]);
      return { title: w.coroutineTitle(labelText(model, hit.task)), rows, state: hit.running ? ThreadState.Running : -1 };
    }
    case "hold": {
      const lock = model.locks.get(hit.lockId)!;
      // The holder turned its tracing off while it held the lock: when it let go is not known (model-untraced.ts).
      const off = model.untraced.spans.find((span) => span.ident === hit.ident && span.from >= hit.startMs && span.from < hit.endMs);
      const rows = off
        ? intervalRows(w, hit.startMs, hit.endMs, false, off.from)
        : interval(hit.startMs, hit.endMs, !Number.isFinite(lock.holds.get(hit.ident)!.ends.data[hit.index]));
      if (!Number.isNaN(hit.waitStartMs)) {
        rows.push([w.waitedFirst, formatDuration(hit.startMs - hit.waitStartMs)]);
        const prev = lock.previousHolder(hit.ident, hit.endMs);
        if (prev) rows.push([w.gotItFrom, w.releasedAt(name(prev.ident), formatTime(prev.endMs))]);
      } else {
        rows.push([w.contended, w.lockWasFree]);
      }
      const releases = releasesRow(w, lock, hit);
      if (releases) rows.push(releases);
      return { title: w.heldTitle(objectName(model, lock.id, w), name(hit.ident)), rows, state: -1 };
    }
    case "lock-wait": {
      const lock = model.locks.get(hit.lockId)!;
      const rows = interval(hit.startMs, hit.endMs, false);
      const holders = holdersRow(w, model, lock, hit.startMs, hit.endMs, hit.ident);
      if (holders) rows.push([w.heldBy, holders]);
      const releases = releasesRow(w, lock);
      if (releases) rows.push(releases);
      return { title: w.waitedTitle(name(hit.ident), objectName(model, lock.id, w)), rows, state: ThreadState.Blocked };
    }
    case "queue-op": {
      const queue = model.queues.get(hit.queueId)!;
      const other = hit.put ? queue.gets : queue.puts;
      const rows: [string, string][] = [at(hit.tMs), [w.depthAfter, String(hit.depth)], [w.item, w.itemNumber(hit.k + 1, hit.put)]];
      // The k-th put's item is the k-th get's only where the trace says so (trace-links.ts).
      const pairing = queuePairing(model, hit.queueId, queue.puts, queue.gets);
      const partner = hit.put ? w.gotBy : w.putBy;
      if ("reason" in pairing) {
        rows.push([partner, isFifoQueue(hit.queueId) ? w.pairUnknown : w.orderNotRecorded]);
      } else if (hit.k < other.length && !pairKnown(pairing, hit.k)) {
        rows.push([partner, w.pairUnknown]);
      } else if (hit.k < other.length) {
        const t = other.times.data[hit.k];
        rows.push([hit.put ? w.gotBy : w.putBy, w.pairedAt(name(other.idents.data[hit.k]), formatTime(t), formatDuration(Math.abs(t - hit.tMs)), hit.put)]);
      } else if (hit.put) {
        rows.push([w.gotBy, w.nobodyYet]);
      }
      return { title: w.queueOpTitle(objectName(model, hit.queueId, w), hit.put, name(hit.ident)), rows, state: -1 };
    }
    case "counter":
      return hit.lane === "queue"
        ? { title: w.queueItems(objectName(model, hit.id, w), hit.value), rows: [at(hit.tMs)], state: -1 }
        : { title: w.poolPending(objectName(model, hit.id, w), hit.value), rows: [at(hit.tMs)], state: -1 };
    case "lane":
      return null;
  }
}
