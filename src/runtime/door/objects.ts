// The door's objects: a new playground object gets its memory, its ref and
// the "object created" event here, and the name the snippet gives it (the
// compiler's hook) or its owner (a pool's task queue) reaches the trace
// from here, so the timeline never has to guess what an object is.

import { Ctl } from "../thread-table";
import { context } from "../worker-context";
import { sendToRunner } from "../runner-link";
import type { FromThread } from "../protocol";
import { checkControllable } from "./controlled";
import { EventKind } from "../../trace/events";
import { kindInfo, kindOf, objRef, ObjKind } from "../../trace/object-kinds";

/** Where an object lives (its first heap word) and who it is (its ref, trace/object-kinds.ts). */
export interface Placed {
  base: number;
  ref: number;
}

export interface PlaceOptions {
  /** heap alignment in words (2 for anything holding a Float64) */
  align?: number;
  /** the object this one belongs to (a pool's task queue: the pool), and what it is to it ("tasks") */
  owner?: number;
  role?: string;
}

const refs = new WeakMap<object, number>();
/** objects made by another for its own use (a Condition's RLock), named after it when it is named: nameValue */
const parts = new WeakMap<object, { part: object; role: string }[]>();

/** What this worker has told the runner in one run: refs it named, and the ref of each label text (a worker may serve several runs of the same code). */
interface Told {
  named: Set<number>;
  labels: Map<string, number>;
}
const toldIn = new WeakMap<object, Told>();

/** An object's name or owner to the runner, which names it on the timeline: not for a run no one draws (a search's). */
function tell(message: Extract<FromThread, { type: "object" }>): void {
  if (!context().run.undrawn) sendToRunner(message);
}

function told(): Told {
  const run = context().run;
  let t = toldIn.get(run);
  if (!t) toldIn.set(run, (t = { named: new Set(), labels: new Map() }));
  return t;
}

/**
 * Memory and a ref for a new object of `kind` (`words` zeroed heap words),
 * or, for a copy of an object arriving from another thread, the ones it
 * already has (`shared`).
 */
export function place(kind: ObjKind, words: number, shared?: Placed, options: PlaceOptions = {}): Placed {
  if (shared) return { base: shared.base, ref: shared.ref };
  checkControllable(kind);
  const ctx = context();
  const base = words > 0 ? ctx.heap.alloc(words, options.align ?? 1) : 0;
  const ref = objRef(kind, ctx.table.counter(Ctl.KindCounters + kind));
  ctx.trace(EventKind.ObjectCreated, options.owner ? 1 : 0, ref);
  if (options.owner) tell({ type: "object", ref, owner: options.owner, ...(options.role ? { name: options.role } : {}) });
  return { base, ref };
}

/** Remembers that `obj` is the object `ref`, so a name given to the value reaches it. */
export function track<T extends object>(obj: T, ref: number): T {
  refs.set(obj, ref);
  return obj;
}

export function refOf(obj: unknown): number | undefined {
  return typeof obj === "object" && obj !== null ? refs.get(obj) : undefined;
}

/**
 * `part` is an object `whole` made for its own use (a Condition's own RLock,
 * a Value's lock), `role` to it: the snippet never names it, so it is named
 * after `whole` ("cond (lock)") when `whole` is named, not "RLock 1".
 */
export function trackPart(whole: object, part: object, role: string): void {
  parts.set(whole, [...(parts.get(whole) ?? []), { part, role }]);
}

/**
 * The compiler's hook: the top-level variable `name` was just given `value`.
 * A playground object is named after the first such variable (API.md §1),
 * and the objects it made for its own use after it (trackPart).
 */
export function nameValue(value: unknown, name: string): void {
  // Its parts at once (a Value, which has no ref of its own, names its lock): a snippet that blocks next (a join)
  // runs no task or microtask of this worker until then, and a deadlock's sentence names the lock by them. A name
  // the snippet gives a part later (`const lock = v.getLock()`) is its second, which the timeline does not take.
  const own = typeof value === "object" && value !== null ? parts.get(value) : undefined;
  for (const { part, role } of own ?? []) nameValue(part, `${name} (${role})`);
  const ref = refOf(value);
  if (ref === undefined || kindInfo(kindOf(ref)).internal) return;
  const { named } = told();
  if (named.has(ref)) return;
  named.add(ref);
  tell({ type: "object", ref, name });
}

/** The ref of a mark()/span() label (its text is sent once). */
export function labelRef(text: string): number {
  const { labels } = told();
  let ref = labels.get(text);
  if (ref === undefined) {
    ref = place(ObjKind.Label, 0).ref;
    labels.set(text, ref);
    tell({ type: "object", ref, name: text });
  }
  return ref;
}

/** A name for an object the runtime itself names (an asyncio task). */
export function nameRef(ref: number, name: string): void {
  tell({ type: "object", ref, name });
}
