// Between output rows and the timeline: a print tick on a lane names a
// thread and a time; the output row it stands for is that thread's line
// printed nearest that time (print events are not in the trace, so the
// times are matched, which is exact for the line the tick was drawn from).

import type { OutputRow } from "../state/output-log";

/** Index in `rows` of `thread`'s printed line nearest `tMs`, or -1. */
export function nearestOutputRow(rows: readonly OutputRow[], thread: string, tMs: number): number {
  let best = -1;
  let bestGap = Infinity;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row.kind !== "line" || row.continued || row.thread !== thread) continue;
    const gap = Math.abs(row.t - tMs);
    if (gap < bestGap) {
      best = i;
      bestGap = gap;
    }
  }
  return best;
}
