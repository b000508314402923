// The "playground" module that snippets import (shared/API.md). Its types for
// the editor are in playground.d.ts; keep the two in step.

export { Thread } from "./thread";
export { currentThread, mainThread, activeCount, enumerate, startNewThread, sleep, getIdent } from "./threading-functions";
export { Lock, RLock } from "./locks";
export { RWLock } from "./rwlock";
export { Condition, Semaphore, BoundedSemaphore, Event, Barrier, BrokenBarrierError } from "./conditions";
export { sharedArray, Value } from "./shared-memory";
export { print, now, mark, span } from "./output";
export { Timer } from "./timer";
export { setSwitchInterval, getSwitchInterval, gilEnabled } from "./gil";
export { asyncio } from "./asyncio";
export { setTracing } from "./tracing";
export { Process, currentProcess, getpid, getppid, cpuCount } from "./process";
export { Queue, LifoQueue, PriorityQueue, Full, Empty } from "./queues";
export { Pipe, Connection, EOFError, OSError, BrokenPipeError } from "./pipe";
export { Pool } from "./pool";
export { AsyncResult } from "./async-result";
export { ThreadPoolExecutor, ProcessPoolExecutor, Future, asCompleted, CancelledError } from "./executor";
export { local } from "./local";
export { exit, osExit, atexit, SystemExit } from "./lifecycle";
export { RuntimeError, ValueError, TimeoutError, AssertionError } from "../base/errors";
export { assert } from "./assert";
