// The worker's fingerprint, for its check of itself (worker-hygiene.ts says
// what the check is for and when it runs): each object reachable at boot
// from the global scope and the API, as a snapshot of whether it can be
// extended, its prototype, its own keys and each key's descriptor; and the
// comparisons of a snapshot with the object as it is now. The comparisons
// use the tools found as this module loads, before any snippet: one that
// replaced Reflect.ownKeys or Object.is must not answer for the check.

const { ownKeys, getOwnPropertyDescriptor: descriptorOf, getPrototypeOf, apply } = Reflect;
const { isExtensible, is: sameValue } = Object;

export interface Snapshot {
  obj: object;
  proto: object | null;
  extensible: boolean;
  keys: (string | symbol)[];
  /** each own key's descriptor, as at boot */
  descriptors: PropertyDescriptor[];
}

export function snapshot(obj: object): Snapshot {
  const keys = Reflect.ownKeys(obj);
  const descriptors = keys.map((k) => Reflect.getOwnPropertyDescriptor(obj, k)!);
  return { obj, proto: Reflect.getPrototypeOf(obj), extensible: Object.isExtensible(obj), keys, descriptors };
}

function same(a: PropertyDescriptor | undefined, b: PropertyDescriptor): boolean {
  return !!a && sameValue(a.value, b.value) && a.get === b.get && a.set === b.set &&
    a.writable === b.writable && a.configurable === b.configurable && a.enumerable === b.enumerable;
}

/**
 * Whether `s.obj` is as recorded: its extensibility, prototype and keys,
 * the descriptors of the keys at `always`, and one in `stride` of the
 * rest from `from`.
 */
export function unchanged(s: Snapshot, from = 0, stride = 1, always: readonly number[] = []): boolean {
  if (isExtensible(s.obj) !== s.extensible || getPrototypeOf(s.obj) !== s.proto) return false;
  const keys = ownKeys(s.obj);
  if (keys.length !== s.keys.length) return false;
  for (let i = 0; i < keys.length; i++) if (keys[i] !== s.keys[i]) return false;
  for (const i of always) if (!same(descriptorOf(s.obj, keys[i]), s.descriptors[i])) return false;
  for (let i = from % stride; i < keys.length; i += stride) {
    if (!same(descriptorOf(s.obj, keys[i]), s.descriptors[i])) return false;
  }
  return true;
}

export function allUnchanged(snapshots: Snapshot[], from = 0, stride = 1): boolean {
  for (let i = from; i < snapshots.length; i += stride) if (!unchanged(snapshots[i])) return false;
  return true;
}

/**
 * Freezes the builtins' methods: the functions with no prototype of their
 * own that no object inherits from (Array.prototype.push, Math.max, the
 * API's methods, accessors' getters), four in five of the objects the
 * check would compare, and which no program changes. Only the function
 * objects: the properties that hold them (Array.prototype's "push") stay
 * as writable as they were, so a subclass or an instance may still put its
 * own method in place of one. What a snippet can no longer do is add a
 * property to such a function, as Python refuses one on a builtin
 * function (len.cache = 1). Only a worker that serves a search's runs
 * does this (finding them takes the walk of the fingerprint, 12-14 ms,
 * too much for every boot): a run the page draws finds its builtins as
 * the browser made them, on every worker alike.
 */
export function freezeMethods(snapshots: Snapshot[], core: Set<unknown>): void {
  const inherited = new Set(snapshots.map((s) => s.proto));
  for (const { obj } of snapshots) {
    if (typeof obj === "function" && !Object.prototype.hasOwnProperty.call(obj, "prototype") && !inherited.has(obj) && !core.has(obj)) Object.freeze(obj);
  }
}

/** A stream's async iterator's prototype (thread-host-calls.ts binds its next), from a Response's body, if the host has them. */
export function streamIteratorPrototype(scope: object): object | null {
  try {
    const { Response: R } = scope as { Response?: new (body: string) => { body: { values(): object } } };
    return typeof R === "function" ? Object.getPrototypeOf(new R("").body.values()) : null;
  } catch {
    return null;
  }
}

/**
 * The objects whose properties a run must leave as they are: everything
 * reachable from the global scope and the API through own properties'
 * values, accessors' functions and prototypes (every builtin, its
 * prototype, and what hangs off them, a few thousand objects).
 */
export function reachable(scope: object, api: Record<string, unknown>): Set<object> {
  const seen = new Set<object>();
  const todo: unknown[] = [scope, ...Object.values(api),
    // prototypes no property names: typed arrays', iterators', async and generator functions'
    Object.getPrototypeOf(Int8Array), Object.getPrototypeOf([][Symbol.iterator]()),
    Object.getPrototypeOf(async () => {}), Object.getPrototypeOf(function* () {}), Object.getPrototypeOf(async function* () {}),
    Object.getPrototypeOf(new Map()[Symbol.iterator]()), Object.getPrototypeOf(new Set()[Symbol.iterator]()),
    Object.getPrototypeOf(""[Symbol.iterator]()), Object.getPrototypeOf(/a/[Symbol.matchAll]("a")), streamIteratorPrototype(scope)];
  while (todo.length > 0) {
    const value = todo.pop();
    if ((typeof value !== "object" && typeof value !== "function") || value === null || seen.has(value)) continue;
    seen.add(value);
    todo.push(Object.getPrototypeOf(value));
    for (const key of Reflect.ownKeys(value)) {
      const d = Reflect.getOwnPropertyDescriptor(value, key);
      if (d) todo.push(d.value, d.get, d.set);
    }
  }
  return seen;
}

/**
 * The event handler attributes along the scope's chain (onmessage, onerror,
 * ...): each one's getter, as found at boot (so the check calls no getter
 * the snippet put in its place: a changed accessor is a changed
 * descriptor), and its value then.
 */
export function handlersOf(scope: Record<string, unknown>): [() => unknown, unknown][] {
  const found: [() => unknown, unknown][] = [];
  const names = new Set<string>();
  for (let o: object | null = scope; o; o = Object.getPrototypeOf(o)) {
    for (const key of Object.getOwnPropertyNames(o)) {
      if (!key.startsWith("on") || names.has(key)) continue;
      names.add(key);
      const d = Object.getOwnPropertyDescriptor(o, key)!;
      const read = d.get ? () => apply(d.get!, scope, []) : () => d.value;
      found.push([read, read()]);
    }
  }
  return found;
}
