// What the trace model keeps per shared object, built as events arrive:
//
// - LockTrack (model-lock.ts): who held a lock when, and who waited.
// - QueueTrack: puts and gets (arg = depth after, as api/queues.ts records
//   them), each a SortedLog. The k-th put in time order moved the k-th
//   get's item only in a FIFO Queue or a pipe (not in a LifoQueue or a
//   PriorityQueue, whose order the trace does not record): trace-links.ts
//   pairs them only there.
// - PoolTrack: the pending-task count over time and the pool's workers;
//   the task boxes themselves live on the worker's thread track.
//
// Past the trace's cap (TraceModel.eventCap) a track counts instead of
// keeping: the puts and gets (and a lock's acquisitions, contention, and
// longest and total times) stay exact while the lists stop growing.

import { SortedLog } from "./model-series";

export class QueueTrack {
  readonly puts = new SortedLog();
  readonly gets = new SortedLog();
  /** all puts and gets, also those past the cap that the logs do not keep */
  putCount = 0;
  getCount = 0;
  maxDepth = 0;
  /** its depth after the latest put or get (by time) */
  depth = 0;
  private depthMs = -Infinity;
  private keeping = true;

  constructor(readonly id: number, readonly ordinal: number) {}

  countOnly(): void {
    this.keeping = false;
  }

  /** a controlled run's item moves, [tMs, 1 put / 0 get, label ref] each, in the order the page read them (null: none recorded) */
  itemMoves: number[] | null = null;

  /** The item a put or get moved, shown as label `label`'s text (EventKind.QueueItem). */
  addItem(isPut: boolean, tMs: number, label: number): void {
    // Past the trace's cap nothing more is kept, as for the puts and gets themselves.
    if (this.keeping) (this.itemMoves ??= []).push(tMs, isPut ? 1 : 0, label);
  }

  add(isPut: boolean, ident: number, tMs: number, depth: number): void {
    if (isPut) this.putCount++;
    else this.getCount++;
    if (this.keeping) (isPut ? this.puts : this.gets).push(tMs, depth, ident);
    if (depth > this.maxDepth) this.maxDepth = depth;
    if (tMs >= this.depthMs) {
      this.depthMs = tMs;
      this.depth = depth;
    }
  }
}

export class PoolTrack {
  readonly pending = new SortedLog();
  readonly workers = new Set<number>();
  tasks = 0;
  busyMs = 0;
  maxPending = 0;
  firstStartMs = Infinity;
  lastEndMs = 0;

  constructor(readonly id: number, readonly ordinal: number) {}

  /** Share of the workers' time spent on tasks between the first task's start and the last one's end. */
  utilisation(): number {
    const spanMs = this.lastEndMs - this.firstStartMs;
    if (!(spanMs > 0) || this.workers.size === 0) return 0;
    return Math.min(1, this.busyMs / (spanMs * this.workers.size));
  }
}
