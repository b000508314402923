// Arrows between thread lanes — the "why" of a wait:
// - lock hand-over: from the thread that released a lock to the waiter that
//   got it next (drawn for contended acquisitions only);
// - GIL hand-over: from the thread that let the GIL go to the one that took
//   it (only hand-overs to a thread that was waiting for it);
// - queue traffic: from a put to the get of the same item (FIFO pairing,
//   see trace/model-objects.ts);
// - a deadlock cycle: each waiter's endless blocked bar outlined in red, and
//   a red arrow from it to the thread holding what it waits for.
// Arrows are drawn only when few enough are in view to be read
// (MAX_ARROWS); zoomed out, the bars say enough.

import { ThreadState } from "../trace/events";
import { lowerBound, upperBound } from "../trace/model-series";
import { pairKnown, queuePairing } from "../trace/trace-links";
import { LANE } from "./layout";
import { laneTop, threadBarMiddle, type Ctx2D, type Frame, type FrameInput } from "./frame";
import { trackEndMs } from "./geometry";

export const MAX_ARROWS = 300;
/** …and at most one per this many px of the time area on average: denser, they are a smear. */
const PX_PER_ARROW = 24;

function arrowBudget(input: FrameInput): number {
  return Math.min(MAX_ARROWS, Math.floor(input.scale.widthPx / PX_PER_ARROW));
}
/** the state bar's offset in a thread lane (layout.ts threadRows) */
const BAR_Y = LANE.pad;

function barMiddle(input: FrameInput, ident: number): number | null {
  return threadBarMiddle(input, ident, BAR_Y, LANE.bar);
}

/**
 * Arrows closer than this to one already drawn between the same two lanes
 * are left out: a bundle of near-identical arrows is noise, the first says it.
 */
const ARROW_SPACING_PX = 6;

/** Remembers where arrows were drawn this frame, per pair of lanes. */
export class ArrowSpacing {
  private readonly last = new Map<string, number>();

  allow(y0: number, y1: number, x: number): boolean {
    const key = `${y0}>${y1}`;
    const prev = this.last.get(key);
    if (prev !== undefined && Math.abs(x - prev) < ARROW_SPACING_PX) return false;
    this.last.set(key, x);
    return true;
  }
}

/** A gentle S-curve from (x0, y0) to (x1, y1) with an arrowhead at the end. */
export function arrow(ctx: Ctx2D, x0: number, y0: number, x1: number, y1: number): void {
  const bend = y0 === y1 ? -14 : 0;
  const midY = (y0 + y1) / 2 + bend;
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.bezierCurveTo(x0, midY, x1, midY, x1, y1);
  ctx.stroke();
  const dir = y1 >= midY ? 1 : -1;
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(x1 - 3, y1 - 5 * dir);
  ctx.lineTo(x1 + 3, y1 - 5 * dir);
  ctx.closePath();
  ctx.fill();
}

export function drawHandovers(frame: Frame): number {
  const { input } = frame;
  const { model, scale, theme } = input;
  const links: number[] = [];
  // Count first (two binary searches per list): zoomed out, give up before any per-hold work.
  let inView = 0;
  for (const lock of model.locks.values()) {
    for (const list of lock.holds.values()) inView += upperBound(list.starts.data, list.length, scale.endMs) - list.firstEndingAfter(scale.startMs);
  }
  const budget = arrowBudget(input);
  if (inView > 4 * budget) return -1;
  for (const lock of model.locks.values()) {
    for (const [ident, list] of lock.holds) {
      const from = list.firstEndingAfter(scale.startMs);
      const to = upperBound(list.starts.data, list.length, scale.endMs);
      for (let i = from; i < to; i++) {
        const waitStart = list.extra(i);
        if (Number.isNaN(waitStart)) continue;
        const prev = lock.previousHolder(ident, list.ends.data[i]);
        if (!prev) continue;
        if (links.length / 4 >= budget) return -1;
        links.push(prev.ident, prev.endMs, ident, list.starts.data[i]);
      }
    }
  }
  drawLinks(frame, links, theme.states[ThreadState.Blocked]);
  return links.length / 4;
}

/** Arrows for `links` = [fromIdent, fromMs, toIdent, toMs, ...] between thread bars, thinned by ArrowSpacing. */
function drawLinks(frame: Frame, links: readonly number[], color: string): void {
  const { ctx, input } = frame;
  const { scale } = input;
  ctx.strokeStyle = ctx.fillStyle = color;
  ctx.lineWidth = 1;
  const spacing = new ArrowSpacing();
  for (let k = 0; k < links.length; k += 4) {
    const y0 = barMiddle(input, links[k]);
    const y1 = barMiddle(input, links[k + 2]);
    if (y0 === null || y1 === null || !spacing.allow(y0, y1, scale.msToPx(links[k + 3]))) continue;
    arrow(ctx, scale.msToPx(links[k + 1]), y0, scale.msToPx(links[k + 3]), y1 - (y1 > y0 ? LANE.bar / 2 : -LANE.bar / 2));
  }
}

export function drawGilHandovers(frame: Frame): number {
  const { input } = frame;
  const { model, scale, theme } = input;
  const budget = arrowBudget(input);
  const links: number[] = [];
  for (const track of model.threads.values()) {
    const times = track.gilTakes;
    if (times.length === 0) continue;
    const from = lowerBound(times.data, times.length, scale.startMs);
    const to = upperBound(times.data, times.length, scale.endMs);
    if (links.length / 4 + (to - from) > budget) return -1;
    for (let i = from; i < to; i++) links.push(track.gilFrom.data[i], times.data[i] - track.gilLatencyUs.data[i] / 1000, track.ident, times.data[i]);
  }
  drawLinks(frame, links, theme.states[ThreadState.Runnable]);
  return links.length / 4;
}

export function drawQueueArrows(frame: Frame): number {
  const { ctx, input } = frame;
  const { model, scale, theme } = input;
  let drawn = 0;
  const spacing = new ArrowSpacing();
  ctx.strokeStyle = ctx.fillStyle = theme.states[ThreadState.QueueWait];
  ctx.lineWidth = 1;
  for (const id of input.layout.queues.keys()) {
    const { puts, gets } = model.queues.get(id)!;
    // Only where the k-th put's item is known to be the k-th get's (a FIFO queue, every put and get traced, stamps in order).
    const pairing = queuePairing(model, id, puts, gets);
    if ("reason" in pairing) continue;
    // Pairs with either end in view: k from the first visible put or get to the last.
    const first = Math.min(puts.indexAtOrBefore(scale.startMs) + 1, gets.indexAtOrBefore(scale.startMs) + 1);
    const last = Math.min(Math.max(puts.indexAtOrBefore(scale.endMs), gets.indexAtOrBefore(scale.endMs)), Math.min(puts.length, gets.length) - 1);
    if (last - first + 1 > arrowBudget(input)) return -1;
    for (let k = first; k <= last; k++) {
      if (!pairKnown(pairing, k)) continue;
      const y0 = barMiddle(input, puts.idents.data[k]);
      const y1 = barMiddle(input, gets.idents.data[k]);
      if (y0 === null || y1 === null || !spacing.allow(y0, y1, scale.msToPx(gets.times.data[k]))) continue;
      const down = y1 >= y0 ? 1 : -1;
      arrow(ctx, scale.msToPx(puts.times.data[k]), y0, scale.msToPx(gets.times.data[k]), y1 - (down * LANE.bar) / 2);
      drawn++;
    }
  }
  return drawn;
}

/** The deadlock: red outlines on the endless waits and the holds they wait for, red arrows from each waiter to its holder. */
export function drawDeadlock(frame: Frame): void {
  const { ctx, input } = frame;
  const cycle = input.deadlock?.cycle;
  if (!cycle || cycle.length === 0) return;
  const { model, scale, theme, layout } = input;
  const byName = new Map([...model.threads.values()].map((t) => [t.name, t]));
  ctx.strokeStyle = ctx.fillStyle = theme.error;
  ctx.lineWidth = 2;
  const arrows: [number, number, number][] = [];
  cycle.forEach((edge, k) => {
    const waiter = byName.get(edge.thread);
    const lane = waiter && layout.threads.get(waiter.ident);
    if (!waiter || !lane) return;
    const n = waiter.times.length;
    const lastState = n > 0 ? waiter.states.data[n - 1] : -1;
    // The wait that never ended: the last state, or the one before a final "stopped".
    const i = lastState >= ThreadState.Done ? n - 2 : n - 1;
    if (i < 0) return;
    const startX = Math.max(scale.leftPx, scale.msToPx(waiter.times.data[i]));
    const endX = Math.min(scale.rightPx, scale.msToPx(trackEndMs(waiter, input.untilMs).endMs));
    const top = laneTop(input, lane) + BAR_Y;
    if (endX > startX) ctx.strokeRect(startX + 1, top + 1, endX - startX - 2, LANE.bar - 2);
    // The lock it waits for ("Lock 5"): its hold that never ended.
    const lockId = Number(/(\d+)$/.exec(edge.waitsFor)?.[1]);
    const lockLane = layout.locks.get(lockId);
    const holder = byName.get(edge.heldBy);
    const hold = holder && model.locks.get(lockId)?.holds.get(holder.ident);
    if (lockLane && hold && hold.isOpen()) {
      const x0 = Math.max(scale.leftPx, scale.msToPx(hold.starts.data[hold.length - 1]));
      const x1 = Math.min(scale.rightPx, scale.msToPx(input.untilMs));
      if (x1 > x0) ctx.strokeRect(x0 + 1, laneTop(input, lockLane) + 3, x1 - x0 - 2, 13);
    }
    if (holder && holder !== waiter) arrows.push([waiter.ident, holder.ident, Math.max(startX + 8, endX - 18 - 22 * k)]);
  });
  ctx.lineWidth = 1.5;
  for (const [from, to, x] of arrows) {
    const y0 = barMiddle(input, from);
    const y1 = barMiddle(input, to);
    if (y0 !== null && y1 !== null) arrow(ctx, x, y0, x, y1 - (y1 > y0 ? LANE.bar / 2 : -LANE.bar / 2));
  }
  ctx.lineWidth = 1;
}
