// Level of detail for interval lists (lock holds, waits, spans, pool tasks):
// intervals a pixel or wider are visited as they are; runs of sub-pixel
// intervals with sub-pixel gaps are merged into one, and the search jumps
// straight to the first interval that ends past the current pixel column,
// so a million holds zoomed out cost a binary search per pixel, not a visit
// per hold. An interval of no length (lock pairs folded within one tick of
// the coarse clock: trace/ring.ts) is visited too, zero pixels wide, so that
// a painter can give it a pixel: a lock taken a thousand times in a
// millisecond is not drawn as never held.

import type { IntervalList } from "../trace/model-series";
import type { TimeScale } from "../trace/time-scale";

export interface IntervalVisit {
  /** [x0, x1) clipped to the time area */
  (x0: number, x1: number, index: number, merged: boolean): void;
}

/** Visit the visible intervals of `list`; open ones end at `untilMs`. Returns how many were visited. */
export function visitIntervals(list: IntervalList, scale: TimeScale, untilMs: number, visit: IntervalVisit): number {
  const n = list.length;
  if (n === 0) return 0;
  const starts = list.starts.data;
  const ends = list.ends.data;
  const left = scale.leftPx;
  const right = scale.rightPx;
  let runX0 = 0;
  let runX1 = -Infinity;
  let runIndex = -1;
  let merged = false;
  let visited = 0;
  let i = list.firstEndingAfter(scale.startMs);
  while (i < n) {
    const a = starts[i];
    if (a > scale.endMs) break;
    visited++;
    const b = Math.min(ends[i], untilMs);
    const x0 = Math.max(left, scale.msToPx(a));
    const x1 = Math.min(right, scale.msToPx(b));
    // (One clipped to no width, at an edge of the view, lies outside it.)
    if (x1 <= x0 && a < b) {
      i++;
      continue;
    }
    if (runIndex >= 0 && x0 - runX1 < 1 && (x1 - x0 < 1 || runX1 - runX0 < 1)) {
      // Too small to tell apart from the run: merge, and skip what the column hides.
      if (x1 > runX1) runX1 = x1;
      merged = true;
      const column = Math.floor(runX1) + 1;
      const next = list.firstEndingAfterFrom(i + 1, scale.pxToMs(column));
      if (next > i + 1) {
        if (runX1 < column && next - 1 > i) runX1 = Math.min(column, right);
        i = next;
        continue;
      }
      i++;
      continue;
    }
    if (runIndex >= 0 && runX1 >= runX0) visit(runX0, runX1, runIndex, merged);
    runX0 = x0;
    runX1 = Math.max(x0, x1);
    runIndex = i;
    merged = false;
    i++;
  }
  if (runIndex >= 0 && runX1 >= runX0) visit(runX0, runX1, runIndex, merged);
  return visited;
}
