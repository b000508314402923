// One thread's asyncio tasks, packed into sub-lanes (rows) for the timeline.
// A task is born (TaskStart), runs until it awaits (TaskAwait), waits until
// it resumes (TaskResume), and so on until it ends (TaskEnd). A loop may
// make thousands of short tasks, so tasks share rows: a new task goes to the
// first row whose last task has ended (greedy interval packing, which keeps
// the row count at the most tasks alive at once), and rows stop at
// MAX_ROWS — tasks past that are counted, not drawn.
//
// Per row, two interval lists with no overlaps, as the renderer wants them:
//   lives  a task's whole life, tag = task id, extra = 1 if it failed, 2 if it was cancelled
//   runs   its running stretches, tag = task id

import { IntervalList } from "./model-series";

export const MAX_COROUTINE_ROWS = 12;

export interface CoroutineRow {
  lives: IntervalList;
  runs: IntervalList;
}

export class CoroutineRows {
  readonly rows: CoroutineRow[] = [];
  /** tasks that found no free row */
  hidden = 0;
  private readonly rowOf = new Map<number, CoroutineRow>();

  /** A new task: returns true when it needed a new row (the lane grows). */
  start(task: number, tMs: number): boolean {
    let row = this.rows.find((r) => !r.lives.isOpen());
    let grew = false;
    if (!row) {
      if (this.rows.length >= MAX_COROUTINE_ROWS) {
        this.hidden++;
        return false;
      }
      row = { lives: new IntervalList(), runs: new IntervalList() };
      this.rows.push(row);
      grew = true;
    }
    row.lives.open(tMs, task, 0);
    row.runs.open(tMs, task);
    this.rowOf.set(task, row);
    return grew;
  }

  await(task: number, tMs: number): void {
    this.rowOf.get(task)?.runs.close(tMs);
  }

  resume(task: number, tMs: number): void {
    const row = this.rowOf.get(task);
    if (row && !row.runs.isOpen() && row.lives.isOpen()) row.runs.open(tMs, task);
  }

  /** `how`: 0 done, 1 failed (an exception), 2 cancelled (TaskEnd's arg) */
  end(task: number, tMs: number, how: 0 | 1 | 2): void {
    const row = this.rowOf.get(task);
    if (!row) return;
    row.runs.close(tMs);
    row.lives.close(tMs);
    if (how !== 0) row.lives.setLastExtra(how);
    this.rowOf.delete(task);
  }

  /** bytes its rows' arrays hold (their capacity) */
  bytes(): number {
    return this.rows.reduce((sum, row) => sum + row.lives.bytes() + row.runs.bytes(), 0);
  }

  /** The thread ended (or was stopped) with tasks still alive: they end with it. */
  closeAll(tMs: number): void {
    for (const row of this.rows) {
      row.runs.close(tMs);
      row.lives.close(tMs);
    }
    this.rowOf.clear();
  }
}
