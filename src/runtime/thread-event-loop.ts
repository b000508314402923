// A thread's event loop: when a thread's code waits at an await, its worker
// runs nothing of it, and the thread is idle, not running, as a Python
// thread whose event loop waits in select() is: its lane says "event loop
// idle", and it lets the GIL go, so that the process's other threads run
// meanwhile. Drawn running, an await of a timer showed a thread busy for
// the whole wait, and with the GIL on, its process's other threads waited
// for it all that time.
//
// Algorithm. JavaScript shows no moment at which the worker's event loop
// runs dry, but a task of its own, queued behind whatever the thread's
// code has just done (its microtasks all run first), runs only once the
// thread has nothing left to run: the probe. It is queued when the
// thread's code returns a promise (thread-main.ts: a thread's body, its
// run(), a loop still running at its end) and after every callback of the
// host that is the thread's: if the thread is still in flight then, it is
// idle. What wakes it is one of those callbacks, each wrapped to say so
// before any code of the snippet runs (resumed): its timers
// (thread-timers.ts), the host's promises and listeners
// (thread-host-calls.ts); running again, it takes the GIL back first.
// A host source the wrapping does not know still wakes the thread's code:
// the thread is then found running at its first call into the API or its
// first loop or function entry (idle() sets its eval-breaker word, and a
// check there calls resume()), so a few statements may run drawn idle, and
// without the GIL. A controlled run (API.md §10) keeps its threads running
// between steps: its scheduler decides who runs, and idle is not drawn.
//
// After the thread's end, its callbacks do not run (worker-context.ts
// counts them, and the run says so): a thread's event loop ends with it.
//
// States of a thread's context (WorkerContext.state): running, probed
// (running, a probe queued), idle (EventLoopIdle), then running again on a
// callback or at a check.

import type { WorkerContext } from "./worker-context";
import { ThreadState } from "../trace/events";

type NextTask = () => Promise<void>;

/** (Taken as the worker boots, before any snippet: one that replaces them does not reach the runtime's.) */
const apply = Reflect.apply;
const then = Promise.prototype.then;

/** the runtime's own task (worker-hygiene.ts nextTask), unwrapped: set once as the worker boots */
let nextTask: NextTask | null = null;
/** the thread whose probe is queued, if one is */
let probed: WorkerContext | null = null;

/** Arms the probe with a task source of the runtime's own (one the snippet's calls neither taint nor bind). */
export function armEventLoop(source: NextTask): void {
  nextTask = source;
}

/** Queues a probe for `thread` unless one is queued: once its code has nothing left to run, it is idle. */
export function probeIdle(thread: WorkerContext): void {
  if (probed === thread || !nextTask || thread.control) return;
  probed = thread;
  apply(then, nextTask(), [() => {
    if (probed !== thread) return;
    probed = null;
    if (!thread.hasEnded() && thread.state === ThreadState.Running) thread.idle();
  }]);
}

/** `value`, which the thread's code returned; if it is a promise, the thread may now wait on it. */
export function inFlight<T>(thread: WorkerContext, value: T): T {
  if (value !== null && (typeof value === "object" || typeof value === "function") && typeof (value as { then?: unknown }).then === "function") {
    probeIdle(thread);
  }
  return value;
}

/**
 * `callback`, as the thread's event loop runs it: only while the thread
 * lives (after its end it is dropped, `dropped` is called, and it returns
 * undefined), running again before it starts, and probed after.
 */
export function ownedCallback<A extends unknown[], R>(thread: WorkerContext, callback: (this: unknown, ...args: A) => R, dropped: () => void): (this: unknown, ...args: A) => R | undefined {
  return function (this: unknown, ...args: A): R | undefined {
    if (thread.hasEnded()) {
      dropped();
      return undefined;
    }
    thread.resume();
    try {
      return apply(callback, this, args);
    } finally {
      probeIdle(thread);
    }
  };
}
