// Whether a thread worker is as it booted, so that the runner may give it
// the next controlled run of the same code (a search runs hundreds of them,
// and a worker's boot costs more than such a run: runner/worker-pool.ts).
//
// A run's own state dies with it: the snippet's top level is a function
// body (fresh variables per call), and the runtime keeps per-run state per
// run. What could outlive a run is what the snippet does to the worker:
//   - a change to a global, a builtin or the API's objects (Array.prototype
//     .push replaced, a property added to globalThis or to Intl.Collator's
//     prototype, a prototype frozen): found by comparing, with a
//     fingerprint taken at boot, every object reachable then from the
//     global scope and the API: whether it can still be extended, its own
//     keys and each key's descriptor (worker-fingerprint.ts);
//   - work left to run later (a timer, a fetch, a listener, a waitAsync,
//     a digest, a stream): the functions that schedule it are wrapped at
//     boot, and the first call of any of them taints the worker for good;
//     an event handler (onmessage, onerror, ...) set to another function is
//     found by value. The list is of the sources known; a host API missing
//     from it could still call back after the check (runner/heap-shelf.ts
//     says what that could reach).
// A worker that fails either check is terminated, never reused.
//
// Comparing all of the fingerprint (some 3,400 objects, 12,000 keys) costs
// about 1.6 ms a worker; a search checks each of a schedule's workers, and
// with workers docked between schedules (runner/docked-crew.ts) the checks
// were 40% of a search's CPU. So each check compares in full the API and
// the core prototypes, and of the global scope (some 900 keys) its keys
// (a global added or removed), the language's globals and those the
// runtime calls (ALWAYS_GLOBALS), and one in SCOPE_STRIDE of the other
// descriptors; and one in SAMPLE_STRIDE of the rest. Which ones comes from
// an offset drawn afresh each time from the crypto source captured at boot
// (the snippet's Math.random is seeded, so it must not choose). A change
// that stays is found within a few runs (each check has a 1 in SCOPE_STRIDE
// or SAMPLE_STRIDE chance per changed object or global); what a search
// reports it has replayed on fresh workers first (session/explore.ts), so
// a change that slipped by can mislead no report.
//
// Math.random is the runtime's to set (a controlled run seeds it per
// thread): it is put back, not compared. RegExp's legacy statics (RegExp.$1,
// lastMatch) hold the last match of any regular expression, values no
// descriptor shows: a match of the empty string resets them.

import { ALWAYS_GLOBALS, ASYNC_METHODS, ASYNC_SOURCES } from "./hygiene-sources";
import { objectAt, ownerOf } from "./scope-owners";
import { allUnchanged, freezeMethods, handlersOf, reachable, snapshot, streamIteratorPrototype, unchanged, type Snapshot } from "./worker-fingerprint";

/** one in this many of the objects outside the core is compared at each check */
const SAMPLE_STRIDE = 16;
/** one in this many of the global scope's descriptors is compared at each check (its keys always are, and ALWAYS_GLOBALS') */
const SCOPE_STRIDE = 4;

export interface Hygiene {
  /**
   * Records the worker as it is now, before any snippet code has run in it.
   * Once only. It is a third of a worker's boot (about 14 of 36 ms), and
   * only a worker that may serve a next run needs it (a controlled run a
   * search reuses workers for), so it is taken in idle time (below) or at
   * such a run's serve, never on every boot.
   */
  fingerprint(): void;
  /**
   * Takes the fingerprint once the worker has sat `ms` unserved after its
   * boot (a pool's worker waiting for a run), after `first` (the worker's
   * rehearsal, which must leave the worker as a run would find it). If
   * `first` fails, the worker is never clean.
   */
  fingerprintWhenIdle(ms: number, first?: () => Promise<unknown>): void;
  /** A run came to this worker: one that may reuse it takes the fingerprint now if idle time did not; after any, idle time takes none. */
  serving(reusable: boolean): void;
  /** the worker has not been changed since its fingerprint, and nothing of a run is left to run (false without a fingerprint) */
  clean(): boolean;
  /** Resolves in a task of its own (a message to itself: a timer nested in a run's task would be held back 4 ms), for the runtime's use. */
  nextTask(): Promise<void>;
}

// The check's own tools, as found at boot: a snippet that replaced Reflect.apply or Object.isFrozen must not answer for it
// (the comparisons' are worker-fingerprint.ts's).
const { apply, defineProperty } = Reflect;
const { isFrozen } = Object;
/** (The runtime's own tasks, nextTask, go on whatever the snippet does to Promise: their queue is a list of its own, not an array.) */
const NativePromise = Promise;

interface Queued {
  run: () => void;
  next: Queued | null;
}

/**
 * Wraps the async sources of `scope` where they live (the global scope's
 * prototypes, so that a call through the prototype is seen too) and
 * fingerprints it; call at boot, after the runtime has installed its own
 * handlers and before any snippet runs. `later` is the unwrapped
 * setTimeout, for the runtime's own use.
 */
export function armHygiene(scope: Record<string, unknown>, api: Record<string, unknown>): Hygiene & { later(fn: () => void): void } {
  let tainted = false;
  const setTimeoutOriginal = scope.setTimeout as ((fn: () => void, ms: number) => unknown) | undefined;
  // (Made before the sources are wrapped: the runtime's own tasks taint nothing.)
  const tasks = typeof MessageChannel === "function" ? new MessageChannel() : null;
  const post = tasks ? tasks.port1.postMessage : null;
  // (Object literals and their own fields: no setter the snippet puts on a prototype sees a resolver.)
  const queued: { head: Queued | null; tail: Queued | null } = { head: null, tail: null };
  if (tasks) {
    tasks.port2.onmessage = () => {
      const first = queued.head;
      if (!first) return;
      queued.head = first.next;
      if (!queued.head) queued.tail = null;
      first.run();
    };
    // (Node's ports keep its process alive: the tests arm this in theirs.)
    (tasks.port2 as unknown as { unref?: () => void }).unref?.();
  }
  for (const name of ASYNC_SOURCES) {
    const original = scope[name];
    const owner = ownerOf(scope, name);
    if (typeof original !== "function" || !owner) continue;
    const isClass = /^[A-Z]/.test(name);
    const wrapped = isClass
      ? new Proxy(original, { construct(target, args, newTarget) { tainted = true; return Reflect.construct(target, args, newTarget); } })
      : function (this: unknown, ...args: unknown[]) {
        tainted = true;
        return (original as (...a: unknown[]) => unknown).apply(this === undefined ? scope : this, args);
      };
    Object.defineProperty(owner, name, { value: wrapped, writable: true, configurable: true, enumerable: true });
  }
  for (const [path, methods] of ASYNC_METHODS) {
    const owner = objectAt(scope, path);
    if (!owner) continue;
    for (const name of methods) {
      const d = Object.getOwnPropertyDescriptor(owner, name);
      if (!d || typeof d.value !== "function") continue;
      const original = d.value as (...a: unknown[]) => unknown;
      const wrapped = function (this: unknown, ...args: unknown[]) {
        tainted = true;
        return apply(original, this, args);
      };
      Object.defineProperty(owner, name, { ...d, value: wrapped });
    }
  }
  const atomics = Atomics as unknown as Record<string, unknown>;
  const waitAsync = atomics.waitAsync;
  if (typeof waitAsync === "function") {
    atomics.waitAsync = (...args: unknown[]) => {
      tainted = true;
      return (waitAsync as (...a: unknown[]) => unknown).apply(Atomics, args);
    };
  }
  const mathRandom = Object.getOwnPropertyDescriptor(Math, "random")!;
  const exec = RegExp.prototype.exec;
  let always: Snapshot[] | null = null;
  let scopeSnapshot: Snapshot | null = null;
  /** the global scope's keys (by index) every check compares in full (ALWAYS_GLOBALS) */
  let scopeAlways: number[] = [];
  let served = false;
  let sampled: Snapshot[] = [];
  /** what the fingerprint recorded, until the worker's methods are frozen (a worker that serves a search's runs) */
  let freezable: { snapshots: Snapshot[]; core: Set<unknown> } | null = null;
  const fingerprint = () => {
    if (always) return;
    const snapshots = [...reachable(scope, api)].map(snapshot);
    const apiValues = Object.values(api);
    const core = new Set<unknown>([scope, ...apiValues, ...apiValues.map((v) => (typeof v === "function" ? v.prototype : undefined)), Object.prototype, Function.prototype, Array.prototype,
      String.prototype, Number.prototype, Boolean.prototype, Symbol.prototype, Promise.prototype, Map.prototype, Set.prototype,
      WeakMap.prototype, Error.prototype, RegExp.prototype, Math, JSON, Reflect, Atomics, Object, Array, Promise,
      // (Its next is the runtime's, bound to the thread that reads: thread-host-calls.ts.)
      streamIteratorPrototype(scope)]);
    // Object.prototype first: a getter put there for a descriptor's missing field ("get" of a data property) is found
    // as a new key before any descriptor is read through it.
    always = snapshots.filter((s) => core.has(s.obj) && s.obj !== scope).sort((a, b) => Number(b.obj === Object.prototype) - Number(a.obj === Object.prototype));
    scopeSnapshot = snapshots.find((s) => s.obj === scope) ?? null;
    scopeAlways = scopeSnapshot ? scopeSnapshot.keys.flatMap((key, i) => (typeof key === "string" && ALWAYS_GLOBALS.has(key) ? [i] : [])) : [];
    sampled = snapshots.filter((s) => !core.has(s.obj));
    freezable = { snapshots, core };
  };
  /** A worker that serves a search's runs freezes the builtins' methods, once (freezeMethods). */
  const freezeForSearch = () => {
    if (!freezable) return;
    freezeMethods(freezable.snapshots, freezable.core);
    freezable = null;
    // (A frozen object cannot change: not its keys, values, prototype or extensibility.)
    sampled = sampled.filter((s) => !isFrozen(s.obj));
  };
  const draw = new Uint32Array(1);
  const random = crypto.getRandomValues.bind(crypto) as (array: Uint32Array) => Uint32Array;
  const handlers = handlersOf(scope);
  return {
    fingerprint,
    fingerprintWhenIdle(ms, first) {
      // (Snippet code runs only after a serve, which sets `served` in an earlier task: this never records a changed worker.)
      const idle = () => {
        if (served) return;
        if (!first) return fingerprint();
        first().then(() => {
          if (!served) fingerprint();
        }, () => {
          tainted = true;
        });
      };
      if (setTimeoutOriginal) apply(setTimeoutOriginal, scope, [idle, ms]);
    },
    serving(reusable) {
      served = true;
      if (!reusable) return;
      fingerprint();
      freezeForSearch();
    },
    later(fn) {
      if (setTimeoutOriginal) apply(setTimeoutOriginal, scope, [fn, 0]);
      else fn();
    },
    nextTask() {
      return new NativePromise<void>((resolve) => {
        if (!tasks || !post) return resolve();
        const node: Queued = { run: resolve, next: null };
        if (queued.tail) queued.tail.next = node;
        else queued.head = node;
        queued.tail = node;
        apply(post, tasks.port1, [null]);
      });
    },
    clean() {
      // Put back by definition, not assignment: a setter the snippet defined does not run.
      if (!defineProperty(Math, "random", mathRandom)) return false;
      apply(exec, /(?:)/, [""]);
      if (tainted || !always) return false;
      for (let i = 0; i < handlers.length; i++) if (handlers[i][0]() !== handlers[i][1]) return false;
      // (Independent bits for the two samples: offset % 4 would always be (offset % 16) % 4.)
      const offset = random(draw)[0];
      return allUnchanged(always) && (!scopeSnapshot || unchanged(scopeSnapshot, offset >>> 8, SCOPE_STRIDE, scopeAlways)) &&
        allUnchanged(sampled, offset % SAMPLE_STRIDE, SAMPLE_STRIDE);
    },
  };
}
