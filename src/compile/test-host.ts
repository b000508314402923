// Test support (not shipped): a hand-made SnippetHost with real shared
// memory for the globals, a print that records, and hooks that keep what the
// body hands over, so tests can run one compiled body as MainThread and
// again as a thread, the way the runtime does.

import { compile } from "./compile";
import type { CompileOptions, CompileResult, ModuleHooks, SnippetHost } from "./types";

type Body = (host: SnippetHost) => Promise<void>;
export const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (param: string, body: string) => Body;

export interface ClosureRecord {
  fn: unknown;
  names: string[];
  values: () => unknown[];
}

export interface TestHost extends SnippetHost {
  printed: unknown[][];
  closures: ClosureRecord[];
  ticks: number;
  /** every (value, top-level variable name) the module reported through name() */
  named: [unknown, string][];
  /** a checked compile's accesses, in order: "r"/"w", slot, site */
  accesses: ["r" | "w", number | string, number][];
  hooks(): ModuleHooks;
}

export interface HostOptions {
  isMain?: boolean;
  g?: Float64Array;
  ctl?: Int32Array;
  snapshot?: Record<string, unknown>;
  api?: Record<string, unknown>;
  tick?: () => void;
}

export function makeHost(opts: HostOptions = {}): TestHost {
  let hooks: ModuleHooks | undefined;
  /** the operand of the await being made (SnippetHost.aw, held) */
  let heldValue: unknown;
  const host: TestHost = {
    printed: [],
    closures: [],
    ticks: 0,
    api: {},
    isMain: opts.isMain ?? true,
    g: opts.g ?? new Float64Array(new SharedArrayBuffer(8 * 16)),
    ctl: opts.ctl ?? new Int32Array(new SharedArrayBuffer(4)),
    snapshot: opts.snapshot ?? {},
    tick() {
      host.ticks++;
      opts.tick?.();
    },
    bindModule(h) {
      hooks = h;
    },
    named: [],
    accesses: [],
    rd(slot, site) {
      host.accesses.push(["r", slot, site]);
      return host.g[slot];
    },
    wr(slot, site, value) {
      host.accesses.push(["w", slot, site]);
      return (host.g[slot] = value);
    },
    upd(slot, site, delta, prefix) {
      const old = host.rd(slot, site);
      host.wr(slot, site, old + delta);
      return prefix ? old + delta : old;
    },
    // element and field accesses, recorded by key (plain objects: nothing is shared here)
    er(o, k, site) {
      host.accesses.push(["r", String(k), site]);
      return (o as Record<PropertyKey, unknown>)[k as PropertyKey];
    },
    ew(o, k, site, v) {
      host.accesses.push(["w", String(k), site]);
      return ((o as Record<PropertyKey, unknown>)[k as PropertyKey] = v);
    },
    ec(o, k, site, op, v) {
      const ops = [(a: number, b: number) => a + b, (a: number, b: number) => a - b, (a: number, b: number) => a * b];
      const old = host.er(o, k, site) as number;
      return host.ew(o, k, site, ops[op](old, v as number));
    },
    eu(o, k, site, delta, prefix) {
      const old = host.er(o, k, site) as number;
      host.ew(o, k, site, old + delta);
      return prefix ? old + delta : old;
    },
    atomics: Atomics,
    name(value, name) {
      host.named.push([value, name]);
      return value;
    },
    thrown: (value) => value,
    mark: () => 0,
    aw: (_mark, value) => ((heldValue = value), null),
    held: () => heldValue,
    back: (_token, value) => value,
    closure(fn, names, values) {
      host.closures.push({ fn, names, values });
      return fn;
    },
    hooks() {
      if (!hooks) throw new Error("bindModule was not called");
      return hooks;
    },
  };
  host.api = { print: (...values: unknown[]) => host.printed.push(values), ...opts.api };
  return host;
}

export function compileOk(source: string, options?: CompileOptions): CompileResult {
  const result = compile(source, options);
  if (!result.ok) throw new Error("compile failed: " + JSON.stringify(result.diagnostics));
  return result;
}

export async function runBody(result: CompileResult, host: TestHost): Promise<TestHost> {
  await new AsyncFunction("__pg", result.js)(host);
  return host;
}

/** Compiles and runs as MainThread. */
export async function runMain(source: string, opts: HostOptions & CompileOptions = {}) {
  const result = compileOk(source, { ticks: opts.ticks, checked: opts.checked });
  const main = await runBody(result, makeHost({ ...opts, isMain: true }));
  return { result, main };
}

/**
 * Evaluates the same body as a thread would at start(): same shared globals,
 * a structured-cloned snapshot of MainThread's copied globals.
 */
export async function runThread(result: CompileResult, main: TestHost, opts: HostOptions = {}): Promise<TestHost> {
  const snapshot = structuredClone(main.hooks().snapshot());
  return runBody(result, makeHost({ ...opts, isMain: false, g: main.g, snapshot }));
}

/** Calls a module-level function of that worker by name, as a thread's target is called. */
export function call(host: TestHost, name: string, ...args: unknown[]): unknown {
  const fn = host.hooks().evalInScope(name) as (...a: unknown[]) => unknown;
  return fn(...args);
}
