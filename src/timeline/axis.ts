// The time axis: tick steps of 1, 2 or 5 × 10^k ms chosen so labels stay
// about `minSpacingPx` apart, and labels in the unit the step calls for
// (µs under a millisecond, s from a second up). Also the exact-time and
// duration formats tooltips use.

import type { TimeScale } from "../trace/time-scale";

export interface Ticks {
  stepMs: number;
  /** tick times inside the scale's window */
  times: number[];
}

export function niceStep(roughMs: number): number {
  if (!(roughMs > 0) || !Number.isFinite(roughMs)) return 1;
  const power = 10 ** Math.floor(Math.log10(roughMs));
  for (const m of [1, 2, 5]) if (m * power >= roughMs) return m * power;
  return 10 * power;
}

export function timeTicks(scale: TimeScale, minSpacingPx = 90): Ticks {
  const stepMs = niceStep(scale.pxToDuration(minSpacingPx));
  const times: number[] = [];
  const first = Math.ceil(scale.startMs / stepMs);
  for (let k = first; k * stepMs <= scale.endMs && times.length < 1000; k++) times.push(k * stepMs);
  return { stepMs, times };
}

/** Digits after the point that a step of `step` (in the label's unit) needs. */
function decimals(step: number): number {
  return Math.max(0, Math.min(6, Math.ceil(-Math.log10(step) - 1e-9)));
}

/**
 * A tick label: the unit follows the step (s from a second up, µs only
 * near zero, else ms), with as many decimals as the step needs, so
 * neighbours read alike: "175.8 ms", "175.9 ms" rather than "175800 µs".
 */
export function formatTick(tMs: number, stepMs: number): string {
  if (Math.abs(tMs) < stepMs / 2) return "0";
  if (stepMs >= 1000) return `${(tMs / 1000).toFixed(decimals(stepMs / 1000))} s`;
  if (stepMs < 1 && Math.abs(tMs) < 1) return `${(tMs * 1000).toFixed(decimals(stepMs * 1000))} µs`;
  return `${tMs.toFixed(decimals(stepMs))} ms`;
}

/** A duration for people, to about the µs: 850 ns, 12.3 µs, 4.560 ms, 2.350 s. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return "—";
  const a = Math.abs(ms);
  if (a < 0.001) return `${Math.round(ms * 1e6)} ns`;
  if (a < 1) return `${(ms * 1000).toPrecision(3)} µs`;
  if (a < 1000) return `${ms.toFixed(a < 10 ? 3 : a < 100 ? 2 : 1)} ms`;
  return `${(ms / 1000).toFixed(3)} s`;
}

/** An exact moment on the run's clock, to the µs: "12.345 ms". */
export function formatTime(ms: number): string {
  return Number.isFinite(ms) ? `${ms.toFixed(3)} ms` : "—";
}
