// asyncio tasks and which of them is running, so that the timeline can draw
// each task as a sub-lane of its thread: running between awaits, waiting at
// an await.
//
// JavaScript has no "current task": an async function's segments run as
// microtasks with nothing saying whose they are. So every await is a
// suspension: the awaits of this module (sleep, gather, queues, locks,
// awaiting a Task ...) and each `await` the snippet writes in a task
// (asyncio-awaits.ts: an await of a plain async function of the
// snippet's, not seen, left the task that resumed from it unknown, and its
// later awaits counted as another's: it was drawn running while it
// slept). An await of a value that is no object (`await null`) waits for
// nothing, and is left out unless another task ran meanwhile. The
// suspensions are asyncio-suspensions.ts's; the bookkeeping, in short:
//   - `current` is the task whose segment runs now. A suspension's settling
//     sets it to the suspended task just before that task's next segment
//     runs (the reaction is queued right before the continuation).
//   - An async function runs its first segment synchronously when called,
//     before `createTask(coro)` or `gather(coro, ...)` wraps it, so that
//     segment's suspensions are first recorded as the caller's. They stay
//     `unclaimed` until the end of the synchronous segment (one microtask),
//     and a Task made in that segment claims them: createTask takes the
//     caller's unclaimed awaits; gather hands one to each coroutine it wraps
//     when the counts match (each coroutine is suspended at exactly one
//     await), else they stay the caller's.
//   - A task waits while it has any pending suspension (a counter), so a
//     task awaiting gather(...) of three tasks resumes once, at the end.
//   - `await task` calls the Task's `then` a job later (as JavaScript awaits
//     any thenable). When it comes from a later segment, `current` still
//     says whose. When it comes from a task's first segment, `current` is
//     back to its creator by then: 0 at a loop's top (asyncio.run(main)
//     with the main coroutine awaiting a Task at once). Such a then() is
//     that task's only when one task made or started is still pending
//     (`startsPending`: the microtask queued as it was made has not run,
//     and a job its first segment queued runs before that microtask). With
//     two or more pending, whose it is is not known, and it is not traced.
//   - An await is traced with the time it began, though it is written a
//     microtask later: a coroutine's first await thus ends its running
//     stretch at once (its first segment ran inside its creator's, as
//     JavaScript runs the start of an async function eagerly).
// Trace events: TaskStart/TaskEnd(arg 1 = failed)/TaskAwait/TaskResume with
// obj = the task's id; its name is sent as a label for that id.

import { context, nameRef, place } from "../runtime/door";
import { ObjKind } from "../trace/object-kinds";
import { EventKind } from "../trace/events";
import { claimLast, currentRaw, currentTask, noteUntraced, promiseThen, setCurrent, suspend, taskEnded, taskStarted, unclaimedOfCurrent, type Suspension } from "./asyncio-suspensions";
import { reprValue } from "./format";
import { forgetCancel, isCancellation, requestCancel, takeCancellation } from "./asyncio-cancel";

export { currentTask };

type Awaitable<T> = PromiseLike<T>;

/** tasks made or started whose first segment's jobs may not all have run yet (see the header) */
const startsPending = new Set<number>();

/** per Task, the snippet's awaits of it made outside any task known, whose then() is yet to come (awaitedAtTop) */
const topAwaits = new WeakMap<Task, Suspension[]>();

/**
 * The snippet awaits `task` outside any task known (in a coroutine's first
 * segment, run before its Task existed: `asyncio.run(main())`): JavaScript
 * calls its then() a job later, which tells whose the await is; the
 * suspension returned is that await's, for its `back`, which makes that
 * task current again as it resumes (it made none current before: main, once
 * resumed from `await ta`, lost itself, and its next awaits were no task's).
 */
export function awaitedAtTop(task: Task): Suspension {
  const token = noteUntraced(0);
  const queue = topAwaits.get(task);
  if (queue) queue.push(token);
  else topAwaits.set(task, [token]);
  return token;
}

/**
 * Tasks that failed and whose exception nothing has read yet (awaited, gathered, waited for, or asked for
 * with result()): at the end of the loop they are said, as Python's "Task exception was never retrieved".
 */
const unretrieved = new Set<Task>();

/** A loop begins with no task of an earlier one left to say (one that failed after its own loop closed is not this loop's). */
export function forgetUnretrieved(): void {
  unretrieved.clear();
}

/** What Python logs for each task that failed unread, in the order they failed; forgets them. */
export function takeUnretrieved(): string[] {
  const lines = [...unretrieved].map((task) => task.neverRetrieved());
  unretrieved.clear();
  return lines;
}

/** every Task: told apart without running the snippet's code (instanceof runs a Proxy's trap) */
const allTasks = new WeakSet<object>();
let taskCount = 0;

export function isTask(value: unknown): value is Task {
  return typeof value === "object" && value !== null && allTasks.has(value);
}

export class Task<T = unknown> implements PromiseLike<T> {
  readonly name: string;
  readonly id: number;
  private settled: { ok: boolean; value: unknown } | null = null;
  /** its result or exception was read (Python's "retrieved") */
  private retrieved = false;
  /** it ended with the CancelledError its cancel() raised in it */
  private wasCancelled = false;
  /** settles with the coroutine; awaiting it here does not count as a suspension */
  readonly promise: Promise<T>;

  /**
   * `coro`: a coroutine already started, or a function that starts it (then
   * its first segment runs as this task). `claim`: take over the caller's
   * untraced suspensions (createTask), or only those given (gather).
   */
  constructor(coro: Awaitable<T> | (() => Awaitable<T>), name?: string, claim: Suspension[] | "all" = "all") {
    const ctx = context();
    this.id = place(ObjKind.Task, 0).ref;
    this.name = name ?? `Task-${++taskCount}`;
    nameRef(this.id, this.name);
    ctx.trace(EventKind.TaskStart, 0, this.id);
    taskStarted(this.id, ctx);
    // (Task ids come again in the next run a worker serves: a request left by a task of an earlier one is not this one's.)
    forgetCancel(this.id);
    allTasks.add(this);
    // A coroutine already started: its first await, noted as its caller's (asyncio-suspensions.ts claimLast). A
    // function's first segment runs as this task, below: its caller's suspensions are none of its.
    if (claim !== "all") for (const suspension of claim) suspension.task = this.id;
    else if (typeof coro !== "function") claimLast(this.id);
    const started = Promise.resolve(typeof coro === "function" ? this.startAsCurrent(coro) : coro);
    // (gather's tasks are made side by side, each over a coroutine already started: which one a job belongs to is not known.)
    if (claim === "all") {
      startsPending.add(this.id);
      queueMicrotask(() => startsPending.delete(this.id));
    }
    this.promise = started.then(
      (value) => {
        // Asked to cancel after its last await: it ends cancelled, as Python's does.
        const cancelled = takeCancellation(this.id);
        if (cancelled) this.fail(cancelled);
        this.settled = { ok: true, value };
        taskEnded(this.id);
        context().trace(EventKind.TaskEnd, 0, this.id);
        return value;
      },
      (error) => this.fail(error),
    );
    // Unread, its failure is said at the loop's end (takeUnretrieved), as Python says it: not an unhandled rejection.
    promiseThen.call(this.promise, () => {}, () => {});
  }

  /** The task's promise, for code that reads its outcome (an await, gather, waitFor, asyncio.run): its exception is retrieved. */
  consume(): Promise<T> {
    this.retrieved = true;
    unretrieved.delete(this);
    return this.promise;
  }

  /** Python's log line for a task that failed and was never retrieved. */
  neverRetrieved(): string {
    const error = this.settled?.value;
    const what = error instanceof Error ? `${error.name}(${reprValue(error.message)})` : reprValue(error);
    return `Task exception was never retrieved\nfuture: <Task finished name=${reprValue(this.name)} exception=${what}>`;
  }

  /** The coroutine raised `error` (or was cancelled after its last await): the task ends with it. */
  private fail(error: unknown): never {
    this.settled = { ok: false, value: error };
    this.wasCancelled = isCancellation(error);
    taskEnded(this.id);
    forgetCancel(this.id);
    // (Its end says how: 1 failed, 2 cancelled: trace/model-coroutines.ts.)
    context().trace(EventKind.TaskEnd, this.wasCancelled ? 2 : 1, this.id);
    // (A cancelled task's error is no failure Python logs.)
    if (!this.retrieved && !this.wasCancelled) unretrieved.add(this);
    throw error;
  }

  private startAsCurrent(start: () => Awaitable<T>): Awaitable<T> {
    const caller = currentRaw();
    setCurrent(this.id);
    try {
      return start();
    } finally {
      setCurrent(caller);
    }
  }

  /** `await task`: the awaiting task waits until this one is done. */
  then<A = T, B = never>(ok?: ((value: T) => A | PromiseLike<A>) | null, fail?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    const current = currentTask();
    const owner = current !== 0 ? current : this.firstSegmentOwner();
    // The await (outside any task known, as it began) this then() is JavaScript's call for: whose it is is known
    // now, and its `back` makes that task current as it resumes (asyncio-awaits.ts).
    // (Done: the wait is this suspend's to trace; the token only tells `back` whose it was.)
    const token = topAwaits.get(this)?.shift();
    if (token) {
      token.task = owner;
      token.done = true;
    }
    return suspend(this.consume(), owner).then(ok, fail);
  }

  /** The task whose first segment a then() with no current task came from, if that is known (see the header); 0 if not. */
  private firstSegmentOwner(): number {
    if (startsPending.size !== 1) return 0;
    const [only] = startsPending;
    // (Never this task itself: a then() on a task just made, from plain code, is no wait of its.)
    return only === this.id ? 0 : only;
  }

  done(): boolean {
    return this.settled !== null;
  }

  /**
   * Python's Task.cancel(): false if the task is done; else CancelledError is
   * raised in its coroutine where it waits (at once if in asyncio.sleep, else
   * when its wait ends) or at its next await, and true.
   */
  cancel(): boolean {
    if (this.settled) return false;
    requestCancel(this.id);
    return true;
  }

  /** True if the task ended with the CancelledError its cancel() raised (and did not catch). */
  cancelled(): boolean {
    return this.wasCancelled;
  }

  /** The task's result; an error if it is not done or failed. */
  result(): T {
    if (!this.settled) throw new Error("InvalidStateError: Result is not set.");
    if (!this.settled.ok) {
      void this.consume();
      throw this.settled.value;
    }
    return this.settled.value as T;
  }

  getName(): string {
    return this.name;
  }
}

/** A promise for `aw` that does not count as a suspension of the caller (a Task's own promise). */
export function settledBy<T>(aw: Awaitable<T>): Promise<T> {
  return isTask(aw) ? (aw.consume() as Promise<T>) : Promise.resolve(aw);
}

/**
 * gather's coroutines become tasks, as Python wraps them: each coroutine's
 * first await (recorded as the caller's) goes to its own task when there is
 * one per coroutine.
 */
export function wrapInTasks(aws: unknown[]): Task[] {
  const plain = aws.filter((aw) => !isTask(aw)).length;
  const mine = unclaimedOfCurrent();
  const claims = mine.length === plain ? mine : [];
  let next = 0;
  return aws.map((aw) => {
    if (isTask(aw)) return aw;
    const claim = claims.length > 0 ? [claims[next++]] : [];
    return new Task(aw as Awaitable<unknown>, undefined, claim);
  });
}
