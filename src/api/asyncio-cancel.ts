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
 * What an API wait did once its turn came (a Lock's unit taken, a Queue's
 * item), undone should its task's cancel be raised as the snippet's await of
 * it resumes: a cancel that came between the two is raised there, as
 * Python raises it at that await, and what the call took goes back.
 */
export interface WaitEffect {
  undo: (() => void) | null;
  /** the task whose wait it was, once the call did wait (a free Lock's acquire does not) */
  waitedAs?: number;
}

/** the promises of the API's waits (a Lock's acquire, a Queue's get ...), with what each did (apiWait) */
const apiWaits = new WeakMap<object, WaitEffect>();

/**
 * `promise` is an API wait that takes its task's cancel while it waits
 * (asyncio-sync.ts waitInLine): an await of one that did not wait (a free
 * Lock) is no place a cancel is raised, as in Python, where such a call
 * never suspends; one that did wait raises a cancel that came after its turn
 * at the await, and `effect.undo` gives back what it took.
 */
export function apiWait<T>(promise: Promise<T>, effect: WaitEffect): Promise<T> {
  apiWaits.set(promise, effect);
  return promise;
}

export function effectOf(value: unknown): WaitEffect | undefined {
  return typeof value === "object" && value !== null ? apiWaits.get(value) : undefined;
}

/** tasks asked to cancel whose coroutine has not been given its CancelledError yet */
const requests = new Set<number>();
/** waits that a cancel of their task ends at once, with what ends them, and whether they stay registered (forwarders) */
const wakers = new Map<Wait, { wake: () => void; keep: boolean }>();

/**
 * `wake` ends `wait` now, should its task be cancelled while it waits; at
 * once (a job later) if it is already. `keep`: a wait that passes each
 * cancel on to what it waits for (gather, waitFor, an await of a Task) is
 * woken at every cancel until it is over, as Python forwards each.
 * (A wait of no task yet is registered too: whose it is may be known later,
 * asyncio-suspensions.ts claimLast, and a cancel reads it then.)
 */
export function wakeOnCancel(wait: Wait, wake: () => void, keep = false): void {
  wakers.set(wait, { wake, keep });
  if (wait.task !== 0 && requests.has(wait.task)) {
    queueMicrotask(() => {
      if (wait.done || !requests.has(wait.task) || !wakers.has(wait)) return;
      if (!keep) wakers.delete(wait);
      wake();
    });
  }
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
  woke = false;
  requests.add(task);
  const here = context();
  let latest: Wait | null = null;
  for (const wait of [...wakers.keys()]) {
    if (wait.ctx !== here) {
      if (here.run !== wait.ctx.run || wait.ctx.hasEnded()) wakers.delete(wait);
      continue;
    }
    if (wait.done) {
      wakers.delete(wait);
      continue;
    }
    if (wait.task === task && (!latest || wait.seq > latest.seq)) latest = wait;
  }
  if (!latest) return;
  const { wake, keep } = wakers.get(latest)!;
  if (!keep) wakers.delete(latest);
  woke = true;
  wake();
}

/** whether the last requestCancel ended a wait (else the task waits on something a cancel cannot end: a plain promise) */
let woke = false;

export function cancelEndedAWait(): boolean {
  return woke;
}

/** At a resumption of `task`'s coroutine: raises its CancelledError if it was asked to cancel, once `undo` gave back what its wait took. */
export function raiseIfCancelled(task: number, undo?: (() => void) | null): void {
  const error = takeCancellation(task);
  if (!error) return;
  undo?.();
  throw error;
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
