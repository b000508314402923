// The shared objects of the trace model (model.ts builds on this): the
// locks, queues and pools the timeline draws lanes for, what the snippet
// named each object, and which internal object belongs to which (a pool's
// task queue: the pool); and the cap past which their events are counted,
// not kept. The thread tracks, and what each event does to them, are
// model.ts's.

import { LockTrack } from "./model-lock";
import { PoolTrack, QueueTrack } from "./model-objects";
import { kindOf } from "./object-kinds";

/** the labels of the marks the model draws where a thread called setTracing (no object has a negative ref) */
export const TRACING_OFF_LABEL = -1;
export const TRACING_ON_LABEL = -2;

export class TraceObjects {
  readonly locks = new Map<number, LockTrack>();
  readonly queues = new Map<number, QueueTrack>();
  readonly pools = new Map<number, PoolTrack>();
  /** names of objects by ref: the snippet's variable names, label texts, task names */
  readonly labels = new Map<number, string>([[TRACING_OFF_LABEL, "setTracing(false)"], [TRACING_ON_LABEL, "setTracing(true)"]]);
  /** objects given each name, by kind and name (nameObject) */
  private readonly namesTaken = new Map<string, number>();
  /** the object an internal object belongs to (a pool's task queue: the pool) */
  readonly owners = new Map<number, number>();
  /** when the cap was reached (or the trace was cut: TraceModel.cutAt): the latest time recorded in full, or null */
  cappedAtMs: number | null = null;
  /** changes when lanes appear or change shape (a thread, lock, queue, pool, deeper span): the layout's cache key */
  structureVersion = 0;

  // Programs hammer one lock or queue: remembering the last saves a Map lookup on nearly every event.
  private lastLock: LockTrack | undefined;
  private lastQueue: QueueTrack | undefined;

  lock(id: number): LockTrack {
    if (this.lastLock?.id === id) return this.lastLock;
    let lock = this.locks.get(id);
    if (!lock) {
      this.locks.set(id, (lock = new LockTrack(id, this.locks.size + 1)));
      if (this.cappedAtMs !== null) lock.countOnly();
      this.structureVersion++;
    }
    return (this.lastLock = lock);
  }

  queue(id: number): QueueTrack {
    if (this.lastQueue?.id === id) return this.lastQueue;
    let queue = this.queues.get(id);
    if (!queue) {
      this.queues.set(id, (queue = new QueueTrack(id, this.queues.size + 1)));
      if (this.cappedAtMs !== null) queue.countOnly();
      this.structureVersion++;
    }
    return (this.lastQueue = queue);
  }

  pool(id: number): PoolTrack {
    let pool = this.pools.get(id);
    if (!pool) {
      this.pools.set(id, (pool = new PoolTrack(id, this.pools.size + 1)));
      this.structureVersion++;
    }
    return pool;
  }

  /** Thread `ident` is a worker of pool `poolId` (its lane is drawn in the pool's group). */
  protected joinPool(ident: number, poolId: number): void {
    const pool = this.pools.get(poolId);
    if (!pool || pool.workers.has(ident)) return;
    pool.workers.add(ident);
    this.structureVersion++;
  }

  /** Object `ref` is called `name` (its first name stays). */
  nameObject(ref: number, name: string): void {
    if (this.labels.has(ref)) return;
    this.labels.set(ref, name);
    // Its lane, laid out before the name came (names and events reach the page by different paths), is labelled anew.
    this.structureVersion++;
    const key = `${kindOf(ref)}\u0000${name}`;
    this.namesTaken.set(key, (this.namesTaken.get(key) ?? 0) + 1);
  }

  /** Object `ref` belongs to object `owner` (a pool's own queues): its lane, if it had one, goes. */
  setOwner(ref: number, owner: number): void {
    if (this.owners.get(ref) === owner) return;
    this.owners.set(ref, owner);
    this.structureVersion++;
  }

  /** Whether another object of `ref`'s kind has its name (two made where one variable was assigned, in a loop or a function). */
  nameShared(ref: number): boolean {
    const name = this.labels.get(ref);
    return name !== undefined && (this.namesTaken.get(`${kindOf(ref)}\u0000${name}`) ?? 0) > 1;
  }

  /**
   * From `tMs` on, the objects' events are counted, not kept: what is drawn
   * stops at cappedAtMs, and the timeline hatches the rest as "not recorded".
   */
  protected capAt(tMs: number): void {
    if (this.cappedAtMs !== null) return;
    this.cappedAtMs = tMs;
    for (const lock of this.locks.values()) lock.countOnly();
    for (const queue of this.queues.values()) queue.countOnly();
    this.structureVersion++;
  }
}
