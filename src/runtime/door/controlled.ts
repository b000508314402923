// The door's side of a controlled run (API.md §10): the steps the API's
// calls are, the objects they touch, and the kinds a controlled run can
// drive. The scheduler is runtime/control/scheduler.ts; here the API only
// says "this is a step" and "this object changed", and a run that is not
// controlled pays one null check for either.

import { context } from "../worker-context";
import { RuntimeError } from "../../base/errors";
import { kindInfo, ObjKind } from "../../trace/object-kinds";
import { StepKind } from "../control/step-kinds";
import type { Parking } from "../../sync/parking";

export { StepKind };

/**
 * The kinds a controlled run schedules: every kind the API makes; a kind
 * added later is refused at creation with a clear error until the
 * scheduler drives it, rather than run without control. A Timer waits out its interval on the virtual clock; a
 * process is a thread with memory of its own, and a pool or an executor is
 * threads or processes and two queues (api/task-workers.ts); an asyncio
 * task runs on its thread's loop, whose timers wait on the virtual clock
 * (api/asyncio-timers.ts). A Condition, the queues and pipes run their controlled calls in
 * pieces that never sleep (api/condition.ts, api/queues.ts, api/pipe.ts,
 * attemptUntil); a Barrier and an RWLock sleep through the scheduler's
 * Parking (parkingFor).
 */
const CONTROLLED_KINDS = new Set<ObjKind>([
  ObjKind.Thread, ObjKind.Lock, ObjKind.RLock, ObjKind.Semaphore, ObjKind.BoundedSemaphore,
  ObjKind.Event, ObjKind.Value, ObjKind.Label, ObjKind.Condition,
  ObjKind.Queue, ObjKind.LifoQueue, ObjKind.PriorityQueue, ObjKind.Barrier, ObjKind.RWLock, ObjKind.Pipe, ObjKind.Timer,
  ObjKind.ThreadPoolExecutor, ObjKind.TaskQueue, ObjKind.Pool, ObjKind.ProcessPoolExecutor, ObjKind.Task,
]);

/** A step of the calling thread: `kind` on object `ref` (or at access site `ref`), when the run is controlled. */
export function step(kind: StepKind, ref: number): void {
  context().control?.step(kind, ref);
}

/** Object `ref` was released, set or ended: threads blocked on it may go on (controlled runs). */
export function touched(ref: number): void {
  context().control?.touched(ref);
}

/**
 * How a core's waiter on object `ref` sleeps in a controlled run: on the
 * virtual clock, giving its turn up until `ref` is touched (sync/parking.ts).
 * Undefined in any other run: the core then sleeps on its futex.
 */
export function parkingFor(ref: number): Parking | undefined {
  const control = context().control;
  if (control === null) return undefined;
  return {
    now: () => control.now(),
    park: (_i32, _index, _seen, deadlineMs) => control.blockOn(ref, deadlineMs),
  };
}

/** Refuses an object of `kind` in a controlled run that cannot drive it (see CONTROLLED_KINDS). */
export function checkControllable(kind: ObjKind): void {
  if (context().control === null || CONTROLLED_KINDS.has(kind)) return;
  throw new RuntimeError(`${kindInfo(kind).name} is not supported in a controlled run yet`);
}
