// The kinds of object a run's trace can be about, and how each is named and
// drawn: the one vocabulary the runtime records in, and the timeline, stats,
// tooltips, deadlock reports and the exported trace read from. A new
// primitive adds one entry here; nothing else in trace/ or timeline/ switches
// on kinds.
//
// An object is referred to by a 32-bit ref, `kind << 24 | ordinal`: the kind
// is in the ref itself, so an event about an object (a lock acquired, a
// thread waiting on it) says what the object is without any lookup, and the
// ordinal counts per kind from 1, which gives Python's default names
// ("Lock 3" is the third Lock of the run). A Thread's ordinal is its ident.

import { ThreadState } from "./events";

export const enum ObjKind {
  Thread = 1,
  Lock = 2,
  RLock = 3,
  Condition = 4,
  Semaphore = 5,
  BoundedSemaphore = 6,
  Event = 7,
  Barrier = 8,
  Queue = 9,
  LifoQueue = 10,
  PriorityQueue = 11,
  /** one direction of a Pipe */
  Pipe = 12,
  Pool = 13,
  ThreadPoolExecutor = 14,
  ProcessPoolExecutor = 15,
  Future = 16,
  Value = 17,
  RWLock = 18,
  /** a mark()/span() label */
  Label = 19,
  /** an asyncio task */
  Task = 20,
  /** a pool's or an executor's own task or result queue: the runtime's, not the snippet's */
  TaskQueue = 21,
  Timer = 22,
}

/** How the timeline gives an object a lane of its own, if at all. */
export type LaneKind = "lock" | "queue" | "pool" | "none";

export interface KindInfo {
  /** Python's (or the playground's) class name, as in "Lock 3" */
  name: string;
  lane: LaneKind;
  /** the state a thread is in while it blocks on one */
  blocksAs: ThreadState;
  /** several threads may hold it at once (readers of an RWLock, a Semaphore's units) */
  shared?: boolean;
  /** made by the runtime for its own use: never shown as the snippet's object */
  internal?: boolean;
  /** its lane draws who waited for it, not who holds it (a Semaphore: no owner, any thread may release it) */
  waitsOnly?: boolean;
}

const KINDS: Record<number, KindInfo> = {
  [ObjKind.Thread]: { name: "Thread", lane: "none", blocksAs: ThreadState.Waiting },
  [ObjKind.Lock]: { name: "Lock", lane: "lock", blocksAs: ThreadState.Blocked },
  [ObjKind.RLock]: { name: "RLock", lane: "lock", blocksAs: ThreadState.Blocked },
  [ObjKind.Condition]: { name: "Condition", lane: "none", blocksAs: ThreadState.Waiting },
  [ObjKind.Semaphore]: { name: "Semaphore", lane: "lock", blocksAs: ThreadState.Blocked, shared: true, waitsOnly: true },
  [ObjKind.BoundedSemaphore]: { name: "BoundedSemaphore", lane: "lock", blocksAs: ThreadState.Blocked, shared: true, waitsOnly: true },
  [ObjKind.Event]: { name: "Event", lane: "none", blocksAs: ThreadState.Waiting },
  [ObjKind.Barrier]: { name: "Barrier", lane: "none", blocksAs: ThreadState.Waiting },
  [ObjKind.Queue]: { name: "Queue", lane: "queue", blocksAs: ThreadState.QueueWait },
  [ObjKind.LifoQueue]: { name: "LifoQueue", lane: "queue", blocksAs: ThreadState.QueueWait },
  [ObjKind.PriorityQueue]: { name: "PriorityQueue", lane: "queue", blocksAs: ThreadState.QueueWait },
  [ObjKind.Pipe]: { name: "Pipe", lane: "queue", blocksAs: ThreadState.QueueWait },
  [ObjKind.Pool]: { name: "Pool", lane: "pool", blocksAs: ThreadState.Waiting },
  [ObjKind.ThreadPoolExecutor]: { name: "ThreadPoolExecutor", lane: "pool", blocksAs: ThreadState.Waiting },
  [ObjKind.ProcessPoolExecutor]: { name: "ProcessPoolExecutor", lane: "pool", blocksAs: ThreadState.Waiting },
  [ObjKind.Future]: { name: "Future", lane: "none", blocksAs: ThreadState.Waiting },
  [ObjKind.Value]: { name: "Value", lane: "none", blocksAs: ThreadState.Waiting },
  [ObjKind.RWLock]: { name: "RWLock", lane: "lock", blocksAs: ThreadState.Blocked, shared: true },
  [ObjKind.Label]: { name: "label", lane: "none", blocksAs: ThreadState.Waiting, internal: true },
  [ObjKind.Task]: { name: "Task", lane: "none", blocksAs: ThreadState.Waiting, internal: true },
  [ObjKind.TaskQueue]: { name: "task queue", lane: "none", blocksAs: ThreadState.QueueWait, internal: true },
  [ObjKind.Timer]: { name: "Timer", lane: "none", blocksAs: ThreadState.Sleeping },
};

const UNKNOWN: KindInfo = { name: "object", lane: "none", blocksAs: ThreadState.Waiting, internal: true };

export const MAX_ORDINAL = 0xffffff;

export function objRef(kind: ObjKind, ordinal: number): number {
  return (kind << 24) | (ordinal & MAX_ORDINAL);
}

/**
 * What a thread of a controlled run waits on while another has the
 * scheduler's baton: a label with an ordinal no snippet label reaches, which
 * the runner names once and the timeline words in the page's language.
 */
export const SCHEDULER_TURN_REF = objRef(ObjKind.Label, MAX_ORDINAL);

export function kindOf(ref: number): ObjKind {
  return (ref >>> 24) as ObjKind;
}

export function ordinalOf(ref: number): number {
  return ref & MAX_ORDINAL;
}

export function kindInfo(kind: number): KindInfo {
  return KINDS[kind] ?? UNKNOWN;
}

export function isKnownKind(kind: number): boolean {
  return kind in KINDS;
}

/** Python's default name of an object: "Lock 3"; a thread's is its own name, known elsewhere. */
export function defaultName(ref: number): string {
  return `${kindInfo(kindOf(ref)).name} ${ordinalOf(ref)}`;
}
