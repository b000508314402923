// Between output rows and the timeline: a print tick on a lane names a
// thread and a time; the output row it stands for is that thread's line
// printed nearest that time (print events are not in the trace, so the
// times are matched, which is exact for the line the tick was drawn from).

import type { OutputRow } from "../state/output-log";

/**
 * Index in `rows` of thread `ident`'s printed line nearest `tMs`, or -1. By
 * ident where the row has one: a row says the name its thread printed it
 * under, which a rename since changed, and two threads may share a name
 * (`thread`, the lane's name, is for rows without one).
 */
export function nearestOutputRow(rows: readonly OutputRow[], ident: number, thread: string, tMs: number): number {
  let best = -1;
  let bestGap = Infinity;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row.kind !== "line" || row.continued || (row.ident !== undefined ? row.ident !== ident : row.thread !== thread)) continue;
    const gap = Math.abs(row.t - tMs);
    if (gap < bestGap) {
      best = i;
      bestGap = gap;
    }
  }
  return best;
}
