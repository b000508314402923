// The host's promises are the thread's that made them, as its timers are
// (thread-timers.ts) and its listeners (thread-host-listeners.ts): an answer
// of the host (a fetch's response, a Blob's text, an Atomics.waitAsync wake)
// wakes the thread that asked, idle while it waited (thread-event-loop.ts),
// and one that comes after the thread's end is dropped and counted, not run
// inside whichever thread the worker serves by then, in that thread's name.
//
// How: a host function or getter whose value is a promise (the lists of
// thread-host-sources.ts and hygiene-sources.ts ASYNC_METHODS,
// Atomics.waitAsync's value) gives instead a promise of the runtime's that
// settles with it, from a callback owned by the calling thread; a function
// given to a host function that calls it back (requestAnimationFrame,
// scheduler.postTask, navigator.locks.request) or to a host class that does
// (FinalizationRegistry, PerformanceObserver) is wrapped the same way.
//
// An async iterator of the host's (a stream's `for await`) is bound as the
// first one is made: its prototype is found only then. A source not
// reached here still wakes the thread's code unseen: thread-event-loop.ts
// says how it is then found running.

import { context, hasContext, type WorkerContext } from "./worker-context";
import { ownedCallback } from "./thread-event-loop";
import { ASYNC_METHODS, EVENT_TARGETS } from "./hygiene-sources";
import { ASYNC_ITERABLES, CALLBACK_CLASSES, CALLBACK_TAKERS, PROMISE_GETTERS, PROMISE_GLOBALS, PROMISE_METHODS } from "./thread-host-sources";
import { bindHandlers, bindListeners, droppedHostCall } from "./thread-host-listeners";
import { objectAt, ownerOf } from "./scope-owners";

/** (Taken as the worker boots, before any snippet: one that replaces them does not reach the runtime's.) */
const apply = Reflect.apply;
const construct = Reflect.construct;
const then = Promise.prototype.then;
const NativePromise = Promise;
const { getOwnPropertyDescriptor, defineProperty, getPrototypeOf } = Object;

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;

/** A promise that settles as `promise` does, while `thread` lives (`counted`: one that comes after is counted as dropped). */
function owned(thread: WorkerContext, promise: Promise<unknown>, counted = true): Promise<unknown> {
  const drop = counted ? droppedHostCall(thread) : () => {};
  return new NativePromise((resolve, reject) => {
    apply(then, promise, [ownedCallback(thread, resolve, drop), ownedCallback(thread, reject, drop)]);
  });
}

function ownResult(original: AnyFunction, self: unknown, args: unknown[], counted: boolean): unknown {
  const result = apply(original, self, args);
  return hasContext() && result instanceof NativePromise ? owned(context(), result, counted) : result;
}

/** The argument at `at` of a call of a thread's, bound to it if a function. */
function ownArgument(args: unknown[], at: number): void {
  if (!hasContext() || typeof args[at] !== "function") return;
  const thread = context();
  args[at] = ownedCallback(thread, args[at] as AnyFunction, droppedHostCall(thread));
}

/** Wraps `owner[name]` so that its promise (and, with `callbackAt`, the function given there) is the calling thread's. */
function wrapMethod(owner: object, name: string | symbol, self?: object, callbackAt?: "first" | "last"): void {
  const d = getOwnPropertyDescriptor(owner, name);
  if (!d || typeof d.value !== "function") return;
  const original = d.value as AnyFunction;
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    if (callbackAt) ownArgument(args, callbackAt === "first" ? 0 : args.length - 1);
    // (A callback dropped after the end is counted once: the promise of its result is not counted again.)
    return ownResult(original, this === undefined ? self : this, args, !callbackAt);
  };
  defineProperty(owner, name, { ...d, value: wrapped });
}

/** The prototypes of the host's async iterators whose `next` and `return` are bound (ASYNC_ITERABLES). */
const boundIterators = new WeakSet<object>();

/** Wraps `owner[name]`, which gives an async iterator, so that the first iterator it gives has its prototype's methods bound. */
function wrapIterable(owner: object, name: string | symbol): void {
  const d = getOwnPropertyDescriptor(owner, name);
  if (!d || typeof d.value !== "function") return;
  const original = d.value as AnyFunction;
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    const iterator = apply(original, this, args);
    const proto = typeof iterator === "object" && iterator !== null ? getPrototypeOf(iterator) : null;
    if (proto && !boundIterators.has(proto)) {
      boundIterators.add(proto);
      wrapMethod(proto, "next");
      wrapMethod(proto, "return");
    }
    return iterator;
  };
  defineProperty(owner, name, { ...d, value: wrapped });
}

/** Per host promise a getter gave, the thread's own promise of it: a second read by the thread gives the same one, as the host's does. */
const gotten = new WeakMap<object, { thread: WorkerContext; promise: Promise<unknown> }>();

function wrapGetter(owner: object, name: string): void {
  const d = getOwnPropertyDescriptor(owner, name);
  if (!d?.get) return;
  const get = d.get;
  defineProperty(owner, name, {
    ...d,
    get(this: unknown) {
      const value = apply(get, this, []);
      if (!hasContext() || !(value instanceof NativePromise)) return value;
      const thread = context();
      const known = gotten.get(value);
      if (known?.thread === thread) return known.promise;
      const promise = owned(thread, value);
      gotten.set(value, { thread, promise });
      return promise;
    },
  });
}

/** Wraps the class `name` of `scope` so that the function its constructor is given first is the constructing thread's. */
function wrapCallbackClass(scope: object, name: string): void {
  const owner = ownerOf(scope, name);
  const d = owner && getOwnPropertyDescriptor(owner, name);
  if (!owner || !d || typeof d.value !== "function") return;
  const wrapped = new Proxy(d.value as new (...args: unknown[]) => object, {
    construct(target, args, newTarget) {
      ownArgument(args, 0);
      return construct(target, args, newTarget);
    },
  });
  defineProperty(owner, name, { ...d, value: wrapped });
}

function wrapWaitAsync(): void {
  const atomics = Atomics as unknown as Record<string, unknown>;
  const waitAsync = atomics.waitAsync;
  if (typeof waitAsync !== "function") return;
  const d = getOwnPropertyDescriptor(atomics, "waitAsync")!;
  defineProperty(atomics, "waitAsync", {
    ...d,
    value: function (...args: unknown[]): unknown {
      const result = apply(waitAsync as AnyFunction, Atomics, args) as { async: boolean; value: unknown };
      if (!hasContext() || !result?.async || !(result.value instanceof NativePromise)) return result;
      return { async: true, value: owned(context(), result.value) };
    },
  });
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
  const takes = (path: string, name: string) => CALLBACK_TAKERS.some(([p, n]) => p === path && n === name);
  for (const [path, methods] of [...ASYNC_METHODS, ...PROMISE_METHODS]) {
    const owner = objectAt(scope, path);
    if (owner) for (const name of methods) if (!takes(path, name)) wrapMethod(owner, name);
  }
  for (const [path, methods] of ASYNC_ITERABLES) {
    const owner = objectAt(scope, path);
    if (owner) for (const name of methods) wrapIterable(owner, name);
  }
  for (const [path, getters] of PROMISE_GETTERS) {
    const owner = objectAt(scope, path);
    if (owner) for (const name of getters) wrapGetter(owner, name);
  }
  for (const [path, name, last] of CALLBACK_TAKERS) {
    const holder = objectAt(scope, path);
    const owner = holder && (path === "" ? ownerOf(holder, name) : holder);
    if (owner) wrapMethod(owner, name, path === "" ? scope : undefined, last ?? "first");
  }
  for (const name of CALLBACK_CLASSES) wrapCallbackClass(scope, name);
  wrapWaitAsync();
  if (typeof EventTarget === "function") {
    bindListeners();
    bindHandlers(scope, targets);
  }
}
