// What a blocked thread waits on, as recorded in its thread-table entry
// (Field.WaitKind, WaitObj, WaitAddr, WaitTimed) for the deadlock watch and
// the timeline. One list, so every primitive's number is distinct.

export const enum WaitKind {
  None = 0,
  /** WaitObj: lock id; WaitAddr: the lock's heap word (its owner is readable there) */
  Lock = 1,
  /** WaitObj: the ident of the thread being joined */
  Join = 2,
  RLock = 3,
  Condition = 4,
  Semaphore = 5,
  Event = 6,
  Barrier = 7,
  Queue = 8,
  Pipe = 9,
  Pool = 10,
  Future = 11,
}

export const WAIT_KIND_NAMES: Record<number, string> = {
  1: "Lock", 2: "thread", 3: "RLock", 4: "Condition", 5: "Semaphore", 6: "Event",
  7: "Barrier", 8: "Queue", 9: "Pipe", 10: "Pool", 11: "Future",
};
