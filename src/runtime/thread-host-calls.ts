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
// An async iterator of the host's (a stream's `for await`) is bound on the
// prototype of one made at boot: no other path leads to it. A source not
// reached here still wakes the thread's code unseen: thread-event-loop.ts
// says how it is then found running.

import { context, hasContext, type WorkerContext } from "./worker-context";
import { ownedCallback } from "./thread-event-loop";
import { ASYNC_METHODS, EVENT_TARGETS } from "./hygiene-sources";
import { ASYNC_ITERATOR_SAMPLES, CALLBACK_CLASSES, CALLBACK_TAKERS, PROMISE_GETTERS, PROMISE_GLOBALS, PROMISE_METHODS } from "./thread-host-sources";
import { bindHandlers, bindListeners, droppedHostCall } from "./thread-host-listeners";
import { objectAt, ownerOf } from "./scope-owners";
import { OwnWeakMap } from "./own-weak-map";

/** (Taken as the worker boots, before any snippet: one that replaces them does not reach the runtime's.) */
const apply = Reflect.apply;
const construct = Reflect.construct;
const then = Promise.prototype.then;
const NativePromise = Promise;
const { getOwnPropertyDescriptor, defineProperty, getPrototypeOf } = Object;

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;

/** A promise that settles as `promise` does, while `thread` lives (`counted`: one that comes after is counted as dropped). */
function owned(thread: WorkerContext, promise: Promise<unknown>, counted = true): Promise<unknown> {
  const drop = counted ? droppedHostCall(thread) : noop;
  return new NativePromise((resolve, reject) => {
    apply(then, promise, [ownedCallback(thread, resolve, drop), ownedCallback(thread, reject, drop)]);
  });
}

function ownResult(original: AnyFunction, self: unknown, args: unknown[], counted: boolean): unknown {
  const result = apply(original, self, args);
  return hasContext() && result instanceof NativePromise ? owned(context(), result, counted) : result;
}

/** The argument at `at` of a call of a thread's, bound to it if a function (`counted`: one dropped after the end is counted). */
function ownArgument(args: unknown[], at: number, counted = true): void {
  if (!hasContext() || typeof args[at] !== "function") return;
  const thread = context();
  args[at] = ownedCallback(thread, args[at] as AnyFunction, counted ? droppedHostCall(thread) : noop);
}

/** `wrapper`, with the name and length of the host's `original` (as the snippet may read them). */
function asOriginal<F extends object>(wrapper: F, original: AnyFunction): F {
  defineProperty(wrapper, "name", { value: original.name, configurable: true });
  defineProperty(wrapper, "length", { value: original.length, configurable: true });
  return wrapper;
}

/** Wraps `owner[name]` so that its promise (and, with `callbackAt`, the function given there) is the calling thread's. */
function wrapMethod(owner: object, name: string, self?: object, callbackAt?: "first" | "last"): void {
  const d = getOwnPropertyDescriptor(owner, name);
  if (!d || typeof d.value !== "function") return;
  const original = d.value as AnyFunction;
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    if (callbackAt) ownArgument(args, callbackAt === "first" ? 0 : args.length - 1);
    // (A callback dropped after the end is counted once: the promise of its result is not counted again.)
    return ownResult(original, this === undefined ? self : this, args, !callbackAt);
  };
  defineProperty(owner, name, { ...d, value: asOriginal(wrapped, original) });
}

/** Binds the `next` and `return` of the host's async iterators (ASYNC_ITERATOR_SAMPLES), on the prototype of one made at boot. */
function wrapAsyncIterators(scope: object): void {
  for (const [, make] of ASYNC_ITERATOR_SAMPLES) {
    let sample: unknown;
    try {
      sample = make(scope);
    } catch {
      continue;
    }
    const proto = typeof sample === "object" && sample !== null ? getPrototypeOf(sample) : null;
    if (!proto) continue;
    wrapMethod(proto, "next");
    wrapMethod(proto, "return");
  }
}

/** Per host promise a getter gave, the thread's own promise of it: a second read by the thread gives the same one, as the host's does. */
const gotten = new OwnWeakMap<object, { thread: WorkerContext; promise: Promise<unknown> }>();
const noop = () => {};

function wrapGetter(owner: object, name: string): void {
  const d = getOwnPropertyDescriptor(owner, name);
  if (!d?.get) return;
  const get = d.get as AnyFunction;
  defineProperty(owner, name, {
    ...d,
    get: asOriginal(function (this: unknown) {
      const value = apply(get, this, []);
      if (!hasContext() || !(value instanceof NativePromise)) return value;
      const thread = context();
      const known = gotten.get(value);
      if (known?.thread === thread) return known.promise;
      const promise = owned(thread, value);
      // (As the host marks these handled when it rejects them: a stream's closed, released unread, is no unhandled rejection.)
      apply(then, promise, [undefined, noop]);
      gotten.set(value, { thread, promise });
      return promise;
    }, get),
  });
}

/**
 * Wraps the class `name` of `scope` so that the function its constructor is
 * given first is the constructing thread's. One that comes after the end is
 * dropped, not counted: the garbage collector says when it comes (a
 * FinalizationRegistry's), and a warning would come and go with it.
 */
function wrapCallbackClass(scope: object, name: string): void {
  const owner = ownerOf(scope, name);
  const d = owner && getOwnPropertyDescriptor(owner, name);
  if (!owner || !d || typeof d.value !== "function") return;
  const original = d.value as (new (...args: unknown[]) => object) & { prototype?: unknown };
  const wrapped = new Proxy(original, {
    construct(target, args, newTarget) {
      ownArgument(args, 0, false);
      return construct(target, args, newTarget);
    },
  });
  defineProperty(owner, name, { ...d, value: wrapped });
  // (So that an instance's constructor is the class the snippet sees.)
  const proto = original.prototype;
  const c = typeof proto === "object" && proto !== null ? getOwnPropertyDescriptor(proto, "constructor") : undefined;
  if (c && "value" in c && c.configurable) defineProperty(proto, "constructor", { ...c, value: wrapped });
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
  wrapAsyncIterators(scope);
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
