// A thread's event loop: when a thread's code waits at an await, its worker
// runs nothing of it, and the thread is idle, not running, as a Python
// thread whose event loop waits in select() is: its lane says "event loop
// idle", and it lets the GIL go, so that the process's other threads run
// meanwhile. Drawn running, an await of a timer showed a thread busy for
// the whole wait, and with the GIL on, its process's other threads waited
// for it all that time.
//
// Algorithm. JavaScript shows no moment at which the worker's event loop
// runs dry, but a task of the runtime's own, queued behind whatever the
// thread's code has just done (its microtasks all run first), runs only
// once the thread has nothing left to run: the probe. It is queued when
// the thread's code returns a promise (thread-run.ts: a thread's body, its
// run(), a loop still running at its end) and after every callback of the
// thread's: if the thread is still in flight then, it is idle. (A probe
// that finds it so is never wrong: no code of the thread's is on the stack
// when it runs.) What wakes the thread is one of those callbacks, each
// wrapped to say so before any code of the snippet runs: its timers
// (thread-timers.ts), the host's promises and listeners
// (thread-host-calls.ts); running again, it takes the GIL back first.
// A host source the wrapping does not know still wakes the thread's code
// unseen: the thread is then found running at its first call into the API
// (a print, a lock, any event it records) or its first loop or function
// entry (idle() sets its eval-breaker word, and a check there calls
// resume()), and probed again from there. Until then that code is drawn
// idle and runs without the GIL: a few statements, or as long as one call
// of the host's takes (a sort of a large array). A controlled run (API.md
// §10) keeps its threads running between steps: its scheduler decides who
// runs, and idle is not drawn.
//
// After the thread's end, its callbacks do not run (worker-context.ts
// counts them, and the run says so): a thread's event loop ends with it.
//
// States of a thread's context (WorkerContext.state): running, probed
// (running, a probe queued), idle (EventLoopIdle), then running again on a
// callback or at a check.

import { onWake, type WorkerContext } from "./worker-context";
import { ThreadState } from "../trace/events";

/**
 * (Taken as the worker boots, before any snippet, and before the worker's
 * check wraps MessageChannel: one the snippet replaces, or a change to
 * Promise or Array.prototype, does not reach the probe.)
 */
const apply = Reflect.apply;
const Channel = typeof MessageChannel === "function" ? MessageChannel : null;
const post = Channel ? MessagePort.prototype.postMessage : null;

/** the ends of the probe's channel: a MessageChannel of the runtime's own (a test's stand-in) */
export interface ProbeChannel {
  port1: { postMessage(message: null): void };
  port2: { onmessage: unknown };
}

/** posts a probe, once armed */
let postProbe: (() => void) | null = null;
/** the thread whose probe is queued, if one is */
let probed: WorkerContext | null = null;

function probe(): void {
  const thread = probed;
  probed = null;
  if (thread && !thread.hasEnded() && thread.state === ThreadState.Running) thread.idle();
}

/** Arms the probe (at the worker's boot, before any snippet runs), on a channel no thread's code can reach. */
export function armEventLoop(channel: ProbeChannel | null = Channel ? new Channel() : null): void {
  if (!channel || postProbe) return;
  channel.port2.onmessage = probe;
  // (Node's ports keep its process alive.)
  (channel.port2 as { unref?: () => void }).unref?.();
  const port = channel.port1;
  postProbe = Channel && post && port instanceof MessagePort ? () => apply(post, port, [null]) : () => port.postMessage(null);
  // Code a host source not wrapped woke, found running at a check, is probed as a callback's is.
  onWake(probeIdle);
}

/**
 * Queues a probe for `thread` unless one is queued: once its code has
 * nothing left to run, it is idle. A probe that finds the thread running
 * is never wrong (no code of the thread's is on the stack when it runs), so
 * one too many costs a message, not the truth.
 */
export function probeIdle(thread: WorkerContext): void {
  if (probed === thread || !postProbe || thread.control) return;
  probed = thread;
  postProbe();
}

/** `value`, which the thread's code returned; an object (a promise, or any thenable) may keep the thread waiting on it. */
export function inFlight<T>(thread: WorkerContext, value: T): T {
  // (Its `then` is not read here: for a promise of the host's, await does not read it either.)
  if (value !== null && (typeof value === "object" || typeof value === "function")) probeIdle(thread);
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
