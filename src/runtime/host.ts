// The SnippetHost a compiled snippet runs against (see compile/types.ts):
// the API object, this process's shared globals, the copied variables of a
// new thread (decoded lazily, once the module's own classes and functions
// exist to rebuild them with), and the hooks by which the module lets the
// runtime see into its scope.

import { checkedHost } from "./race/checked-host";
import type { ModuleHooks, SnippetHost } from "../compile/types";
import type { WorkerContext } from "./worker-context";
import { Decoder, type ModuleScope } from "./serialize";
import { Field } from "./thread-table";
import { NameError } from "../base/errors";
import { nameValue } from "./door/objects";
import { noteThrown } from "./thrown";
import { placeInBody } from "./snippet-position";

const sentinels = new WeakSet<object>();

/** True for the stand-in of a variable that had no value when this thread started. */
export function isNotYetDefined(value: unknown): boolean {
  return typeof value === "function" && sentinels.has(value);
}

function notYetDefined(name: string): unknown {
  const fail = (): never => {
    throw new NameError(`'${name}' had no value yet when this thread started, so the thread has no copy of it: create it before start(), or pass it in args`);
  };
  const stub = new Proxy(function () {}, {
    get: (_target, key) => (key === Symbol.toPrimitive ? () => `<${name}: not defined when this thread started>` : fail()),
    set: fail,
    apply: fail,
    construct: fail,
  });
  sentinels.add(stub);
  return stub;
}

export interface HostParts {
  api: Record<string, unknown>;
  /** the runtime's own functions that travel to new workers by name (pool worker loops) */
  internals: Record<string, unknown>;
  revive(kind: string, data: unknown): unknown;
  /** each `await` of the snippet's, as SnippetHost.mark, aw, held and back take it (api/asyncio-awaits.ts) */
  awaits: { mark(): number; aw(mark: number, value: unknown): unknown; held(): unknown; back(token: unknown, value: unknown): unknown };
}

/** The API's functions by name and names by function: the same for every thread of a worker, so made once (a start is on the clock). */
const apiIndexes = new WeakMap<HostParts, { named: Record<string, unknown>; apiNames: Map<unknown, string> }>();

function apiIndex(parts: HostParts): { named: Record<string, unknown>; apiNames: Map<unknown, string> } {
  let index = apiIndexes.get(parts);
  if (!index) {
    const named: Record<string, unknown> = { ...parts.internals, ...parts.api };
    const apiNames = new Map<unknown, string>();
    for (const [name, value] of Object.entries(named)) if (typeof value === "function") apiNames.set(value, name);
    apiIndexes.set(parts, (index = { named, apiNames }));
  }
  return index;
}

export function createHost(ctx: WorkerContext, isMain: boolean, encodedSnapshot: Record<string, unknown>, parts: HostParts): {
  host: SnippetHost;
  decoder: () => Decoder;
} {
  const closures = new WeakMap<Function, { names: string[]; values: () => unknown[] }>();
  const places = new Map<string, { line: number; column: number } | null>();
  const { named, apiNames } = apiIndex(parts);
  let decoder: Decoder | null = null;
  const getDecoder = () => {
    if (!ctx.scope) throw new Error("internal: the module has not bound its scope yet");
    return (decoder ??= new Decoder(ctx.scope));
  };

  // No prototype: a name missing from the snapshot must read as undefined,
  // not as Object.prototype's member of that name.
  const values: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(encodedSnapshot)) {
    Object.defineProperty(values, key, { enumerable: true, get: () => getDecoder().decode(encodedSnapshot[key]) });
  }
  // A top-level variable still in its TDZ when the starter called start()
  // has no copy here: using it says so, instead of "undefined has no ...".
  const snapshot = isMain ? values : new Proxy(values, {
    get: (target, key) => (typeof key !== "string" || key in target ? target[key as string] : notYetDefined(key)),
  });

  const ctlIndex = ctx.table.get(ctx.ident, Field.CtlWord);
  const host: SnippetHost = {
    api: parts.api,
    isMain,
    g: ctx.globals,
    snapshot,
    ctl: new Int32Array(ctx.run.ctl, ctlIndex * 4, 1),
    tick() {
      // Set by a thread waiting for the simulated GIL, by the drainer (Stop ends workers outright and needs no
      // check), or by the thread's going idle: then code the host woke through a source not wrapped runs again.
      Atomics.store(host.ctl, 0, 0);
      ctx.resume();
      ctx.yieldGil();
      // the drainer may have asked for a held-back lock release (trace/ring.ts, folding)
      ctx.ring.flush();
    },
    bindModule(hooks: ModuleHooks) {
      const scope: ModuleScope = {
        evalInScope: hooks.evalInScope,
        placeInBody: (source) => {
          // (A pool's worker may take the same function with every task.)
          let place = places.get(source);
          if (place === undefined) places.set(source, (place = placeInBody(ctx.run.js, source)));
          return place;
        },
        closureOf: (fn) => closures.get(fn),
        apiNameOf: (fn) => apiNames.get(fn),
        revive: (kind, data) => (kind === "api-function" ? named[data as string] : parts.revive(kind, data)),
      };
      ctx.scope = scope;
      ctx.snapshot = hooks.snapshot;
    },
    name(value, name) {
      nameValue(value, name);
      return value;
    },
    thrown: noteThrown,
    ...parts.awaits,
    closure(fn, names, values) {
      closures.set(fn, { names, values });
      return fn;
    },
    ...checkedHost(ctx.globals, ctx.run.userHeap, ctx.race, ctx.control),
  };
  return { host, decoder: getDecoder };
}
