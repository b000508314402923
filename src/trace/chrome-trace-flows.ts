// The exported trace's arrows: each link of trace-links.ts (a lock handed
// over, a queue item from its put to its get) becomes two zero-length
// slices on the two threads' tracks ("release lockA" → "acquire lockA",
// "put jobs" → "get jobs") joined by a flow (bind_id, flow_out / flow_in).
//
// Why slices of their own: a flow end attaches to a slice, and one slice
// can carry one bind_id; a thread's "running" slice often both receives a
// lock and hands it on. And why placed with care: Perfetto and
// chrome://tracing need a thread's slices to nest, so each end goes
// strictly inside the state slice that holds its time (a coarse stamp can
// sit a hair outside the thread's life); and Perfetto draws an arrow from
// the earlier slice to the later, so the receiving end is never put before
// the giving one (stamps from two threads' clocks can disagree by that
// much). When the taker's life ends before the giver's stamp (its last
// events took the coarse clock, which lags by up to its step, and the
// giver's a precise one), the giving end moves back to the taker's last
// moment, if that is within COARSE_SKEW_US and inside the giver's slices:
// the item was put before it was taken, whatever the stamps say. A link
// whose ends still cannot be placed (a thread without states, a larger
// disagreement) is left out, both ends, and counted in the export.

import type { ChromeTraceEvent } from "./chrome-trace-types";
import type { TraceModel } from "./model";
import { upperBound } from "./model-series";
import { kindOf, ObjKind } from "./object-kinds";
import { objectName, threadName } from "./names";
import type { Link, TraceLinks } from "./trace-links";
import { toUs } from "./thread-slices";

/** One thread's state slices (µs): they follow one another without gaps. */
export interface StatePieces {
  pid: number;
  starts: Float64Array;
  ends: Float64Array;
}

const NS_IN_US = 0.001;
/** how far two threads' stamps of one hand-over may disagree: the coarse clock's step (about 0.5 ms), and margin */
export const COARSE_SKEW_US = 2000;

/** A time inside one of the pieces at or after max(tUs, notBeforeUs), or null when there is none. */
export function placeInside(pieces: StatePieces | undefined, tUs: number, notBeforeUs: number): number | null {
  const n = pieces?.starts.length ?? 0;
  if (!pieces || n === 0) return null;
  const t = Math.max(tUs, notBeforeUs);
  let i = Math.max(0, upperBound(pieces.starts, n, t) - 1);
  // A slice too short to hold a point strictly inside it (two state changes at one coarse stamp): the next one.
  while (i + 1 < n && pieces.ends[i] - pieces.starts[i] <= 2 * NS_IN_US && pieces.ends[i] <= t + 2 * NS_IN_US) i++;
  const lo = pieces.starts[i] + NS_IN_US;
  const hi = pieces.ends[i] - NS_IN_US;
  const placed = lo > hi ? pieces.starts[i] : Math.min(Math.max(t, lo), hi);
  const rounded = Math.round(placed * 1000) / 1000;
  return rounded >= notBeforeUs ? rounded : null;
}

/** Both ends of a link, each inside its thread's slices and the taking one not before the giving one; null when they cannot be. */
export function placeEnds(from: StatePieces | undefined, to: StatePieces | undefined, fromTUs: number, toTUs: number): [number, number] | null {
  const fromUs = placeInside(from, fromTUs, -Infinity);
  if (fromUs === null) return null;
  const toUs = placeInside(to, toTUs, fromUs);
  if (toUs !== null) return [fromUs, toUs];
  // The taker's slices end before the giver's stamp: by clock skew, the giving end goes back to the taker's last moment.
  const last = placeInside(to, Math.max(toTUs, fromUs), -Infinity);
  if (last === null || fromUs - last > COARSE_SKEW_US) return null;
  const earlier = placeInside(from, last, -Infinity);
  return earlier !== null && earlier <= last ? [earlier, last] : null;
}

interface Words {
  give: string;
  take: string;
  cat: string;
}

function wordsFor(obj: number, isLock: boolean): Words {
  if (isLock) return { give: "release", take: "acquire", cat: "lock" };
  if (kindOf(obj) === ObjKind.Pipe) return { give: "send", take: "recv", cat: "queue" };
  return { give: "put", take: "get", cat: "queue" };
}

/** Adds both ends of every link it can place; returns how many links it drew and left out. */
export function addFlows(
  model: TraceModel, links: TraceLinks, pieces: Map<number, StatePieces>, out: ChromeTraceEvent[],
): { drawn: number; leftOut: number; leftOutByObject: Map<number, number> } {
  let nextId = 1;
  let leftOut = 0;
  const leftOutByObject = new Map<number, number>();
  const add = (link: Link, isLock: boolean) => {
    const from = pieces.get(link.from.ident);
    const to = pieces.get(link.to.ident);
    const ends = placeEnds(from, to, toUs(link.from.tMs), toUs(link.to.tMs));
    if (ends === null) {
      leftOut++;
      leftOutByObject.set(link.obj, (leftOutByObject.get(link.obj) ?? 0) + 1);
      return;
    }
    const name = objectName(model, link.obj);
    const words = wordsFor(link.obj, isLock);
    const id = nextId++;
    const giverArgs: Record<string, unknown> = { to: threadName(model, link.to.ident) };
    const takerArgs: Record<string, unknown> = { from: threadName(model, link.from.ident) };
    if (link.contended !== undefined) takerArgs.waited = link.contended;
    const [fromUs, toUsPlaced] = ends;
    out.push({ ph: "X", pid: from!.pid, tid: link.from.ident, ts: fromUs, dur: 0, name: `${words.give} ${name}`, cat: words.cat, bind_id: id, flow_out: true, args: giverArgs });
    out.push({ ph: "X", pid: to!.pid, tid: link.to.ident, ts: toUsPlaced, dur: 0, name: `${words.take} ${name}`, cat: words.cat, bind_id: id, flow_in: true, args: takerArgs });
  };
  for (const link of links.handOvers) add(link, true);
  for (const link of links.items) add(link, false);
  return { drawn: nextId - 1, leftOut, leftOutByObject };
}
