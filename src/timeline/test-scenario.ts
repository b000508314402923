// A small run for the renderer's tests: MainThread and Thread-1 in
// MainProcess share Lock 9 (Thread-1 waits for it, then gets it from
// MainThread), MainThread puts two items on Queue 7 that Thread-1 gets, and
// PoolWorker-1 runs task #0 of Pool 20 (whose own queues are 21 and 22).

import { EventKind, ThreadState } from "../trace/events";
import { QUEUE_GET_KIND, QUEUE_PUT_KIND, TraceModel } from "../trace/model";
import { ObjKind, objRef } from "../trace/object-kinds";

const S = EventKind.State;
export const LOCK_9 = objRef(ObjKind.Lock, 9);
export const QUEUE_7 = objRef(ObjKind.Queue, 7);
export const POOL_20 = objRef(ObjKind.Pool, 20);
const POOL_RESULTS = objRef(ObjKind.TaskQueue, 22);
const LABEL = objRef(ObjKind.Label, 50);

/** `queue`: the queue MainThread puts on (Queue 7; a LifoQueue's ref to see what the page does not know there) */
export function scenario(queue = QUEUE_7): TraceModel {
  const m = new TraceModel();
  m.addThread(1, "MainThread", "main", 1000);
  m.addThread(2, "Thread-1", "thread", 1000);
  m.addThread(3, "PoolWorker-1", "pool-worker", 1001);
  m.labels.set(LABEL, "produce");
  m.labels.set(POOL_RESULTS, "results");
  m.owners.set(POOL_RESULTS, POOL_20);
  m.add(1, 0, S, ThreadState.Running, 0);
  m.add(1, 10, EventKind.SpanBegin, 0, LABEL);
  m.add(1, 15, EventKind.LockAcquired, 0, LOCK_9);
  m.add(1, 20, QUEUE_PUT_KIND, 1, queue);
  m.add(1, 25, S, ThreadState.Sleeping, 0);
  m.add(1, 30, S, ThreadState.Running, 0);
  m.add(1, 32, EventKind.LockReleased, 0, LOCK_9);
  m.add(1, 35, QUEUE_PUT_KIND, 2, queue);
  m.add(1, 40, EventKind.SpanEnd, 0, LABEL);
  m.add(1, 45, EventKind.Mark, 0, LABEL);
  m.add(1, 90, S, ThreadState.Done, 0);
  m.add(2, 5, S, ThreadState.Running, 0);
  m.add(2, 20, S, ThreadState.Blocked, LOCK_9);
  m.add(2, 33, S, ThreadState.Running, 0);
  m.add(2, 33, EventKind.LockAcquired, 0, LOCK_9);
  m.add(2, 34, EventKind.LockReleased, 0, LOCK_9);
  m.add(2, 40, QUEUE_GET_KIND, 1, queue);
  m.add(2, 50, QUEUE_GET_KIND, 0, queue);
  m.add(2, 60, S, ThreadState.Done, 0);
  m.add(3, 2, S, ThreadState.Running, 0);
  m.add(3, 3, EventKind.PoolWorker, 0, POOL_20);
  m.add(3, 10, EventKind.PoolPending, 1, POOL_20);
  m.add(3, 10, EventKind.PoolTaskStart, 0, POOL_20);
  m.add(3, 30, EventKind.PoolTaskEnd, 0, POOL_20);
  m.add(3, 31, QUEUE_PUT_KIND, 1, POOL_RESULTS);
  m.add(3, 40, S, ThreadState.Done, 0);
  m.addPrint("Thread-1", 41);
  return m;
}
