// Who handed what to whom, as far as the trace model can tell: the links an
// exported trace draws as flow arrows (and that any other reader may draw).
//
// Lock hand-overs: a lock's holds, all threads together, in order of start.
// An exclusive hold (a Lock, an RLock, an RWLock's write) was handed over by
// the previous hold that ended last: every earlier hold had to end before it
// began, and the last to end is the one it followed. A shared hold (an
// RWLock's read) is linked only to a writer before it, and only the first
// read of each thread after that writer: readers do not hand the lock to
// one another. Nothing links holds of the same thread (it kept the lock).
// A Semaphore records waits but no holds, so it has no hand-overs; and a
// pair the trace folded into a release (trace/ring.ts) is the releasing
// thread's own, at its release's time, so it never stands between two
// holders.
//
// Queue items: only FIFO kinds (Queue, one direction of a Pipe), where the
// k-th item put is the k-th item taken, so the k-th put pairs with the k-th
// get. A LifoQueue or PriorityQueue gives items back in an order the trace
// does not record (it keeps no item identity), so no put is linked to any
// get there. Two more things are checked rather than trusted:
//   - the puts and gets are all there: a thread's j-th get that left `d`
//     items behind needs at least j + d puts, and its j-th put that left `d`
//     items needs at least j - d gets (setTracing(false) in one thread can
//     hide one side). If not, the queue gets no links at all;
//   - the order: one thread's operations are in its program order, but
//     operations of different threads are ordered by fast-path stamps (the
//     shared coarse clock, ~0.5 ms). Two puts (or gets) of different threads
//     with the same stamp cannot be ordered, so the pairs they belong to are
//     left out. (Every later pair is still exact: the k-th get takes the
//     k-th item whoever put the ones before it.)
// A run that dropped events has holes anywhere, so it gets no links.

import type { TraceModel } from "./model";
import type { IntervalList, SortedLog } from "./model-series";
import { kindOf, ObjKind } from "./object-kinds";

/** One end of a link: a thread at a time (ms). */
export interface LinkEnd {
  ident: number;
  tMs: number;
}

export interface Link {
  /** the lock or queue */
  obj: number;
  from: LinkEnd;
  to: LinkEnd;
  /** lock hand-overs: the receiver had been blocked on the lock */
  contended?: boolean;
}

export interface Unlinked {
  obj: number;
  reason: string;
}

export interface TraceLinks {
  handOvers: Link[];
  items: Link[];
  /** objects left without links, and why */
  unlinked: Unlinked[];
}

interface Hold {
  ident: number;
  start: number;
  end: number;
  shared: boolean;
  contended: boolean;
}

const DROPPED = "the run dropped trace events, so who followed whom cannot be told";

export function traceLinks(model: TraceModel): TraceLinks {
  if (model.droppedEvents > 0) {
    const unlinked = [...model.locks.keys(), ...model.queues.keys()].map((obj) => ({ obj, reason: DROPPED }));
    return { handOvers: [], items: [], unlinked };
  }
  const handOvers: Link[] = [];
  for (const lock of model.locks.values()) handOvers.push(...lockHandOvers(lock.id, lock.holds));
  const items: Link[] = [];
  const unlinked: Unlinked[] = [];
  for (const queue of model.queues.values()) {
    const result = queueItemLinks(model, queue.id, queue.puts, queue.gets);
    if (typeof result === "string") unlinked.push({ obj: queue.id, reason: result });
    else items.push(...result);
  }
  return { handOvers, items, unlinked };
}

function lockHandOvers(obj: number, holdsByThread: ReadonlyMap<number, IntervalList>): Link[] {
  const holds: Hold[] = [];
  for (const [ident, list] of holdsByThread) {
    for (let i = 0; i < list.length; i++) {
      holds.push({ ident, start: list.starts.data[i], end: list.ends.data[i], shared: list.tags.data[i] === 1, contended: !Number.isNaN(list.extra(i)) });
    }
  }
  // (A release is stamped before the lock is freed and the next acquire never before it, so exclusive holds do not
  // overlap; two that began and ended at the same coarse tick cannot be ordered, and are linked to neither.)
  holds.sort((a, b) => a.start - b.start || a.end - b.end);
  const links: Link[] = [];
  let lastOut: Hold | null = null; // the earlier hold that ended last
  /** lastOut began and ended at the same stamps as a hold of another thread just before it: which came last is unknown */
  let lastOutTied = false;
  let lastWriter: Hold | null = null;
  const readSinceWriter = new Set<number>();
  for (const hold of holds) {
    let giver: Hold | null = null;
    if (!hold.shared) giver = lastOut;
    else if (lastWriter && lastWriter.end <= hold.start && !readSinceWriter.has(hold.ident)) giver = lastWriter;
    // A hold still open when the run ended was never released: it handed nothing over.
    const unordered = giver !== null && (giver === lastOut && lastOutTied || giver.start === hold.start && giver.end === hold.end);
    if (giver && giver.ident !== hold.ident && Number.isFinite(giver.end) && !unordered) {
      links.push({ obj, from: { ident: giver.ident, tMs: giver.end }, to: { ident: hold.ident, tMs: hold.start }, contended: hold.contended });
    }
    if (hold.shared) readSinceWriter.add(hold.ident);
    else {
      lastWriter = hold;
      readSinceWriter.clear();
    }
    if (!lastOut || hold.end >= lastOut.end) {
      lastOutTied = lastOut !== null && lastOut.ident !== hold.ident && lastOut.start === hold.start && lastOut.end === hold.end;
      lastOut = hold;
    }
  }
  return links;
}

const FIFO_KINDS = new Set<number>([ObjKind.Queue, ObjKind.Pipe]);

/** Does this queue give items back in the order they were put (a Queue, a Pipe's direction)? */
export function isFifoQueue(obj: number): boolean {
  return FIFO_KINDS.has(kindOf(obj));
}

/**
 * How a queue's k-th put pairs with its k-th get (see the header): the
 * reason it cannot be told at all, or which pairs cannot be (unclear[k]).
 */
export type QueuePairing = { reason: string } | { unclear: Uint8Array };

const pairings = new WeakMap<SortedLog, { puts: number; gets: number; pairing: QueuePairing; atMs: number; tookMs: number }>();

/**
 * The pairing of a queue's puts and gets as the model holds them, for a
 * reader that asks often (the live timeline, every frame): worked out
 * again once either log grew, but no sooner than twenty times as long as
 * the last working out took after it (each is a pass over both logs: a
 * queue of a million items would take a frame's time every frame).
 * Meanwhile the pairs past the last one worked out are not known
 * (`unclear` is shorter than the logs): nothing is drawn for them.
 */
export function queuePairing(model: TraceModel, obj: number, puts: SortedLog, gets: SortedLog): QueuePairing {
  if (model.droppedEvents > 0) return { reason: DROPPED };
  const kept = pairings.get(puts);
  const nowMs = performance.now();
  if (kept && ((kept.puts === puts.length && kept.gets === gets.length) || nowMs - kept.atMs < 20 * kept.tookMs)) return kept.pairing;
  const pairing = pairQueue(obj, puts, gets);
  const doneMs = performance.now();
  pairings.set(puts, { puts: puts.length, gets: gets.length, pairing, atMs: doneMs, tookMs: doneMs - nowMs });
  return pairing;
}

/** Whether the k-th put's item is known to be the k-th get's. */
export function pairKnown(pairing: QueuePairing, k: number): boolean {
  return !("reason" in pairing) && k < pairing.unclear.length && pairing.unclear[k] === 0;
}

function pairQueue(obj: number, puts: SortedLog, gets: SortedLog): QueuePairing {
  if (!isFifoQueue(obj)) return { reason: "items leave in an order the trace does not record (LIFO or by priority)" };
  puts.ensureSorted();
  gets.ensureSorted();
  if (!complete(puts, gets.length, -1) || !complete(gets, puts.length, 1)) {
    return { reason: "some of its puts or gets were not traced (setTracing(false)?), so items cannot be matched" };
  }
  const putUnclear = unordered(puts);
  const getUnclear = unordered(gets);
  const unclear = new Uint8Array(Math.min(puts.length, gets.length));
  for (let k = 0; k < unclear.length; k++) unclear[k] = putUnclear[k] | getUnclear[k];
  return { unclear };
}

/** The put→get links of one queue, or why it has none. */
function queueItemLinks(model: TraceModel, obj: number, puts: SortedLog, gets: SortedLog): Link[] | string {
  const pairing = queuePairing(model, obj, puts, gets);
  if ("reason" in pairing) return pairing.reason;
  const links: Link[] = [];
  for (let k = 0; k < pairing.unclear.length; k++) {
    if (pairing.unclear[k]) continue;
    links.push({ obj, from: { ident: puts.idents.data[k], tMs: puts.times.data[k] }, to: { ident: gets.idents.data[k], tMs: gets.times.data[k] } });
  }
  return links;
}

/**
 * Whether each operation's depth after it is possible with `otherCount`
 * operations of the other kind: a thread's j-th get leaving d items needs
 * j + d puts (sign +1); its j-th put leaving d items needs j - d gets (sign -1).
 */
function complete(log: SortedLog, otherCount: number, sign: 1 | -1): boolean {
  const seen = new Map<number, number>();
  for (let i = 0; i < log.length; i++) {
    const ident = log.idents.data[i];
    const j = (seen.get(ident) ?? 0) + 1;
    seen.set(ident, j);
    if (j + sign * log.values.data[i] > otherCount) return false;
  }
  return true;
}

/** Marks the operations whose stamp equals one of another thread's: their order among those is unknown. */
function unordered(log: SortedLog): Uint8Array {
  const marks = new Uint8Array(log.length);
  const t = log.times.data;
  for (let from = 0; from < log.length; ) {
    let to = from + 1;
    let mixed = false;
    while (to < log.length && t[to] === t[from]) {
      if (log.idents.data[to] !== log.idents.data[from]) mixed = true;
      to++;
    }
    if (mixed) marks.fill(1, from, to);
    from = to;
  }
  return marks;
}
