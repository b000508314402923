// Each `await x` the snippet writes, as the compile hands it to the
// runtime (compile/rewrite-body.ts):
//     __pg.back(__pg.aw(__pg.mark(), x), await __pg.held())
// `mark` is read before x is evaluated, `aw` after; `held` gives back what
// to await, x itself (a Task: its promise), so the snippet awaits what it
// wrote, in as many microtask ticks as it would have (a lesson on microtask
// order gets JavaScript's answer); `back` runs first thing after, before
// any of the snippet's code. `aw` calls none of the snippet's code (no
// `then` of its is called, no property of a thenable read), and sets what
// `held` gives last, so nothing can come between them.
//
// Inside an asyncio task (asyncio-tasks.ts), the await is a suspension of
// that task: the task is drawn waiting there, and `back` makes it the
// current task again as it resumes, so that its next awaits are its own
// (set only when a suspension settled, it could be another task's by then:
// tasks whose awaits settle in the same tick resume in turn). An await of
// the API's that waits (sleep, a contended Lock's acquire) noted its own
// suspension while x was evaluated, after the mark: that one is this
// await's, not one more (gather hands one suspension to each coroutine).
// An await of a promise is watched too, through the intrinsic then (not
// the promise's own, which the snippet may have replaced), so that one that
// rejects, whose `back` never runs, ends as well; a thenable that is no
// promise is not touched (its then() would run twice). An await of a value
// that is no object (`await null`) waits for nothing but the jobs queued
// before it: it is drawn only if another task ran meanwhile. A Task is
// awaited through its promise, not its then(), which would note one more
// suspension a job later, for whichever task is current then. Outside any
// task, `back` says so (no current task), so that code that is no task's
// does not wait as the last task that ran; the last such await of an
// object is kept, untraced, for `asyncio.run(main())` to take as main's
// first (asyncio-suspensions.ts claimPlain).

import { enterTask, firstStep, notePlain, noteSuspension, notedSince, promiseThen, resume, suspensionsNoted, unclaimedOfCurrent, type Suspension } from "./asyncio-suspensions";
import { awaitedAtTop, currentTask, isTask } from "./asyncio-tasks";
import { hasContext } from "../runtime/door";
import { effectOf, forgetWake, raiseIfCancelled, takeCancellation, wakeOnCancel } from "./asyncio-cancel";

/** what to await for the await being made, between aw() and held() (nothing runs between them) */
let held: unknown;

/** the mark of the await whose operand is being evaluated, or was last (waitsOfOperand) */
let operandMark = 0;

export function awaitMark(): number {
  operandMark = suspensionsNoted();
  return operandMark;
}

/**
 * The current task's waits noted since the latest await began evaluating its
 * operand, not yet traced: in `await asyncio.waitFor(work(), 10)`, work()'s
 * first wait, and not that of a coroutine started before the await.
 */
export function waitsOfOperand(): Suspension[] {
  return unclaimedOfCurrent().filter((s) => s.seq > operandMark);
}

/** The await of `value` begins (`mark` taken before it was evaluated): the suspension it is (outside any task, of none, or null). */
export function awaited(mark: number, value: unknown): Suspension | null {
  const task = currentTask();
  const byOperand = notedSince(mark, task);
  if (byOperand || task === 0) {
    held = value;
    // (An API wait's own suspension: a cancel that came after its turn gives back what it took, as it is raised.)
    // (Kept through the awaits of the coroutines around it: `await grab()` over `await lock.acquire()` in grab.)
    if (byOperand) byOperand.effect ??= effectOf(value) ?? null;
    // (A Task awaited outside any task known goes through its then(), which may tell whose the await is.)
    return byOperand ?? (isTask(value) ? (hasContext() ? awaitedAtTop(value) : null) : notePlain(value));
  }
  const suspension = noteSuspension(task, value === null || (typeof value !== "object" && typeof value !== "function"));
  // An API call that noted no wait of its own did not wait (a free Lock): Python's never suspends there.
  const effect = effectOf(value);
  suspension.noCancelPoint = effect !== undefined;
  suspension.effect = effect ?? null;
  // A task cancelled while it awaits another Task passes each cancel on to it, as Python's does, and gets the
  // CancelledError through it (or its result, if it does not let itself be cancelled). Done already, it raises its own here.
  let over = () => resume(suspension);
  if (isTask(value)) {
    wakeOnCancel(suspension, () => {
      if (value.cancel()) takeCancellation(suspension.task);
    }, true);
    over = () => {
      forgetWake(suspension);
      resume(suspension);
    };
  }
  const watched = isTask(value) ? value.consume() : value;
  try {
    promiseThen.call(watched, over, over);
  } catch {
    // No promise (a thenable, or any value): its `back` ends the suspension.
  }
  held = watched;
  return suspension;
}


/** What the snippet awaits: what aw() was just given. */
export function heldValue(): unknown {
  const value = held;
  held = undefined;
  return value;
}

/** The await has resumed with `value`: its task (none, outside one) runs on. */
export function resumed(suspension: Suspension | null, value: unknown): unknown {
  if (!suspension) {
    enterTask(0);
    return value;
  }
  resume(suspension);
  enterTask(suspension.task);
  // A task cancelled while it waited here: the await raises CancelledError instead (asyncio-cancel.ts). Only at
  // the wait's first resumption: the awaits of the coroutines around it share it, and a coroutine's return is no
  // place Python raises a cancel. (A task's first step is one, whatever it awaited: a task cancelled before it
  // ran never runs in Python.)
  if (suspension.backed) return value;
  suspension.backed = true;
  if (firstStep(suspension.task) || !suspension.noCancelPoint) raiseIfCancelled(suspension.task, suspension.effect?.undo);
  return value;
}
