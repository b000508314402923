// Each `await x` the snippet writes, as the compile hands it to the
// runtime (compile/rewrite-body.ts):
//     __pg.back(__pg.aw(__pg.mark(), x), await __pg.held())
// `mark` is read before x is evaluated, `aw` after; `held` gives back x
// itself, so the snippet awaits what it wrote, in as many microtask ticks
// as it would have (a lesson on microtask order gets JavaScript's answer),
// and `back` runs first thing after, before any of the snippet's code.
//
// Inside an asyncio task (asyncio-tasks.ts), the await is a suspension of
// that task: the task is drawn waiting there, and `back` makes it the
// current task again as it resumes, so that its next awaits are its own
// (set only when a suspension settled, it could be another task's by then:
// tasks whose awaits settle in the same tick resume in turn). An await of
// the API's that waits (sleep, a contended Lock's acquire) noted its own
// suspension while x was evaluated, after the mark: that one is this
// await's, not one more (gather hands one suspension to each coroutine).
// A Task is watched through its promise, not its then(), which would note
// one more a job later. Outside any task, `back` says so (no current
// task), so that code that is no task's does not wait as the last task
// that ran.

import { currentTask, noteSuspension, notedSince, resume, setCurrentTask, suspensionsNoted, Task, type Suspension } from "./asyncio-tasks";

/** the operand of the await being made, between aw() and held() (nothing runs between them) */
let held: unknown;

export function awaitMark(): number {
  return suspensionsNoted();
}

/** The await of `value` begins (`mark` taken before it was evaluated): the suspension it is, or null outside any task. */
export function awaited(mark: number, value: unknown): Suspension | null {
  held = value;
  const task = currentTask();
  const ownCall = notedSince(mark, task);
  if (ownCall || task === 0) return ownCall ?? null;
  return noteSuspension(task, (suspension) => {
    // Registered before the snippet's own await: this resume runs first when the value settles.
    const watched = value instanceof Task ? value.promise : value;
    Promise.resolve(watched).then(() => resume(suspension), () => resume(suspension));
  });
}

/** The value the snippet awaits: the one aw() was just given. */
export function heldValue(): unknown {
  const value = held;
  held = undefined;
  return value;
}

/** The await has resumed with `value`: its task (none, outside one) runs on. */
export function resumed(suspension: Suspension | null, value: unknown): unknown {
  setCurrentTask(suspension ? suspension.task : 0);
  return value;
}
