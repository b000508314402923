// The host's promises and listeners are the thread's that made them, as its
// timers are (thread-timers.ts): an answer of the host (a fetch's response,
// a Blob's text, an Atomics.waitAsync wake, a port's message) wakes the
// thread that asked, idle while it waited (thread-event-loop.ts), and one
// that comes after the thread's end is dropped and counted, not run inside
// whichever thread the worker serves by then, in that thread's name.
//
// How: a host function that returns a promise (fetch, createImageBitmap,
// the methods of hygiene-sources.ts ASYNC_METHODS, a stream's reader and
// writer, Atomics.waitAsync's value) returns instead a promise of the
// runtime's that settles with it, from a callback owned by the calling
// thread; a function given to requestAnimationFrame or scheduler.postTask,
// a listener given to addEventListener (each thread's own, though the same
// function), and an on-handler (port.onmessage, ws.onopen: of the event
// targets hygiene-sources.ts lists) are wrapped the same way.
// removeEventListener and the handlers' getters still see the snippet's own
// functions. The worker's global scope is left alone: its handlers are the
// runtime's (worker-hygiene.ts watches them).
//
// A source not reached here (the callback navigator.locks.request runs,
// OffscreenCanvas.convertToBlob, import(), a FinalizationRegistry, a
// stream's `closed` promise) still wakes the thread's code unseen:
// thread-event-loop.ts says how it is then found running.

import { context, hasContext, type WorkerContext } from "./worker-context";
import { ownedCallback } from "./thread-event-loop";
import { ASYNC_METHODS, EVENT_TARGETS } from "./hygiene-sources";
import { objectAt, ownerOf } from "./scope-owners";

/** global functions whose result is a promise of the host's */
const PROMISE_GLOBALS = ["fetch", "createImageBitmap"];
/** host methods whose result is a promise, beyond hygiene-sources.ts ASYNC_METHODS: a stream's reader and writer */
const STREAM_METHODS: [owner: string, methods: string[]][] = [
  ["ReadableStreamDefaultReader.prototype", ["read", "cancel"]],
  ["ReadableStreamBYOBReader.prototype", ["read", "cancel"]],
  ["WritableStreamDefaultWriter.prototype", ["write", "close", "abort"]],
];
/** host functions that call back the function given first: it runs as the thread's */
const CALLBACK_TAKERS: [owner: string, name: string][] = [["", "requestAnimationFrame"], ["Scheduler.prototype", "postTask"]];

/** (Taken as the worker boots, before any snippet: one that replaces them does not reach the runtime's.) */
const apply = Reflect.apply;
const then = Promise.prototype.then;
const NativePromise = Promise;

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;

function dropped(thread: WorkerContext): () => void {
  return () => {
    thread.droppedHostCalls++;
    const said = thread.onDropped;
    thread.onDropped = null;
    said?.();
  };
}

/** A promise that settles as `promise` does, while `thread` lives (`counted`: one that comes after is counted as dropped). */
function owned(thread: WorkerContext, promise: Promise<unknown>, counted = true): Promise<unknown> {
  const drop = counted ? dropped(thread) : () => {};
  return new NativePromise((resolve, reject) => {
    apply(then, promise, [ownedCallback(thread, resolve, drop), ownedCallback(thread, reject, drop)]);
  });
}

function ownResult(original: AnyFunction, self: unknown, args: unknown[], counted: boolean): unknown {
  const result = apply(original, self, args);
  return hasContext() && result instanceof NativePromise ? owned(context(), result, counted) : result;
}

/** Wraps `owner[name]` so that its promise (and, with `takesCallback`, the function given first) is the calling thread's. */
function wrapMethod(owner: object, name: string, self?: object, takesCallback = false): void {
  const d = Object.getOwnPropertyDescriptor(owner, name);
  if (!d || typeof d.value !== "function") return;
  const original = d.value as AnyFunction;
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    if (takesCallback && hasContext() && typeof args[0] === "function") {
      const thread = context();
      args[0] = ownedCallback(thread, args[0] as AnyFunction, dropped(thread));
    }
    // (A callback dropped after the end is counted once: the promise of its result is not counted again.)
    return ownResult(original, this === undefined ? self : this, args, !takesCallback);
  };
  Object.defineProperty(owner, name, { ...d, value: wrapped });
}

/**
 * Per thread, the snippet's listener (a function, or an object with
 * handleEvent) → the one the host was given. Per thread: a function shared
 * by the threads of a worker (print, console.log) is each one's listener.
 */
const boundListeners = new WeakMap<WorkerContext, WeakMap<object, AnyFunction>>();

/**
 * Every binding of a listener by a thread of the run, so that a removal by
 * any thread removes them all, as the host would its one registration.
 * Those of an earlier run are let go as the list is next touched: a
 * function every run has (print) would otherwise hold each run's contexts,
 * and their memory, for the worker's life.
 */
interface Binding {
  bound: AnyFunction;
  thread: WorkerContext;
  next: Binding | null;
}
const allBindings = new WeakMap<object, Binding>();

/** `listener`'s bindings by threads of `run`, and `add` first if given. */
function bindingsOf(listener: object, run: unknown, add?: Omit<Binding, "next">): Binding | null {
  let kept: Binding | null = null;
  for (let b = allBindings.get(listener) ?? null; b; b = b.next) if (b.thread.run === run) kept = { bound: b.bound, thread: b.thread, next: kept };
  if (add) kept = { ...add, next: kept };
  if (kept) allBindings.set(listener, kept);
  else allBindings.delete(listener);
  return kept;
}

function boundListener(listener: object): AnyFunction {
  const thread = context();
  let mine = boundListeners.get(thread);
  if (!mine) boundListeners.set(thread, (mine = new WeakMap()));
  let bound = mine.get(listener);
  if (!bound) {
    const run: AnyFunction = typeof listener === "function"
      ? (listener as AnyFunction)
      : function (this: unknown, event: unknown) {
        const handle = (listener as { handleEvent?: unknown }).handleEvent;
        // (As the host: a listener object without a handleEvent function is an error reported from its dispatch.)
        if (typeof handle !== "function") throw new TypeError("The listener's handleEvent is not a function");
        return apply(handle, listener, [event]);
      };
    bound = ownedCallback(thread, run, dropped(thread));
    mine.set(listener, bound);
    bindingsOf(listener, thread.run, { bound, thread });
  }
  return bound;
}

function bindListeners(): void {
  const proto = EventTarget.prototype as unknown as Record<string, unknown>;
  const add = proto.addEventListener as AnyFunction;
  const remove = proto.removeEventListener as AnyFunction;
  const adding = function (this: unknown, type: unknown, listener: unknown, options?: unknown): unknown {
    const mine = hasContext() && listener !== null && (typeof listener === "function" || typeof listener === "object");
    return apply(add, this, [type, mine ? boundListener(listener as object) : listener, options]);
  };
  const removing = function (this: unknown, type: unknown, listener: unknown, options?: unknown): unknown {
    const mine = hasContext() && listener !== null && (typeof listener === "function" || typeof listener === "object");
    for (let b = mine ? bindingsOf(listener as object, context().run) : null; b; b = b.next) apply(remove, this, [type, b.bound, options]);
    return apply(remove, this, [type, listener, options]);
  };
  Object.defineProperty(proto, "addEventListener", { ...Object.getOwnPropertyDescriptor(proto, "addEventListener"), value: adding });
  Object.defineProperty(proto, "removeEventListener", { ...Object.getOwnPropertyDescriptor(proto, "removeEventListener"), value: removing });
}

/** The on-handlers (onmessage, onopen, ...) of the host's event targets (EVENT_TARGETS), but the global scope's. */
function bindHandlers(scope: object, targets: readonly string[]): void {
  const scopeChain = new Set<object>();
  for (let p: object | null = scope; p; p = Object.getPrototypeOf(p)) scopeChain.add(p);
  /** what the snippet set, and the function the host holds for it, per target and handler */
  const given = new WeakMap<object, Map<string, { set: unknown; bound: unknown }>>();
  for (const key of targets) {
    const owner = ownerOf(scope, key);
    const value = owner ? (Object.getOwnPropertyDescriptor(owner, key)?.value as { prototype?: unknown } | undefined) : undefined;
    const proto = typeof value === "function" ? value.prototype : undefined;
    if (typeof proto !== "object" || proto === null || scopeChain.has(proto) || !(proto instanceof EventTarget)) continue;
    for (const name of Object.getOwnPropertyNames(proto)) {
      const d = Object.getOwnPropertyDescriptor(proto, name);
      if (!name.startsWith("on") || !d?.set || !d.get) continue;
      const { get, set } = d;
      Object.defineProperty(proto, name, {
        ...d,
        get(this: object) {
          const held = apply(get, this, []);
          const mine = given.get(this)?.get(name);
          return mine && mine.bound === held ? mine.set : held;
        },
        set(this: object, handler: unknown) {
          if (!hasContext() || typeof handler !== "function") return apply(set, this, [handler]);
          const thread = context();
          const bound = ownedCallback(thread, handler as AnyFunction, dropped(thread));
          let byName = given.get(this);
          if (!byName) given.set(this, (byName = new Map()));
          byName.set(name, { set: handler, bound });
          apply(set, this, [bound]);
        },
      });
    }
  }
}

/**
 * Binds `scope`'s host promises and listeners to the threads that ask for
 * them; call at boot, after worker-hygiene.ts has armed. `targets`: the
 * globals whose on-handlers are bound.
 */
export function bindHostCallsToThreads(scope: object, targets: readonly string[] = EVENT_TARGETS): void {
  for (const name of PROMISE_GLOBALS) {
    const owner = ownerOf(scope, name);
    if (owner) wrapMethod(owner, name, scope);
  }
  for (const [path, methods] of [...ASYNC_METHODS, ...STREAM_METHODS]) {
    const owner = objectAt(scope, path);
    if (!owner) continue;
    for (const name of methods) {
      if (CALLBACK_TAKERS.some(([p, n]) => p === path && n === name)) continue;
      wrapMethod(owner, name);
    }
  }
  for (const [path, name] of CALLBACK_TAKERS) {
    const holder = objectAt(scope, path);
    const owner = holder && (path === "" ? ownerOf(holder, name) : holder);
    if (owner) wrapMethod(owner, name, path === "" ? scope : undefined, true);
  }
  const atomics = Atomics as unknown as Record<string, unknown>;
  const waitAsync = atomics.waitAsync;
  if (typeof waitAsync === "function") {
    const d = Object.getOwnPropertyDescriptor(atomics, "waitAsync")!;
    Object.defineProperty(atomics, "waitAsync", {
      ...d,
      value: function (...args: unknown[]): unknown {
        const result = apply(waitAsync as AnyFunction, Atomics, args) as { async: boolean; value: unknown };
        if (!hasContext() || !result?.async || !(result.value instanceof NativePromise)) return result;
        return { async: true, value: owned(context(), result.value) };
      },
    });
  }
  if (typeof EventTarget === "function") {
    bindListeners();
    bindHandlers(scope, targets);
  }
}
