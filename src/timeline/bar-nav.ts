// Moving between bars with the keyboard: a focused bar is one state interval
// of one thread lane; left/right step to the thread's previous/next state,
// up/down to the lane above/below at the same moment (the bar there that
// covers the middle of the focused one), as a screen-reader user walks a
// table. Pure over the model and the layout; the page draws the focus ring
// and reads the bar's description (describe.ts) into an aria-live region.

import { ThreadState } from "../trace/events";
import type { TraceModel } from "../trace/model";
import { upperBound } from "../trace/model-series";
import type { TimelineLayout } from "./layout";
import type { Hit } from "./geometry";

export interface BarFocus {
  ident: number;
  /** index into the thread's state track */
  index: number;
}

export type BarStep = "left" | "right" | "up" | "down";

/** Intervals [0, count) of a thread are bars: its states before the first end state. */
function barCount(model: TraceModel, ident: number): number {
  const track = model.threads.get(ident);
  if (!track) return 0;
  const n = track.states.length;
  let count = n;
  while (count > 0 && track.states.data[count - 1] >= ThreadState.Done) count--;
  return count;
}

/** The bar's time span; an open interval ends at `untilMs`. */
export function barSpan(model: TraceModel, focus: BarFocus, untilMs: number): { startMs: number; endMs: number } {
  const track = model.threads.get(focus.ident)!;
  const startMs = track.times.data[focus.index];
  const endMs = focus.index + 1 < track.states.length ? track.times.data[focus.index + 1] : untilMs;
  return { startMs, endMs: Math.max(startMs, endMs) };
}

/** The focused bar as the hit the hover card describes. */
export function focusHit(model: TraceModel, focus: BarFocus, untilMs: number): Hit {
  const track = model.threads.get(focus.ident)!;
  const { startMs, endMs } = barSpan(model, focus, untilMs);
  return { kind: "state", ident: focus.ident, index: focus.index, startMs, endMs, state: track.states.data[focus.index], obj: track.objects.data[focus.index], changesInPixel: 1 };
}

/** Whether `focus` still names a bar (a new run replaces the model). */
export function isValidFocus(model: TraceModel, focus: BarFocus): boolean {
  return focus.index >= 0 && focus.index < barCount(model, focus.ident);
}

/** The bar of thread `ident` covering `tMs` (clamped to its first/last bar), or null when it has none. */
function barAt(model: TraceModel, ident: number, tMs: number): BarFocus | null {
  const count = barCount(model, ident);
  if (count === 0) return null;
  const track = model.threads.get(ident)!;
  const i = upperBound(track.times.data, count, tMs) - 1;
  return { ident, index: Math.min(count - 1, Math.max(0, i)) };
}

/** Thread lanes in the order they are drawn, those with bars only. */
function threadLanes(model: TraceModel, layout: TimelineLayout): number[] {
  return layout.lanes.filter((l) => l.kind === "thread" && barCount(model, l.id) > 0).map((l) => l.id);
}

/**
 * The bar a key press moves to. With nothing focused yet, the first bar of
 * the first lane at or after `fromMs` (the view's left edge).
 */
export function stepBar(model: TraceModel, layout: TimelineLayout, focus: BarFocus | null, step: BarStep, untilMs: number, fromMs = 0): BarFocus | null {
  const lanes = threadLanes(model, layout);
  if (lanes.length === 0) return null;
  if (!focus || !isValidFocus(model, focus)) return barAt(model, lanes[0], fromMs);
  const count = barCount(model, focus.ident);
  if (step === "left") return { ident: focus.ident, index: Math.max(0, focus.index - 1) };
  if (step === "right") return { ident: focus.ident, index: Math.min(count - 1, focus.index + 1) };
  const at = lanes.indexOf(focus.ident);
  const next = lanes[at + (step === "up" ? -1 : 1)];
  if (next === undefined) return focus;
  const { startMs, endMs } = barSpan(model, focus, untilMs);
  return barAt(model, next, (startMs + endMs) / 2);
}

/** A thread's lifetime: its first state to its end (or `untilMs`), for "fit a lane". */
export function threadLifetime(model: TraceModel, ident: number, untilMs: number): { startMs: number; endMs: number } | null {
  const track = model.threads.get(ident);
  const n = track?.states.length ?? 0;
  if (!track || n === 0) return null;
  const count = barCount(model, ident);
  const endMs = count < n ? track.times.data[count] : untilMs;
  return { startMs: track.times.data[0], endMs: Math.max(endMs, track.times.data[0]) };
}
