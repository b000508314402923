// The trace's vocabulary: what a thread records about itself, as small
// integers, so that recording an event is a few typed-array stores.
//
// One event is 16 bytes in a ring (see ring.ts):
//   f64  tMs            ms since the run's epoch (one clock for all workers)
//   i32  kind << 24 | arg   (arg: 24 bits, e.g. a thread state)
//   i32  obj            the object the event is about (lock id, label id ...)

export const enum EventKind {
  /** the thread entered state `arg`, waiting on `obj` (0 when none) */
  State = 1,
  LockAcquired = 2,
  LockReleased = 3,
  Mark = 4,
  SpanBegin = 5,
  SpanEnd = 6,
  /** object \`obj\` (a ref: trace/object-kinds.ts) was made; arg 1: it belongs to another (named in a message) */
  ObjectCreated = 7,
  /** an item was put into / got from queue (or pipe channel) `obj`; arg = its depth after */
  QueuePut = 16,
  QueueGet = 17,
  /** a pool worker started task `arg` of pool `obj`: a call's number, or a chunk's first item (PoolChunk) */
  PoolTaskStart = 20,
  PoolTaskEnd = 21,
  /** pool `obj` now has `arg` tasks submitted and not yet started */
  PoolPending = 22,
  /** this thread is a worker of pool (or executor) `obj` */
  PoolWorker = 23,
  /** asyncio task \`obj\` started (its name in labels); TaskEnd arg 1: it failed */
  TaskStart = 24,
  TaskEnd = 25,
  /** task \`obj\` awaits (asyncio.sleep ...) / resumes */
  TaskAwait = 26,
  TaskResume = 27,
  /** this thread took the GIL from thread \`obj\`, \`arg\` µs after that one let it go */
  GilHandover = 28,
  /**
   * the wait this thread is ending (its current state) was a call at line
   * `arg`, column `obj` of the compiled snippet, or, `arg` 0xffffff, in the
   * program's end (trace/source-lines.ts)
   */
  SourceAt = 29,
  /**
   * the pool task this thread starts next is a chunk of map (or starmap,
   * imap ...) with `arg` items, cut by chunksize `obj` (negative: map chose
   * it; 0: not known); its PoolTaskStart arg is its first item's index
   */
  PoolChunk = 30,
  /** the pool task this thread starts next runs label `obj`'s text: its function and arguments ("double(3)") */
  PoolTaskLabel = 31,
  /** the queue put or get this thread records next moves the item shown as label `obj`'s text (controlled runs only: api/queue-items.ts) */
  QueueItem = 32,
  /** the thread turned its per-operation events off (arg 0) or on again (arg 1): setTracing (api/tracing.ts) */
  Tracing = 33,
}

const KNOWN_KINDS = new Set([1, 2, 3, 4, 5, 6, 7, 16, 17, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33]);

/** Whether `kind` is one of EventKind (events come from memory a snippet can write). */
export function isEventKind(kind: number): kind is EventKind {
  return KNOWN_KINDS.has(kind);
}

/** Thread states, in the order the legend lists them. */
export const enum ThreadState {
  Starting = 0,
  Running = 1,
  /** runnable, waiting for the GIL */
  Runnable = 2,
  /** blocked on a lock */
  Blocked = 3,
  /** waiting on a condition, event, join or barrier */
  Waiting = 4,
  Sleeping = 5,
  /** waiting on a queue or pipe */
  QueueWait = 6,
  /**
   * its event loop has nothing of it to run: its code (each task of its
   * asyncio loop) waits at an await, and it holds no GIL. The runtime
   * writes it when the worker runs dry (runtime/thread-event-loop.ts); the
   * model also derives it, from the moment the await began, from an asyncio
   * loop's task events (trace/model-loop-idle.ts).
   */
  EventLoopIdle = 7,
  Done = 8,
  Error = 9,
  Stopped = 10,
}

export const THREAD_STATE_NAMES: readonly string[] = [
  "starting", "running", "waiting for the GIL", "blocked on a lock", "waiting",
  "sleeping", "waiting on a queue or pipe", "event loop idle", "done", "error", "stopped",
];

export function isFinalState(state: number): boolean {
  return state >= ThreadState.Done;
}

/** Time spent in these states counts as blocked in RunResult.threads. */
export function isBlockedState(state: number): boolean {
  return state >= ThreadState.Runnable && state <= ThreadState.QueueWait;
}
