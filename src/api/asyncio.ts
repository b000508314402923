// asyncio (Python's coroutines) on the worker's own event loop: a coroutine
// is a TypeScript async function, `await asyncio.sleep(ms)` yields the thread
// to the other tasks of its loop, and everything runs in the one thread that
// called asyncio.run — concurrency without parallelism, which is the lesson.
// Tasks are traced (start, each await and resume, end; asyncio-tasks.ts) so
// the timeline can draw them as sub-lanes of their thread. A blocking call (sleep, a lock, a
// queue ...) inside a running loop stalls every task: the first one prints
// a hint saying so.

import { TimeoutError } from "../base/errors";
import { CancelledError } from "./executor";
import { context, hasContext } from "../runtime/door";
import { Thread } from "./thread";
import { runtimeQueue, type Queue as ThreadQueue } from "./queues";
import { currentTask, promiseThen, suspend, suspendAs } from "./asyncio-suspensions";
import { cancelEndedAWait, isCancellation, takeCancellation } from "./asyncio-cancel";
import { Task, forgetUnretrieved, isTask, settledBy, takeUnretrieved, wrapInTasks } from "./asyncio-tasks";
import { waitsOfOperand } from "./asyncio-awaits";
import { Event, Lock, Queue, Semaphore } from "./asyncio-sync";
import { loopTimer, type LoopTimer } from "./asyncio-timers";

type Awaitable<T> = PromiseLike<T>;

let loopDepth = 0;
let hinted = false;
/** asyncio.run calls not yet finished: MainThread waits for them before it ends */
export const pendingLoops = new Set<Promise<unknown>>();

/** Called by blocking API calls: inside a running loop, say once why that hurts. */
export function noteBlockingCall(what: string): void {
  if (loopDepth === 0 || hinted) return;
  hinted = true;
  const ctx = context();
  ctx.writeLine(`hint: ${what} blocks this thread's whole event loop, so no other task runs meanwhile; use await asyncio.sleep() / asyncio.toThread() instead`, 1);
}

/** Run `main` (a coroutine or a function that makes one) on this thread's event loop until it completes. */
function run<T>(main: Awaitable<T> | (() => Awaitable<T>)): Promise<T> {
  if (loopDepth === 0) forgetUnretrieved();
  loopDepth++;
  const task = new Task(main, "main");
  const done = task.consume().finally(() => {
    loopDepth--;
    pendingLoops.delete(done);
    // The loop closes: a task that failed and that nothing read is said, as Python's loop says it.
    // (A loop left running after its thread ended has no thread to say it in.)
    if (loopDepth === 0 && hasContext()) for (const line of takeUnretrieved()) context().writeLine(line, 1);
  });
  pendingLoops.add(done);
  return done;
}

/** Suspend the current task for `ms`, letting the loop's other tasks run. */
function sleep<T = undefined>(ms: number, result?: T): Promise<T> {
  let wake!: () => void;
  const slept = new Promise<T>((resolve) => {
    const timer = loopTimer(ms, () => resolve(result as T));
    // Cancelled meanwhile (asyncio-cancel.ts): it wakes now, and its await raises CancelledError.
    wake = () => {
      timer.cancel();
      resolve(result as T);
    };
  });
  return suspend(slept, undefined, wake);
}

function createTask<T>(coro: Awaitable<T>, options: { name?: string } = {}): Task<T> {
  return new Task(coro, options.name);
}

/**
 * Wait for all; results in order. With returnExceptions, errors are returned
 * instead of raised. The awaiting task cancelled meanwhile passes each
 * cancel on to every child not done, and raises CancelledError (at the first
 * child's, or once all are done), unless a child fails otherwise first, as
 * Python's gather does.
 */
function gather<T extends unknown[]>(...aws: { [K in keyof T]: Awaitable<T[K]> }): Promise<T>;
function gather(...aws: unknown[]): Promise<unknown[]> {
  const last = aws[aws.length - 1] as { returnExceptions?: boolean } | undefined;
  const options = last && typeof last === "object" && !("then" in last) && "returnExceptions" in last ? (aws.pop() as { returnExceptions: boolean }) : null;
  const tasks = wrapInTasks(aws);
  const all = tasks.map((task) => task.consume());
  let cancelled: CancelledError | null = null;
  /** the children's outcome is in: a cancel now is raised at the await of the gather, as Python's (the gather is done) */
  let settled = false;
  const cancelAll = () => {
    if (settled) return;
    const error = takeCancellation(wait.suspension.task);
    cancelled ??= error ?? new CancelledError("the task was cancelled");
    for (const task of tasks) task.cancel();
  };
  const outcome = options?.returnExceptions ? Promise.all(all.map((p) => p.catch((error: unknown) => error))) : Promise.all(all);
  const gathered = outcome.then(
    (values) => {
      settled = true;
      if (cancelled) throw cancelled;
      return values;
    },
    (error: unknown) => {
      settled = true;
      throw isCancellation(error) ? (cancelled ?? error) : error;
    },
  );
  const wait = suspendAs(gathered, currentTask(), cancelAll, true);
  // (One the snippet awaits later, or never, is no unhandled rejection, as a Task's failure is none.)
  after(wait.settled, () => {}, () => {});
  return wait.settled;
}

/**
 * `aw`'s result, or TimeoutError when it takes longer than `timeoutMs`; then,
 * as Python's wait_for, what it waited for is cancelled, and waited for: its
 * result if it finishes all the same, TimeoutError if it was cancelled. What
 * is cancelled: a Task, or a coroutine made a task, where its first wait is
 * known to be its own, the one wait noted while the operand of the await
 * around this call was evaluated (`await asyncio.waitFor(work(), 10)`). Else
 * (a coroutine made elsewhere, a plain promise) nothing is cancelled, nor
 * waited for: a guess could stop another coroutine. The awaiting task
 * cancelled meanwhile cancels it too, and raises CancelledError once it is
 * done (at once if there is no task to cancel); if it was done already, its
 * result stands, as in Python 3.11.
 */
function waitFor<T>(aw: Awaitable<T>, timeoutMs: number): Promise<T> {
  let task: Task<T> | null = isTask(aw) ? (aw as Task<T>) : null;
  if (!task) {
    const own = waitsOfOperand();
    if (own.length === 1) task = new Task(aw, undefined, own);
  }
  const inner = settledBy(task ?? aw);
  let innerDone = false;
  after(inner, () => (innerDone = true), () => (innerDone = true));
  /** set once the wait no longer ends with the inner's own outcome: the timeout or a cancel is cutting it short */
  let cutting = false;
  let onCancel = () => {};
  const ended = new Promise<T>((resolve, reject) => {
    let over = false;
    const end = (settle: () => void) => {
      if (over) return;
      over = true;
      timer.cancel();
      settle();
    };
    const timedOut = () => new TimeoutError(`timed out after ${timeoutMs} ms`);
    const timer: LoopTimer = loopTimer(timeoutMs, () => {
      if (innerDone || cutting || task?.done()) return;
      cutting = true;
      // (One whose wait a cancel cannot end, a plain promise's, is not waited for: it would hold the TimeoutError up.)
      if (!task || !task.cancel() || !cancelEndedAWait()) return end(() => reject(timedOut()));
      after(inner, (value) => end(() => resolve(value)), (error) => end(() => reject(isCancellation(error) ? timedOut() : error)));
    });
    after(inner, (value) => cutting || end(() => resolve(value)), (error) => cutting || end(() => reject(error)));
    onCancel = () => {
      const error = takeCancellation(wait.suspension.task) ?? new CancelledError("the task was cancelled");
      // (Its inner done, though its outcome is not read yet: its result stands, as in Python 3.11.)
      if (innerDone || over || task?.done()) return;
      // (Cancelled again while it waits for the cancelled inner: Python 3.11 raises then, and cancels it no more.)
      if (cutting) return end(() => reject(error));
      cutting = true;
      if (!task?.cancel()) return end(() => reject(error));
      after(inner, () => end(() => reject(error)), () => end(() => reject(error)));
    };
  });
  const wait = suspendAs(ended, currentTask(), () => onCancel(), true);
  after(wait.settled, () => {}, () => {});
  return wait.settled;
}

/** `promise`'s outcome to `ok` or `fail`, through the intrinsic then (the snippet may have replaced Promise.prototype.then). */
function after<T>(promise: Promise<T>, ok: (value: T) => unknown, fail: (error: unknown) => unknown): void {
  promiseThen.call(promise, ok as () => void, fail as () => void);
}

/** Run `fn(...args)` in a new thread; the task awaits it without blocking the loop. */
function toThread<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<R> {
  return suspend(runInThread(fn, args));
}

async function runInThread<A extends unknown[], R>(fn: (...args: A) => R, args: A): Promise<R> {
  const results = runtimeQueue<[boolean, unknown]>();
  const worker = new Thread({
    target: ((f: (...a: unknown[]) => unknown, q: ThreadQueue<[boolean, unknown]>, a: unknown[]) => {
      try {
        q.put([true, f(...a)]);
      } catch (error) {
        q.put([false, error instanceof Error ? `${error.name}: ${error.message}` : String(error)]);
      }
    }) as (...a: never[]) => unknown,
    args: [fn, results, args] as never[],
  });
  worker.start();
  // Poll without blocking the loop: the loop keeps running other tasks.
  for (;;) {
    try {
      const [ok, value] = results.getNowait();
      if (!ok) throw new Error(String(value));
      return value as R;
    } catch (error) {
      if ((error as Error).name !== "Empty") throw error;
    }
    await new Promise<void>((resolve) => loopTimer(1, resolve));
  }
}

export const asyncio = { run, sleep, createTask, gather, waitFor, toThread, Lock, Semaphore, Event, Queue, Task, CancelledError };
