// Copying values into a new thread (API.md §1): numbers, strings, arrays,
// objects, Maps, Sets, typed arrays ... are copied as structured clone copies
// them (shared memory stays shared); functions travel as a top-level name or
// as source re-evaluated in the receiver's copy of the module, with copies of
// the locals they capture; playground objects (locks, threads, shared
// arrays) travel as references to the same shared memory; instances of the
// snippet's own top-level classes keep their class. What cannot travel fails
// with an error that names it, where Python would raise a PicklingError.

import { TAG, type EncodedApiObject, type EncodedFunction, type EncodedInstance } from "./serialize-types";
import { TypeError_ } from "../base/errors";

/** Playground objects implement this to travel by reference. */
export const SEND = Symbol("playground.send");
export interface Sendable {
  [SEND](): { kind: string; data: unknown };
}

export interface ModuleScope {
  evalInScope(source: string): unknown;
  /** where a function's source lies in the compiled body, as its frames would say it (snippet-position.ts placeInBody) */
  placeInBody?(source: string): { line: number; column: number } | null;
  closureOf(fn: Function): { names: string[]; values: () => unknown[] } | undefined;
  apiNameOf(fn: Function): string | undefined;
  revive(kind: string, data: unknown): unknown;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const CLONE_AS_IS = [Date, RegExp, ArrayBuffer, SharedArrayBuffer, DataView, Error];

function isTypedArray(value: object): boolean {
  return ArrayBuffer.isView(value);
}

function topLevelName(scope: ModuleScope, value: Function): string | undefined {
  const name = value.name;
  if (!name || !IDENTIFIER.test(name)) return undefined;
  try {
    return scope.evalInScope(name) === value ? name : undefined;
  } catch {
    return undefined;
  }
}

export class Encoder {
  private readonly seen = new Map<object, unknown>();

  constructor(private readonly scope: ModuleScope, private readonly receiver: string) {}

  encode(value: unknown, path: string): unknown {
    if (value === null || (typeof value !== "object" && typeof value !== "function")) {
      if (typeof value === "symbol") this.fail(path, "a symbol cannot be copied into another thread");
      return value;
    }
    if (typeof value === "function") return this.encodeFunction(value as Function, path);
    const obj = value as object;
    const done = this.seen.get(obj);
    if (done !== undefined) return done;
    if (SEND in obj) {
      const sent = (obj as Sendable)[SEND]();
      const out: EncodedApiObject = { [TAG]: "api", kind: sent.kind, data: undefined };
      this.seen.set(obj, out);
      out.data = this.encode(sent.data, path);
      return out;
    }
    if (isTypedArray(obj) || CLONE_AS_IS.some((type) => obj instanceof type)) return obj;
    if (Array.isArray(obj)) {
      const out: unknown[] = [];
      this.seen.set(obj, out);
      for (let i = 0; i < obj.length; i++) out.push(this.encode(obj[i], `${path}[${i}]`));
      return out;
    }
    if (obj instanceof Map) {
      const out = new Map();
      this.seen.set(obj, out);
      for (const [k, v] of obj) out.set(this.encode(k, `${path} key`), this.encode(v, `${path}.get(${String(k)})`));
      return out;
    }
    if (obj instanceof Set) {
      const out = new Set();
      this.seen.set(obj, out);
      for (const v of obj) out.add(this.encode(v, `${path} item`));
      return out;
    }
    if (obj instanceof Promise || obj instanceof WeakMap || obj instanceof WeakSet) {
      this.fail(path, `a ${obj.constructor.name} cannot be copied into another thread`);
    }
    const proto = Object.getPrototypeOf(obj);
    const fields: Record<string, unknown> = {};
    const cls = proto && proto !== Object.prototype ? topLevelName(this.scope, proto.constructor) : undefined;
    const out: unknown = cls ? ({ [TAG]: "inst", cls, fields } satisfies EncodedInstance) : fields;
    this.seen.set(obj, out);
    for (const key of Object.keys(obj)) {
      fields[key] = this.encode((obj as Record<string, unknown>)[key], `${path}.${key}`);
    }
    return out;
  }

  private encodeFunction(fn: Function, path: string): EncodedFunction {
    const api = this.scope.apiNameOf(fn);
    if (api) return { [TAG]: "fn", api };
    const name = topLevelName(this.scope, fn);
    if (name) return { [TAG]: "fn", name };
    const source = Function.prototype.toString.call(fn);
    if (source.endsWith("[native code] }")) {
      this.fail(path, `${fn.name || "this function"} is a built-in or bound function; pass a function of the snippet instead`);
    }
    const closure = this.scope.closureOf(fn);
    if (!closure) return { [TAG]: "fn", source };
    const bad = closure.names.find((n) => n === "this" || n === "arguments");
    if (bad) {
      this.fail(path, `the function uses \`${bad}\` of the function around it, which cannot be copied into another thread; use a top-level function and pass what it needs in args`);
    }
    const values = closure.values();
    const encoded = closure.names.map((n, i) => this.encode(values[i], `${path} (its captured variable '${n}')`));
    return { [TAG]: "fn", source, captures: { names: closure.names, values: encoded } };
  }

  private fail(path: string, reason: string): never {
    throw new TypeError_(`cannot send ${path} to ${this.receiver}: ${reason}`);
  }
}

export class Decoder {
  private readonly seen = new Map<unknown, unknown>();

  constructor(private readonly scope: ModuleScope) {}

  decode(value: unknown): unknown {
    if (value === null || typeof value !== "object") return value;
    const done = this.seen.get(value);
    if (done !== undefined) return done;
    if (isTypedArray(value) || CLONE_AS_IS.some((type) => value instanceof type)) return value;
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      this.seen.set(value, out);
      for (const item of value) out.push(this.decode(item));
      return out;
    }
    if (value instanceof Map) {
      const out = new Map();
      this.seen.set(value, out);
      for (const [k, v] of value) out.set(this.decode(k), this.decode(v));
      return out;
    }
    if (value instanceof Set) {
      const out = new Set();
      this.seen.set(value, out);
      for (const v of value) out.add(this.decode(v));
      return out;
    }
    const record = value as Record<string, unknown>;
    switch (record[TAG]) {
      case "fn": return this.decodeFunction(record as unknown as EncodedFunction);
      case "api": {
        const api = record as unknown as EncodedApiObject;
        const out = this.scope.revive(api.kind, this.decode(api.data));
        this.seen.set(value, out);
        return out;
      }
      case "inst": {
        const inst = record as unknown as EncodedInstance;
        const cls = this.scope.evalInScope(inst.cls) as { prototype: object };
        const out = Object.create(cls.prototype) as Record<string, unknown>;
        this.seen.set(value, out);
        for (const key of Object.keys(inst.fields)) out[key] = this.decode(inst.fields[key]);
        return out;
      }
    }
    const out: Record<string, unknown> = {};
    this.seen.set(value, out);
    for (const key of Object.keys(record)) out[key] = this.decode(record[key]);
    return out;
  }

  private decodeFunction(fn: EncodedFunction): Function {
    if (fn.api) return this.scope.revive("api-function", fn.api) as Function;
    if (fn.name) return this.scope.evalInScope(fn.name) as Function;
    const source = fn.source!;
    const names = fn.captures?.names ?? [];
    const values = (fn.captures?.values ?? []).map((v) => this.decode(v));
    // Made again where the compiled body has it, as far as its frames tell: an error thrown in it is placed on its
    // line of the snippet (a traceback, the editor's mark), as one thrown in a named function is.
    const place = this.scope.placeInBody?.(source) ?? null;
    const make = (open: string, close: string) => {
      const head = `(function (${names.join(", ")}) { return (${open}`;
      const text = place
        ? `${"\n".repeat(Math.max(0, place.line - 2))}${head}\n${" ".repeat(place.column - 1)}${source}\n${close}); })\n//# sourceURL=snippet.js`
        : `${head}${source}${close}); })`;
      return this.scope.evalInScope(text) as (...a: unknown[]) => Function;
    };
    try {
      return make("", "")(...values);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      // A method's source (`run() { ... }`) is not an expression on its own.
      const holder = make("{ ", " }")(...values) as unknown as Record<string, Function>;
      return Object.values(holder)[0];
    }
  }
}
