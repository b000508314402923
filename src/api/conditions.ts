// The blocking primitives beyond Lock and RLock, one file each; this module
// gathers them for index.ts and revive.ts.

export { Condition } from "./condition";
export { Semaphore, BoundedSemaphore } from "./semaphore";
export { Event } from "./event";
export { Barrier, BrokenBarrierError } from "./barrier";
