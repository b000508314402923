// The one door from the "playground" API (src/api) into the runtime, in a
// thread's worker. Every primitive goes through it for the things the
// runtime must see: a new object (its ref, its memory, the event that says
// it exists), the name the snippet gives it, and every blocking call (the
// thread shown blocked on the object, with the wait-for edge the deadlock
// watch reads, undone however the call ends). Controlled runs and the race
// detector hook in here, once, for every primitive.

import { Ctl } from "./thread-table";
import { context } from "./worker-context";
import { sendToRunner } from "./runner-link";
import { EventKind, ThreadState } from "../trace/events";
import { kindInfo, kindOf, objRef, ObjKind } from "../trace/object-kinds";

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
const named = new Set<number>();

/**
 * Memory and a ref for a new object of `kind` (`words` zeroed heap words),
 * or, for a copy of an object arriving from another thread, the ones it
 * already has (`shared`).
 */
export function place(kind: ObjKind, words: number, shared?: Placed, options: PlaceOptions = {}): Placed {
  if (shared) return { base: shared.base, ref: shared.ref };
  const ctx = context();
  const base = words > 0 ? ctx.heap.alloc(words, options.align ?? 1) : 0;
  const ref = objRef(kind, ctx.table.counter(Ctl.KindCounters + kind));
  ctx.trace(EventKind.ObjectCreated, options.owner ? 1 : 0, ref);
  if (options.owner) sendToRunner({ type: "object", ref, owner: options.owner, ...(options.role ? { name: options.role } : {}) });
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
 * The compiler's hook: the top-level variable `name` was just given `value`.
 * A playground object is named after the first such variable (API.md §1).
 */
export function nameValue(value: unknown, name: string): void {
  const ref = refOf(value);
  if (ref === undefined || named.has(ref) || kindInfo(kindOf(ref)).internal) return;
  named.add(ref);
  sendToRunner({ type: "object", ref, name });
}

const labels = new Map<string, number>();

/** The ref of a mark()/span() label (its text is sent once). */
export function labelRef(text: string): number {
  let ref = labels.get(text);
  if (ref === undefined) {
    ref = place(ObjKind.Label, 0).ref;
    labels.set(text, ref);
    sendToRunner({ type: "object", ref, name: text });
  }
  return ref;
}

/** A name for an object the runtime itself names (an asyncio task). */
export function nameRef(ref: number, name: string): void {
  sendToRunner({ type: "object", ref, name });
}

/**
 * Runs a blocking core call on object `at`. If the core calls the onBlock
 * it is given (it is about to sleep), the caller is shown blocked on the
 * object (in the state its kind blocks as, unless `state` says otherwise)
 * with its wait-for edge set; both are undone when the call returns or
 * throws. Fast paths that never sleep cost nothing here.
 */
export function block<T>(at: Placed, timed: boolean, call: (onBlock: () => void) => T, state?: ThreadState): T {
  const ctx = context();
  let shown = false;
  try {
    return call(() => {
      if (shown) return;
      shown = true;
      ctx.table.setWait(ctx.ident, kindOf(at.ref), at.ref, at.base, timed);
      ctx.enter(state ?? kindInfo(kindOf(at.ref)).blocksAs, at.ref);
    });
  } finally {
    if (shown) {
      ctx.table.setWait(ctx.ident, 0);
      ctx.enter(ThreadState.Running);
    }
  }
}

/** Shows the caller in `state` on object `ref` while `call` runs (no wait-for edge: sleeps, timers). */
export function during<T>(state: ThreadState, ref: number, call: () => T): T {
  const ctx = context();
  ctx.enter(state, ref);
  try {
    return call();
  } finally {
    ctx.enter(ThreadState.Running);
  }
}
