// A thread's timers are the thread's: a callback a thread gave setTimeout
// or setInterval runs only while that thread lives, as a Python thread's
// event loop, and what is scheduled on it, ends with the thread; and it
// wakes the thread, idle while it waited (thread-event-loop.ts).
//
// Why: a worker runs one thread after another, and a timer outlives the
// thread that set it. Code a thread left running (an async call it did not
// await) that waits on a timer would resume inside whichever thread the
// worker serves when the timer comes due, and call the API in that
// thread's name: its print drawn as that thread's line, its waits on that
// thread's lane. So a callback whose thread has ended is dropped, and
// counted, and the run says so (thread-main.ts reportLate), as it says
// what else such code did after the end. A timer still set when its thread
// ends is cleared there and counted the same (dropTimersOf): the worker
// parks in Atomics.wait next, where no timer fires, and one set to come
// after the end was lost unsaid.
//
// The host's other sources of later work, its promises and listeners, are
// bound the same way in thread-host-calls.ts. (A timer given a string of
// code is bound too: the string is evaluated as the host would, in the
// global scope.)

import { context, hasContext, type WorkerContext } from "./worker-context";
import { ownedCallback } from "./thread-event-loop";
import { ownerOf } from "./scope-owners";

const TIMER_SOURCES = ["setTimeout", "setInterval"] as const;

/** the timers set in this worker that have not run (a setTimeout's), been cleared or dropped: by id, whose and how to clear it */
const live = new Map<unknown, { thread: WorkerContext; clear: () => void }>();

/** set while the runtime's own code sets a timer (runtimeTimer): it is bound to the thread, but not counted as the snippet's */
let settingOwn = false;

/**
 * Calls `set` (which sets a timer of the runtime's: asyncio's loop timers)
 * so that, dropped or still to come at its thread's end, the timer is not
 * counted and said as one the snippet set: the learner never set it.
 */
export function runtimeTimer<T>(set: () => T): T {
  settingOwn = true;
  try {
    return set();
  } finally {
    settingOwn = false;
  }
}

/** Clears the timers `thread` set that are still to come, and says how many: they will not run (its event loop ends with it). */
export function dropTimersOf(thread: WorkerContext): number {
  let dropped = 0;
  for (const [id, timer] of [...live]) {
    if (timer.thread !== thread) continue;
    live.delete(id);
    timer.clear();
    dropped++;
  }
  return dropped;
}

/** (Taken as the worker boots, before any snippet: one that replaces Reflect.apply does not reach the runtime's timers.) */
const apply = Reflect.apply;
const globalEval = globalThis.eval;

/** Wraps `scope`'s timer functions where they live (the global scope's prototypes, as worker-hygiene.ts does). */
export function bindTimersToThreads(scope: object): void {
  for (const name of TIMER_SOURCES) {
    const owner = ownerOf(scope, name);
    const original = owner ? (owner as Record<string, unknown>)[name] : undefined;
    if (!owner || typeof original !== "function") continue;
    const clear = (scope as Record<string, unknown>)[name === "setInterval" ? "clearInterval" : "clearTimeout"] as (id: unknown) => void;
    const wrapped = function (this: unknown, handler: unknown, ...rest: unknown[]): unknown {
      if (!hasContext()) return apply(original, this === undefined ? scope : this, [handler, ...rest]);
      // (A string is code the timer evaluates in the global scope, as an indirect eval does.)
      if (typeof handler !== "function") {
        const code = String(handler);
        handler = () => globalEval(code);
      }
      // (An interval of an ended thread is cleared at its first drop: it would come due for ever.)
      const timer: { id?: unknown } = {};
      const thread = context();
      const once = name === "setTimeout";
      const own = settingOwn;
      settingOwn = false;
      const run = handler as (...a: unknown[]) => unknown;
      const owned = ownedBy(thread, function (this: unknown, ...args: unknown[]) {
        if (once) live.delete(timer.id);
        return apply(run, this, args);
      }, () => {
        live.delete(timer.id);
        apply(clear, scope, [timer.id]);
      }, own);
      timer.id = apply(original, this === undefined ? scope : this, [owned, ...rest]);
      if (!own) live.set(timer.id, { thread, clear: () => apply(clear, scope, [timer.id]) });
      return timer.id;
    };
    Object.defineProperty(owner, name, { value: wrapped, writable: true, configurable: true, enumerable: true });
  }
  // A timer the snippet clears is no longer to come.
  for (const name of ["clearTimeout", "clearInterval"] as const) {
    const owner = ownerOf(scope, name);
    const original = owner ? (owner as Record<string, unknown>)[name] : undefined;
    if (!owner || typeof original !== "function") continue;
    const wrapped = function (this: unknown, id: unknown): unknown {
      live.delete(id);
      return apply(original, this === undefined ? scope : this, [id]);
    };
    Object.defineProperty(owner, name, { value: wrapped, writable: true, configurable: true, enumerable: true });
  }
}

/** `handler`, run only while `thread` lives; after its end, counted instead (unless the runtime's `own`), and `stop` called. */
function ownedBy(thread: WorkerContext, handler: (...a: unknown[]) => unknown, stop: () => void, own: boolean): (...a: unknown[]) => unknown {
  return ownedCallback(thread, handler, () => {
    stop();
    if (own) return;
    thread.droppedTimers++;
    const then = thread.onDropped;
    thread.onDropped = null;
    then?.();
  });
}
