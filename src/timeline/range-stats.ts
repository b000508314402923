// What a selected time range holds, as Perfetto's area selection reads it:
// its duration, and per thread how long it ran and how long it was blocked
// inside the range. Computed from the same state tracks the lanes are drawn
// from (and RunResult's figures are summed from), clipped to the range, so
// selecting the whole run gives RunResult's runningMs and blockedMs.

import { ThreadState, isBlockedState } from "../trace/events";
import type { TraceModel } from "../trace/model";
import { upperBound } from "../trace/model-series";

export interface ThreadRangeTotals {
  ident: number;
  name: string;
  runningMs: number;
  blockedMs: number;
}

export interface RangeTotals {
  startMs: number;
  endMs: number;
  durationMs: number;
  /** threads alive at some moment of the range, in ident order */
  threads: ThreadRangeTotals[];
}

/** Orders a dragged range (either direction) and keeps it inside [0, untilMs]. */
export function normalizeRange(aMs: number, bMs: number, untilMs: number): { startMs: number; endMs: number } {
  const lo = Math.max(0, Math.min(aMs, bMs));
  const hi = Math.min(Math.max(untilMs, 0), Math.max(aMs, bMs));
  return { startMs: lo, endMs: Math.max(lo, hi) };
}

/**
 * Totals over [startMs, endMs]. `untilMs` closes a thread's open interval
 * (the run's end, or "now" while live), as the lanes do.
 */
export function rangeTotals(model: TraceModel, startMs: number, endMs: number, untilMs: number): RangeTotals {
  const threads: ThreadRangeTotals[] = [];
  for (const track of model.threads.values()) {
    const { times, states } = track;
    const n = states.length;
    if (n === 0 || times.data[0] >= endMs) continue;
    let runningMs = 0;
    let blockedMs = 0;
    let alive = false;
    // The interval in force at startMs, then every one that begins before endMs.
    for (let i = Math.max(0, upperBound(times.data, n, startMs) - 1); i < n; i++) {
      const from = times.data[i];
      if (from >= endMs) break;
      const state = states.data[i];
      if (state >= ThreadState.Done) break;
      const to = i + 1 < n ? times.data[i + 1] : untilMs;
      const ms = Math.min(to, endMs) - Math.max(from, startMs);
      if (ms <= 0 && to < startMs) continue;
      alive = true;
      if (ms <= 0) continue;
      if (state === ThreadState.Running) runningMs += ms;
      else if (isBlockedState(state)) blockedMs += ms;
    }
    if (alive) threads.push({ ident: track.ident, name: track.name, runningMs, blockedMs });
  }
  threads.sort((a, b) => a.ident - b.ident);
  return { startMs, endMs, durationMs: endMs - startMs, threads };
}
