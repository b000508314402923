// The suspensions of asyncio tasks (asyncio-tasks.ts says how they are
// kept, asyncio-awaits.ts how the snippet's awaits become ones): which task
// runs now, each await that may wait as a suspension of a task, traced as
// TaskAwait a microtask after it began (once whose it is is known) and as
// TaskResume when it resumes, a task drawn waiting while any of its
// suspensions is pending. One that resumes before it was traced waited for
// nothing, unless another task's segment began meanwhile (`switches`).

import { forgetWake, wakeOnCancel, type WaitEffect } from "./asyncio-cancel";
import { context, hasContext, type WorkerContext } from "../runtime/door";
import { EventKind } from "../trace/events";

export interface Suspension {
  task: number;
  /** when it began: traced a microtask later, once its task is known */
  tMs: number;
  /** the thread it began in: it traces nothing in another (a worker serves thread after thread) */
  ctx: WorkerContext;
  /** its number among the suspensions noted (suspensionsNoted) */
  seq: number;
  /** `switches` as it began: another task ran before it resumed if that moved */
  switches: number;
  /** an await of a value that is no promise or thenable: it waits for nothing but the jobs already queued, so traceAwaits leaves it to its resume */
  instant: boolean;
  /** its await was traced (traceAwaits); its resume is traced only then */
  traced: boolean;
  /** it resumed (resume() is called once more by whatever settles late, and does nothing then) */
  done: boolean;
  /** an await of an API call that did not wait (a free Lock): no place a cancel is raised, as in Python (asyncio-cancel.ts apiWait) */
  noCancelPoint: boolean;
  /** what the API call awaited here did, undone should a cancel be raised as it resumes (asyncio-cancel.ts WaitEffect) */
  effect: WaitEffect | null;
  /** the snippet's await of it has resumed once (asyncio-awaits.ts resumed): the awaits around it are no cancel point */
  backed?: true;
}

/** the task whose segment runs now, as far as is known (0: none) */
let current = 0;
let unclaimed: Suspension[] = [];
const pendingAwaits = new Map<number, number>();
/** suspensions noted so far (Suspension.seq) */
let noted = 0;
/** how often a segment of another task than the last began: a task that resumes sees whether another ran meanwhile */
let switches = 0;

/** The task `current` says, ended or not (currentTask says whether it may be taken). */
export function currentRaw(): number {
  return current;
}

/** tasks started and not yet ended, and the thread each runs in (taskStarted, taskEnded) */
export const liveTasks = new Map<number, WorkerContext>();

/** Task `task` starts in `ctx`, with nothing pending (task ids begin again in each run a worker serves). */
export function taskStarted(task: number, ctx: WorkerContext): void {
  liveTasks.set(task, ctx);
  pendingAwaits.delete(task);
  unstepped.add(task);
}

/** Task `task` has ended: nothing of it is kept (a wait it left pending is traced no more: resume). */
export function taskEnded(task: number): void {
  liveTasks.delete(task);
  pendingAwaits.delete(task);
  unstepped.delete(task);
}

/**
 * tasks none of whose awaits has resumed yet: Python's task takes its first
 * step there (its coroutine, in JavaScript, ran up to its first await when
 * it was called), so that await is a place a cancel is raised, whatever it
 * awaited (asyncio-awaits.ts resumed)
 */
const unstepped = new Set<number>();

/** Whether this resumption of `task` is its first step (see unstepped); it is not, from now on. */
export function firstStep(task: number): boolean {
  return unstepped.delete(task);
}

/** The task whose segment runs now (0: none): the snippet's awaits and the API's read it. */
export function currentTask(): number {
  // (A task that ended may still be `current`: the last to resume, before code after the loop awaits.)
  // (And one of this thread's: a worker serves thread after thread, and one that ended may have left a task running.)
  // (Code an ended thread left running may await too: it is no task's, nor any thread's.)
  return current !== 0 && hasContext() && liveTasks.get(current) === context() ? current : 0;
}

/** `task`'s segment runs now, inside its caller's (a task's first segment, which the caller's code goes on after). */
export function setCurrent(task: number): void {
  current = task;
}

/** A segment of `task` begins (0: of no task): one of a different task counts as a switch. */
export function enterTask(task: number): void {
  if (task !== current && task !== 0) switches++;
  current = task;
}

/** How many suspensions were noted so far: a mark to tell those an await's operand noted (asyncio-awaits.ts). */
export function suspensionsNoted(): number {
  return noted;
}

/** The latest suspension noted in this segment, not yet traced, if it was noted past `mark` for `task`. */
export function notedSince(mark: number, task: number): Suspension | undefined {
  const last = unclaimed.at(-1);
  return last && last.seq > mark && last.task === task ? last : undefined;
}

/** A suspension of `task` beginning now, traced a microtask later (traceAwaits), once whose it is is known. */
export function noteSuspension(task: number, instant = false): Suspension {
  const ctx = context();
  const suspension: Suspension = { task, tMs: ctx.now(), ctx, seq: ++noted, switches, instant, traced: false, done: false, noCancelPoint: false, effect: null };
  if (unclaimed.length === 0) queueMicrotask(traceAwaits);
  unclaimed.push(suspension);
  return suspension;
}

/** the last await outside any task, of an object (a promise, a thenable), while it may be a coroutine's first (claimLast) */
let lastPlain: { suspension: Suspension; value: object } | null = null;
/** the intrinsic, taken before any snippet runs: a promise is watched through it, never through its own then() (asyncio-awaits.ts too) */
export const promiseThen = Promise.prototype.then as (this: unknown, ok: () => void, fail: () => void) => Promise<void>;

/**
 * An await outside any task, of an object: a suspension of no task, kept
 * only as the last such (no trace, no watch: most code that is no task's
 * never meets asyncio), in case it is the first await of a coroutine that
 * `asyncio.run(main())` is about to make a Task of (claimLast).
 */
export function notePlain(value: unknown): Suspension | null {
  if (value === null || (typeof value !== "object" && typeof value !== "function") || !hasContext()) {
    // (Still a suspension in the count: a plain await before it is not the last one a Task could take.)
    noted++;
    return null;
  }
  const suspension = noteUntraced(0, true);
  lastPlain = { suspension, value };
  return suspension;
}

/** A suspension of `task` that nothing traces unless something claims it (claimLast), or says whose it is (asyncio-tasks.ts awaitedAtTop). */
export function noteUntraced(task: number, coarse = false): Suspension {
  const ctx = context();
  // (`coarse`: one read of the run's clock word, for the many awaits no Task will ever take: notePlain.)
  return { task, tMs: coarse ? ctx.ring.coarseMs() : ctx.now(), ctx, seq: ++noted, switches, instant: false, traced: false, done: false, noCancelPoint: false, effect: null };
}

/**
 * A Task over a coroutine already started (`asyncio.run(main())`,
 * `createTask(work())`) takes the last suspension its caller noted and has
 * not traced: the coroutine's first await, made just before. Awaits the
 * coroutine made through others it awaited at once (`await inner()`) are
 * one suspension (asyncio-awaits.ts: what the operand noted is the
 * await's); one noted before the last is another coroutine's, a helper
 * started and not awaited, a ticker started beside main, and stays its
 * caller's. Outside any task the last may be an await of a plain promise
 * (notePlain): then its settling is watched from now on, and a rejection
 * is seen after the coroutine's own handler ran.
 */
export function claimLast(task: number): void {
  const mine = unclaimedOfCurrent().at(-1);
  // (The last noted of all, in this thread: a plain await noted before another is another coroutine's.)
  const last = lastPlain;
  const plain = last && !last.suspension.done && last.suspension.seq === noted && currentTask() === 0 && hasContext() && last.suspension.ctx === context() ? last : null;
  lastPlain = null;
  if (plain) {
    const { suspension, value } = plain;
    suspension.task = task;
    try {
      promiseThen.call(value, () => resume(suspension), () => resume(suspension));
    } catch {
      // No promise (a thenable): its `back` ends the suspension.
    }
    if (unclaimed.length === 0) queueMicrotask(traceAwaits);
    unclaimed.push(suspension);
  } else if (mine) {
    mine.task = task;
  }
}

/**
 * Await `promise` as the current task (or `task`): it shows as waiting until
 * the promise settles. `wake`, if given, settles it at once should the task
 * be cancelled meanwhile (asyncio-cancel.ts).
 */
export function suspend<T>(promise: Promise<T>, task = currentTask(), wake?: () => void): Promise<T> {
  return suspendAs(promise, task, wake).settled;
}

/**
 * As suspend, with the suspension, whose `task` says whose the wait is once
 * that is known (a coroutine's first segment runs before its Task is made:
 * claimLast). `keep`: `wake` passes every cancel on (asyncio-cancel.ts).
 */
export function suspendAs<T>(promise: Promise<T>, task: number, wake?: () => void, keep = false): { settled: Promise<T>; suspension: Suspension } {
  const suspension = noteSuspension(task);
  if (wake) wakeOnCancel(suspension, wake, keep);
  const settled = promise.finally(() => {
    forgetWake(suspension);
    resume(suspension);
  });
  return { settled, suspension };
}

function traceAwaits(): void {
  for (const suspension of unclaimed) {
    const { task, tMs } = suspension;
    // (Nothing is traced for a task that has ended: its row ends there.)
    if (task === 0 || suspension.done || suspension.instant || !hasContext() || context() !== suspension.ctx || !liveTasks.has(task)) continue;
    suspension.traced = true;
    const pending = (pendingAwaits.get(task) ?? 0) + 1;
    pendingAwaits.set(task, pending);
    if (pending === 1) context().trace(EventKind.TaskAwait, 0, task, tMs);
  }
  unclaimed = [];
}

/** `suspension` is over: its task runs on (traced if its await was); a second call does nothing. */
export function resume(suspension: Suspension): void {
  if (suspension.done) return;
  suspension.done = true;
  const { task } = suspension;
  // (Settled after its thread ended, or in another: nothing of it is traced, as nothing is after a thread's end.)
  if (!hasContext() || context() !== suspension.ctx) return;
  if (!suspension.traced) {
    // Resumed before it was traced: it waited for nothing, unless another task ran meanwhile: then it did wait,
    // and is traced now, from when it began.
    if (task !== 0 && switches !== suspension.switches && !(pendingAwaits.get(task)! > 0)) {
      context().trace(EventKind.TaskAwait, 0, task, suspension.tMs);
      context().trace(EventKind.TaskResume, 0, task);
    }
    enterTask(task);
    return;
  }
  enterTask(task);
  if (task === 0 || !liveTasks.has(task)) return;
  const pending = (pendingAwaits.get(task) ?? 1) - 1;
  pendingAwaits.set(task, pending);
  if (pending === 0) context().trace(EventKind.TaskResume, 0, task);
}

/** The suspensions the current segment made so far, not yet traced. */
export function unclaimedOfCurrent(): Suspension[] {
  const task = currentTask();
  return unclaimed.filter((s) => s.task === task);
}

