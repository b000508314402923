// Rebuilding playground objects that arrive from another thread: each kind
// that implements SEND has its reviver here, the one place the serializer
// learns about the API without importing it.

import { Lock, RLock } from "./locks";
import { RWLock } from "./rwlock";
import { Value, type SharedArrayType } from "./shared-memory";
import { reviveThread } from "./thread";
import { local } from "./local";
import { Barrier, BoundedSemaphore, Condition, Event, Semaphore } from "./conditions";
import { LifoQueue, PriorityQueue, Queue, type QueueShared } from "./queues";
import { Connection, type ConnectionShared } from "./pipe";

type Reviver = (data: never) => unknown;

type Placed = { base: number; ref: number };

const REVIVERS: Record<string, Reviver> = {
  Lock: (data: Placed) => new Lock(data),
  RLock: (data: Placed) => new RLock(data),
  RWLock: (data: Placed) => new RWLock(data),
  Value: (data: { type: SharedArrayType; byteOffset: number; lock: Lock }) => new Value(data.type, undefined, data),
  Thread: (data: { ident: number; cell: number; name: string; daemon: boolean; processMain?: boolean }) => reviveThread(data),
  local: () => local(),
  Condition: (data: Placed & { lock: Lock | RLock }) => new Condition(data.lock, data),
  Semaphore: (data: Placed) => new Semaphore(undefined, data),
  BoundedSemaphore: (data: Placed) => new BoundedSemaphore(undefined, data),
  Event: (data: Placed) => new Event(data),
  Queue: (data: QueueShared) => new Queue(0, undefined, data),
  LifoQueue: (data: QueueShared) => new LifoQueue(0, undefined, data),
  PriorityQueue: (data: QueueShared) => new PriorityQueue(0, undefined, data),
  Connection: (data: ConnectionShared) => new Connection(data),
  Barrier: (data: Placed & { parties: number; action?: () => unknown; timeoutMs?: number }) =>
    new Barrier(data.parties, data.action, data.timeoutMs, data),
};

export function reviveApiObject(kind: string, data: unknown): unknown {
  const revive = REVIVERS[kind];
  if (!revive) throw new Error(`internal: no reviver for ${kind}`);
  return revive(data as never);
}
