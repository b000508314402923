// Python's Task.cancel() for the playground's asyncio tasks. A coroutine is
// a JavaScript async function, which nothing outside it can stop; but every
// await the snippet writes resumes through the runtime first
// (asyncio-awaits.ts `back`), so a cancelled task is stopped there: its
// next resumption raises CancelledError at that await, as Python throws it
// into the coroutine. A wait of the API's own that can end early (an
// asyncio.sleep) is ended at once, so the task resumes now, as Python's
// does; a wait on anything else (a plain promise) ends when it settles.
//
// States per task: no request; requested (cancel() called, the error not
// raised yet); the request is taken when raised, or, if the coroutine
// returns first, by its task, which ends cancelled all the same (Python's
// too).

import { CancelledError } from "./executor";

/** a wait of a task's (asyncio-suspensions.ts Suspension): whose, and whether it is over */
interface Wait {
  readonly task: number;
  readonly done: boolean;
}

/** tasks asked to cancel whose coroutine has not been given its CancelledError yet */
const requests = new Set<number>();
/** waits that a cancel of their task ends at once, with what ends them */
const wakers = new Map<Wait, () => void>();
/** the CancelledErrors raised here: a task that ends with one was cancelled (told apart without running the snippet's code) */
const raised = new WeakSet<object>();

/** `wake` ends `wait` now, should its task be cancelled while it waits. */
export function wakeOnCancel(wait: Wait, wake: () => void): void {
  if (wait.task !== 0) wakers.set(wait, wake);
}

/** `wait` is over: nothing is left to end early. */
export function forgetWake(wait: Wait): void {
  wakers.delete(wait);
}

/** Task `task` is to be cancelled: its waits that can end early end now. */
export function requestCancel(task: number): void {
  requests.add(task);
  for (const [wait, wake] of [...wakers]) {
    if (wait.task !== task || wait.done) continue;
    wakers.delete(wait);
    wake();
  }
}

/** At a resumption of `task`'s coroutine: raises its CancelledError if it was asked to cancel. */
export function raiseIfCancelled(task: number): void {
  const error = takeCancellation(task);
  if (error) throw error;
}

/** The CancelledError for `task` if it was asked to cancel (the request is taken), else null. */
export function takeCancellation(task: number): CancelledError | null {
  if (task === 0 || !requests.delete(task)) return null;
  const error = new CancelledError();
  raised.add(error);
  return error;
}

/** Whether `error` is a CancelledError raised into a task by its cancel(). */
export function isCancellation(error: unknown): boolean {
  return typeof error === "object" && error !== null && raised.has(error);
}

/** The task ended: a request it never met is dropped (a task id may come again in the next run a worker serves). */
export function forgetCancel(task: number): void {
  requests.delete(task);
}
