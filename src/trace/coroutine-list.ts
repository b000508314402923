// The asyncio tasks of a model as plain data, task by task: what tests and
// the automation API's debug view read (the renderer reads the rows as they are).

import type { TraceModel } from "./model";
import { labelText } from "./names";

export interface CoroutineTaskInfo {
  thread: string;
  /** the thread's ident, and its process */
  ident: number;
  pid: number;
  name: string;
  row: number;
  startMs: number;
  endMs: number;
  failed: boolean;
  /** it ended with the CancelledError its cancel() raised */
  cancelled: boolean;
  /** running stretches, [start, end] in ms */
  runs: [number, number][];
}

export function coroutineTasks(model: TraceModel): CoroutineTaskInfo[] {
  const out: CoroutineTaskInfo[] = [];
  for (const track of model.threads.values()) {
    track.coroutines.rows.forEach(({ lives, runs }, row) => {
      let r = 0;
      for (let i = 0; i < lives.length; i++) {
        const task = lives.tags.data[i];
        const stretches: [number, number][] = [];
        for (; r < runs.length && runs.tags.data[r] === task; r++) stretches.push([runs.starts.data[r], runs.ends.data[r]]);
        out.push({
          thread: track.name, ident: track.ident, pid: track.pid, name: labelText(model, task), row,
          startMs: lives.starts.data[i], endMs: lives.ends.data[i], failed: lives.extra(i) === 1, cancelled: lives.extra(i) === 2, runs: stretches,
        });
      }
    });
  }
  return out;
}
