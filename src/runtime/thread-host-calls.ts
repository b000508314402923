// The host's promises and listeners are the thread's that made them, as its
// timers are (thread-timers.ts): an answer of the host (a fetch's response,
// a Blob's text, an Atomics.waitAsync wake, a port's message) wakes the
// thread that asked, idle while it waited (thread-event-loop.ts), and one
// that comes after the thread's end is dropped and counted, not run inside
// whichever thread the worker serves by then, in that thread's name.
//
// How: a host function that returns a promise (fetch, createImageBitmap,
// the methods of hygiene-sources.ts ASYNC_METHODS, Atomics.waitAsync's
// value) returns instead a promise of the runtime's that settles with it,
// from a callback owned by the calling thread; a listener given to
// addEventListener, or set as an on-handler (port.onmessage, ws.onopen:
// of the event targets hygiene-sources.ts lists), is wrapped the
// same way. removeEventListener and the handlers' getters still see the
// snippet's own functions. The worker's global scope is left alone: its
// handlers are the runtime's (worker-hygiene.ts watches them).
//
// A source not reached here (a stream's reader, an IndexedDB request's
// result) still wakes the thread's code unseen: thread-event-loop.ts says
// how it is then found running.

import { context, hasContext, type WorkerContext } from "./worker-context";
import { ownedCallback } from "./thread-event-loop";
import { ASYNC_METHODS, EVENT_TARGETS } from "./hygiene-sources";

/** global functions whose result is a promise of the host's */
const PROMISE_GLOBALS = ["fetch", "createImageBitmap"];

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

/** A promise that settles as `promise` does, while `thread` lives. */
function owned(thread: WorkerContext, promise: Promise<unknown>): Promise<unknown> {
  return new NativePromise((resolve, reject) => {
    apply(then, promise, [ownedCallback(thread, resolve, dropped(thread)), ownedCallback(thread, reject, dropped(thread))]);
  });
}

function ownResult(original: AnyFunction, self: unknown, args: unknown[]): unknown {
  const result = apply(original, self, args);
  return hasContext() && result instanceof NativePromise ? owned(context(), result) : result;
}

function wrapMethod(owner: object, name: string, self?: object): void {
  const d = Object.getOwnPropertyDescriptor(owner, name);
  if (!d || typeof d.value !== "function") return;
  const original = d.value as AnyFunction;
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    return ownResult(original, this === undefined ? self : this, args);
  };
  Object.defineProperty(owner, name, { ...d, value: wrapped });
}

function ownerOf(scope: object, name: string): object | null {
  let owner: object | null = scope;
  while (owner && !Object.prototype.hasOwnProperty.call(owner, name)) owner = Object.getPrototypeOf(owner);
  return owner;
}

/** The snippet's listener (a function, or an object with handleEvent) → the one the host was given. */
const boundListeners = new WeakMap<object, AnyFunction>();

function boundListener(listener: object): AnyFunction {
  let bound = boundListeners.get(listener);
  if (!bound) {
    const thread = context();
    const run: AnyFunction = typeof listener === "function"
      ? (listener as AnyFunction)
      : function (this: unknown, event: unknown) {
        const handle = (listener as { handleEvent?: unknown }).handleEvent;
        return typeof handle === "function" ? apply(handle, listener, [event]) : undefined;
      };
    bound = ownedCallback(thread, run, dropped(thread));
    boundListeners.set(listener, bound);
  }
  return bound;
}

function bindListeners(): void {
  const proto = EventTarget.prototype as unknown as Record<string, unknown>;
  const add = proto.addEventListener as AnyFunction;
  const remove = proto.removeEventListener as AnyFunction;
  const listening = (original: AnyFunction, bind: boolean) => function (this: unknown, type: unknown, listener: unknown, options?: unknown): unknown {
    const mine = hasContext() && listener !== null && (typeof listener === "function" || typeof listener === "object");
    const given = !mine ? listener : bind ? boundListener(listener as object) : (boundListeners.get(listener as object) ?? listener);
    return apply(original, this, [type, given, options]);
  };
  Object.defineProperty(proto, "addEventListener", { ...Object.getOwnPropertyDescriptor(proto, "addEventListener"), value: listening(add, true) });
  Object.defineProperty(proto, "removeEventListener", { ...Object.getOwnPropertyDescriptor(proto, "removeEventListener"), value: listening(remove, false) });
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
  for (const [path, methods] of ASYNC_METHODS) {
    const owner = path.split(".").reduce<unknown>((o, key) => (o === null || o === undefined ? undefined : (o as Record<string, unknown>)[key]), scope);
    if ((typeof owner !== "object" && typeof owner !== "function") || owner === null) continue;
    for (const name of methods) wrapMethod(owner, name);
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
