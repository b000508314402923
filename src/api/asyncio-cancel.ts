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
import { context, type WorkerContext } from "../runtime/door";

/** a wait of a task's (asyncio-suspensions.ts Suspension): whose, in which thread's run, and whether it is over */
interface Wait {
  readonly task: number;
  readonly ctx: WorkerContext;
  readonly seq: number;
  readonly done: boolean;
}

/**
 * promises of the API's waits that take their task's cancel request
 * themselves (waitInLine's callers, gather, an await of a Task): an await of
 * one does not raise it again as it resumes; one that came after they were
 * done is raised at the task's next await, as Python raises it at its next
 * suspension (`await lock.acquire()` of a free lock is none)
 */
const ownCancels = new WeakSet<object>();

/** `promise` is one of the API's waits that takes its task's cancellation itself (see ownCancels). */
export function takesOwnCancel<T>(promise: Promise<T>): Promise<T> {
  ownCancels.add(promise);
  return promise;
}

export function ownsCancel(value: unknown): boolean {
  return typeof value === "object" && value !== null && ownCancels.has(value);
}

/** tasks asked to cancel whose coroutine has not been given its CancelledError yet */
const requests = new Set<number>();
/** waits that a cancel of their task ends at once, with what ends them */
const wakers = new Map<Wait, () => void>();

/** `wake` ends `wait` now, should its task be cancelled while it waits. */
export function wakeOnCancel(wait: Wait, wake: () => void): void {
  if (wait.task !== 0) wakers.set(wait, wake);
}

/** `wait` is over: nothing is left to end early. */
export function forgetWake(wait: Wait): void {
  wakers.delete(wait);
}

/**
 * Task `task` is to be cancelled: its latest wait that can end early ends
 * now, and raises the one CancelledError a cancel() gives (two coroutines
 * of one task waiting side by side, `Promise.all([f(), g()])`: g's sleep is
 * not cut short for nothing). Only this thread's: a wait an ended thread
 * left, whose timer was dropped, never settles, and its task's id may be
 * another's in a later run.
 */
export function requestCancel(task: number): void {
  requests.add(task);
  const here = context();
  let latest: Wait | null = null;
  for (const wait of [...wakers.keys()]) {
    if (wait.ctx !== here) {
      if (here.run !== wait.ctx.run || wait.ctx.hasEnded()) wakers.delete(wait);
      continue;
    }
    if (wait.task === task && !wait.done && (!latest || wait.seq > latest.seq)) latest = wait;
  }
  if (!latest) return;
  const wake = wakers.get(latest)!;
  wakers.delete(latest);
  wake();
}

/** At a resumption of `task`'s coroutine: raises its CancelledError if it was asked to cancel. */
export function raiseIfCancelled(task: number): void {
  const error = takeCancellation(task);
  if (error) throw error;
}

/** The CancelledError for `task` if it was asked to cancel (the request is taken), else null. */
export function takeCancellation(task: number): CancelledError | null {
  if (task === 0 || !requests.delete(task)) return null;
  return new CancelledError("the task was cancelled");
}

/**
 * Whether a task that ended with `error` was cancelled: any CancelledError,
 * as Python counts it (raised by cancel(), by the snippet, or by a cancelled
 * Future it awaited). (`instanceof` may run a Proxy's trap: one that throws
 * is no cancellation.)
 */
export function isCancellation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  try {
    return error instanceof CancelledError;
  } catch {
    return false;
  }
}

/** The task ended: a request it never met is dropped (a task id may come again in the next run a worker serves). */
export function forgetCancel(task: number): void {
  requests.delete(task);
}
