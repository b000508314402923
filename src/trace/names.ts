// What the timeline, its tooltips and the exported trace call things. One
// place, so a lane, a tooltip and Perfetto's track say the same name.
//
// Shared objects are named by their id ("Lock 5"): the id is what the run's
// own messages use ("Deadlock: Thread-1 waits for Lock 5 held by ..."), so a
// learner can match the sentence to the lane. A pool's task and result
// queues are made right after the pool (api/task-workers.ts TaskClient), so
// they have the pool's id + 1 and + 2; they are named after the pool.
//
// Python's names (MainThread, Lock 5, Pool 3) stay as they are in every
// language; the few English words around them (a state, "object 4",
// "(join)", a pool queue's role) come from NameWords, so the timeline can
// draw them in the page's language. The default is English, which is what
// the exported trace and the run's result use.

import { THREAD_STATE_NAMES, ThreadState } from "./events";
import type { LockTrack, ThreadTrack, TraceModel } from "./model";

/** The words the names below put around Python's names. */
export interface NameWords {
  /** a thread state, by ThreadState */
  states: Record<ThreadState, string>;
  /** a condition, event or barrier known only by its id: "object 4" */
  object(id: number): string;
  /** a wait recognised as a join: "Thread-2 (join)" */
  joined(thread: string): string;
  /** a pool's own queues: "Pool 3 tasks", "Pool 3 results" */
  poolQueue(pool: string, role: "tasks" | "results"): string;
}

export const EN_NAME_WORDS: NameWords = {
  states: Object.fromEntries(THREAD_STATE_NAMES.map((name, state) => [state, name])) as Record<ThreadState, string>,
  object: (id) => `object ${id}`,
  joined: (thread) => `${thread} (join)`,
  poolQueue: (pool, role) => `${pool} ${role}`,
};

/** Python's names: the main process is MainProcess; a process is named after its first thread (Process-1, PoolWorker-2). */
export function processName(model: TraceModel, pid: number): string {
  let starter: string | null = null;
  let starterIdent = Infinity;
  for (const track of model.threads.values()) {
    if (track.pid !== pid) continue;
    if (track.kind === "main") return "MainProcess";
    if ((track.kind === "process" || track.kind === "pool-worker") && track.ident < starterIdent) {
      starter = track.name;
      starterIdent = track.ident;
    }
  }
  return starter ?? `Process ${pid}`;
}

/** A lock-like object that was never acquired through Lock events but blocked threads is a Semaphore. */
export function isSemaphore(lock: LockTrack): boolean {
  return lock.acquisitions === 0 && lock.holds.size === 0;
}

export function lockName(lock: LockTrack): string {
  return `${isSemaphore(lock) ? "Semaphore" : "Lock"} ${lock.id}`;
}

/** The pool a queue belongs to (its task or result queue), or null for a snippet's own queue. */
export function poolOfQueue(model: TraceModel, queueId: number): { poolId: number; role: "tasks" | "results" } | null {
  if (model.pools.has(queueId - 1)) return { poolId: queueId - 1, role: "tasks" };
  if (model.pools.has(queueId - 2)) return { poolId: queueId - 2, role: "results" };
  return null;
}

export function queueName(model: TraceModel, queueId: number, words: NameWords = EN_NAME_WORDS): string {
  const owner = poolOfQueue(model, queueId);
  return owner ? words.poolQueue(poolName(owner.poolId), owner.role) : `Queue ${queueId}`;
}

export function poolName(poolId: number): string {
  return `Pool ${poolId}`;
}

export function threadName(model: TraceModel, ident: number): string {
  return model.threads.get(ident)?.name ?? `thread ${ident}`;
}

export function stateName(state: number, words: NameWords = EN_NAME_WORDS): string {
  return words.states[state as ThreadState] ?? `state ${state}`;
}

/** What a state waits on, by name: "Lock 5", "Queue 7" (queues and pipes), or "" when nothing is known. */
export function waitTargetName(model: TraceModel, state: number, obj: number, words: NameWords = EN_NAME_WORDS): string {
  if (obj === 0) return "";
  if (state === ThreadState.Blocked) {
    const lock = model.locks.get(obj);
    return lock ? lockName(lock) : `Lock ${obj}`;
  }
  if (state === ThreadState.QueueWait) return queueName(model, obj, words);
  // Conditions, events and barriers share the id counter while joins record
  // a thread ident, so a bare number cannot say which (see joinedThread()).
  return words.object(obj);
}

export function labelText(model: TraceModel, labelId: number): string {
  return model.labels.get(labelId) ?? `label ${labelId}`;
}

/** How long after a thread ends its joiner may take to wake. */
const JOIN_WAKE_MS = 50;

/**
 * The thread a Waiting interval [startMs, endMs) most likely joined: the
 * thread with ident `obj` if it finished when the wait ended (a join ends
 * exactly then), else null (a condition, event or barrier with that id).
 */
export function joinedThread(model: TraceModel, obj: number, endMs: number): string | null {
  const track = model.threads.get(obj);
  if (!track || !Number.isFinite(endMs)) return null;
  const n = track.states.length;
  if (n === 0 || track.states.data[n - 1] < ThreadState.Done) return null;
  const finishedMs = track.times.data[n - 1];
  // The joiner wakes right after; on a loaded machine "right after" can be tens of ms.
  return finishedMs <= endMs + 0.5 && finishedMs >= endMs - JOIN_WAKE_MS ? track.name : null;
}

/** What state interval `index` of `track` waited on, by name, with joins recognised ("Thread-2 (join)"). */
export function intervalTarget(model: TraceModel, track: ThreadTrack, index: number, words: NameWords = EN_NAME_WORDS): string {
  const state = track.states.data[index];
  const obj = track.objects.data[index];
  if (state === ThreadState.Waiting && obj !== 0 && index + 1 < track.states.length) {
    const joined = joinedThread(model, obj, track.times.data[index + 1]);
    if (joined) return words.joined(joined);
  }
  return waitTargetName(model, state, obj, words);
}
