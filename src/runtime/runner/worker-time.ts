// The runner's reading of its workers' clock. A run's times are
// timeOrigin + now() - epoch in every thread, and a browser's workers agree
// on timeOrigin + now() to microseconds; a frame's reading (the runner's)
// need not: on this machine the runner's was at times 1-4 ms behind its
// workers' (and a page's 47 ms behind its own workers'), at others not at
// all. Stamped on the runner's clock, a short run's end came before its
// threads' last events, and the end cut them: the print, the "done". So
// the runner reads the workers' clock through the difference, measured
// against one of them (the run's coarse clock answers a ping: run-clock.ts)
// at each run's end, and kept for the next run.
//
// A measure is a range: the worker read its clock at some moment of the
// ping's round trip. The runner's readings take its top (late by at most
// the round trip, never early: a run's end is at or after what its
// threads did before the runner heard they had ended); a run's epoch takes
// its bottom (so that no event of the run comes before it). Until the
// first measure the difference is taken as 0, the old reading: a first
// run's times then start a few ms late, or, with workers behind their
// frame, its first events come before its epoch and the page refuses them.

let offset = { low: 0, high: 0 };
/** what a test sets the runner's own reading off by (the "skew" request) */
let skewMs = 0;

/** The runner's own reading of timeOrigin + now(). */
export function frameNow(): number {
  return performance.timeOrigin + performance.now() + skewMs;
}

/** The workers' timeOrigin + now(), as the runner reads it now: late by the last measure's error at most. */
export function workersNow(): number {
  return workersAt(frameNow());
}

/** The workers' reading at the moment the runner read `frame` (frameNow), late by the last measure's error at most. */
export function workersAt(frame: number): number {
  return frame + offset.high;
}

/** A run's epoch: the workers' timeOrigin + now(), early by the last measure's error at most. */
export function epochNow(): number {
  return frameNow() + offset.low;
}

/** A measure of (the workers' reading - the runner's), within [low, high]. */
export function adoptOffset(low: number, high: number): void {
  if (Number.isFinite(low) && Number.isFinite(high) && low <= high) offset = { low, high };
}

/** For tests: a runner whose own clock reads `ms` off, and which has measured nothing yet. */
export function skewFrameClock(ms: number): void {
  skewMs = ms;
  offset = { low: 0, high: 0 };
}
