// The host's listeners and on-handlers are the thread's that set them, as
// its promises are (thread-host-calls.ts): a port's message, a socket's
// open, any event a target dispatches later wakes the thread that listened,
// idle while it waited (thread-event-loop.ts), and one that comes after the
// thread's end is dropped and counted, not run inside whichever thread the
// worker serves by then, in that thread's name.
//
// addEventListener gives the host, per thread, a function owned by that
// thread in place of the snippet's (a function the threads share, such as
// print, is each one's listener); removeEventListener removes the run's
// bindings of it whichever thread made them, as the host would its one
// registration. The on-handlers of the event targets hygiene-sources.ts
// lists are bound the same way, and their getters give back the snippet's
// function. The worker's global scope is left alone: its handlers are the
// runtime's (worker-hygiene.ts watches them).

import { context, hasContext, type WorkerContext } from "./worker-context";
import { ownedCallback } from "./thread-event-loop";
import { ownerOf } from "./scope-owners";
import { OwnWeakMap } from "./own-weak-map";

/** (Taken as the worker boots, before any snippet: one that replaces it does not reach the runtime's.) */
const apply = Reflect.apply;
const create = Object.create;

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;

/** What a host callback of `thread`'s that comes after its end does: counted, and said once (thread-main.ts's late warning). */
export function droppedHostCall(thread: WorkerContext): () => void {
  return () => {
    thread.droppedHostCalls++;
    const said = thread.onDropped;
    thread.onDropped = null;
    said?.();
  };
}

/**
 * Per thread, the snippet's listener (a function, or an object with
 * handleEvent) → the one the host was given. Per thread: a function shared
 * by the threads of a worker (print, console.log) is each one's listener.
 */
const boundListeners = new OwnWeakMap<WorkerContext, OwnWeakMap<object, AnyFunction>>();

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
const allBindings = new OwnWeakMap<object, Binding>();

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
  if (!mine) boundListeners.set(thread, (mine = new OwnWeakMap()));
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
    bound = ownedCallback(thread, run, droppedHostCall(thread));
    mine.set(listener, bound);
    bindingsOf(listener, thread.run, { bound, thread });
  }
  return bound;
}

/** EventTarget's addEventListener and removeEventListener, for every target of the worker's. */
export function bindListeners(): void {
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

/** The on-handlers (onmessage, onopen, ...) of the host's event targets `targets` names, but the global scope's. */
export function bindHandlers(scope: object, targets: readonly string[]): void {
  const scopeChain = new Set<object>();
  for (let p: object | null = scope; p; p = Object.getPrototypeOf(p)) scopeChain.add(p);
  /** what the snippet set, and the function the host holds for it, per target and handler */
  const given = new OwnWeakMap<object, Record<string, { set: unknown; bound: unknown }>>();
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
          const mine = given.get(this)?.[name];
          return mine && mine.bound === held ? mine.set : held;
        },
        set(this: object, handler: unknown) {
          if (!hasContext() || typeof handler !== "function") return apply(set, this, [handler]);
          const thread = context();
          const bound = ownedCallback(thread, handler as AnyFunction, droppedHostCall(thread));
          let byName = given.get(this);
          // (No prototype: a name is looked up on the record alone, whatever the snippet put on Object.prototype.)
          if (!byName) given.set(this, (byName = create(null) as Record<string, { set: unknown; bound: unknown }>));
          byName[name] = { set: handler, bound };
          apply(set, this, [bound]);
        },
      });
    }
  }
}
