// Thread (Python's threading.Thread) and the module functions about threads.
// A started thread is an entry in the run's shared thread table (see
// runtime/thread-table.ts), so any worker can name, count and join it; the
// object a snippet holds is a handle to that entry. start() copies what the
// new thread needs (target, args, the module's variables) and asks the page
// for a worker; it does not wait for the worker, as the entry already says
// "alive", so isAlive() and join() are right from the first instant.
//
// A subclass's number and boolean fields move into shared cells at start(),
// so `this.stop = true` in one thread is seen by the other (API.md §1).
// Process (process.ts) is a Thread whose start() forks instead: a new pid,
// a copy of the shared globals and of every field, nothing shared but the
// playground's own objects.

import { RuntimeError } from "../base/errors";
import {
  context, type WorkerContext, Decoder, Encoder, SEND, type Sendable, TAG, type EncodedInstance, isNotYetDefined, block, StepKind,
  startThread, startsProcess, isDaemon, nextNameNumber, type SpawnPayload, type SpawnRecord, type ThreadRole, registerSharedCell,
} from "../runtime/door";
import { ObjKind, objRef } from "../trace/object-kinds";
import { timeoutOf } from "./locks";

const CORE = Symbol("playground.thread");

interface ThreadCore {
  /** 0 until started (as this worker knows it: see liveIdent) */
  ident: number;
  /**
   * heap word where start() publishes the ident, so that a copy of this
   * Thread in another worker (taken before start) sees it started too
   */
  cell: number;
  name: string;
  daemon: boolean;
  target: ((...args: never[]) => unknown) | null;
  args: unknown[];
  role: ThreadRole;
  /**
   * the handle of a process's first thread as the process's own code sees
   * it: Python's child's MainThread, named so (the table's name, which the
   * lane shows, is the process's: renaming it here renames only the thread)
   */
  processMain?: true;
  /** a Process's own GIL choice; undefined: as its parent */
  gil?: boolean;
}

export interface ThreadOptions<A extends unknown[] = unknown[]> {
  target?: (...args: A) => unknown;
  args?: A;
  name?: string;
  daemon?: boolean;
  /** Process only: run the new process with the GIL (true) or free-threaded (false); default: as its parent */
  gil?: boolean;
}

function coreOf(thread: Thread): ThreadCore {
  const core = (thread as unknown as { [CORE]: ThreadCore })[CORE];
  // The Thread may have been started by another worker since this copy was made.
  if (core.ident === 0 && core.cell > 0) core.ident = Atomics.load(context().i32, core.cell);
  return core;
}

function attachCore(thread: object, core: ThreadCore): void {
  Object.defineProperty(thread, CORE, { value: core, enumerable: false, writable: false });
}

function currentDaemon(ctx: WorkerContext): boolean {
  return isDaemon(ctx.ident);
}

export class Thread implements Sendable {
  constructor(options: ThreadOptions<never[]> = {}) {
    const ctx = context();
    attachCore(this, {
      ident: 0,
      cell: ctx.heap.alloc(1),
      name: options.name !== undefined ? String(options.name) : `Thread-${nextNameNumber("Thread")}`,
      daemon: options.daemon ?? currentDaemon(ctx),
      target: options.target ?? null,
      args: options.args ?? [],
      role: "thread",
    });
  }

  /** One name for every thread's handle, as Python's one attribute: a started thread's is the table's (another thread may rename it). */
  get name(): string {
    const core = coreOf(this);
    if (core.ident && !core.processMain) {
      const table = context().table;
      // (Once the thread is gone its slot may hold another's: then the name this handle last knew.)
      const name = table.nameOf(core.ident);
      if (name !== null) core.name = name;
    }
    return core.name;
  }

  set name(value: string) {
    const core = coreOf(this);
    core.name = String(value);
    if (core.ident && !core.processMain) {
      const table = context().table;
      table.setName(core.ident, core.name);
    }
  }

  /** The thread's identifier once started, else null. */
  get ident(): number | null {
    return coreOf(this).ident || null;
  }

  get daemon(): boolean {
    return coreOf(this).daemon;
  }

  set daemon(value: boolean) {
    if (coreOf(this).ident) throw new RuntimeError("cannot set daemon status of active thread");
    coreOf(this).daemon = Boolean(value);
  }

  /** What the thread does; override it in a subclass. Calls target(...args). */
  run(): unknown {
    const core = coreOf(this);
    return core.target ? (core.target as (...a: unknown[]) => unknown)(...core.args) : undefined;
  }

  /** Start the thread: run() runs in a new worker, in parallel. */
  start(): void {
    const core = coreOf(this);
    if (core.ident) throw new RuntimeError("threads can only be started once");
    const ctx = context();
    // Encoding can fail (a value that cannot be copied): it comes before the thread exists.
    const payload = encodeSpawn(ctx, this, core, !startsProcess(core.role));
    core.ident = startThread({ name: core.name, role: core.role, daemon: core.daemon, gil: core.gil, payload });
    if (core.cell > 0) Atomics.store(ctx.i32, core.cell, core.ident);
  }

  /** Wait until the thread ends; false when `timeoutMs` passed first. */
  join(timeoutMs?: number): boolean {
    const core = coreOf(this);
    const ctx = context();
    if (!core.ident) throw new RuntimeError("cannot join thread before it is started");
    if (core.ident === ctx.ident) throw new RuntimeError("cannot join current thread");
    const waitMs = timeoutOf(true, timeoutMs);
    const ident = core.ident;
    ctx.control?.step(StepKind.Join, objRef(ObjKind.Thread, ident));
    const ended = !ctx.table.isAlive(ident) || (waitMs !== 0 && block({ base: 0, ref: objRef(ObjKind.Thread, ident) }, waitMs !== Infinity, (onBlock) => {
      // (a controlled run tries again after the thread's end: it may have ended)
      if (!ctx.table.isAlive(ident)) return true;
      onBlock();
      return ctx.table.join(ident, waitMs);
    }, undefined, waitMs));
    // everything the thread did happened before the join returned (race detector)
    if (ended) ctx.race?.joined(ident);
    return ended;
  }

  isAlive(): boolean {
    const core = coreOf(this);
    return core.ident !== 0 && context().table.isAlive(core.ident);
  }

  [SEND]() {
    const core = coreOf(this);
    return { kind: "Thread", data: { ident: core.ident, cell: core.cell, name: core.name, daemon: core.daemon, ...(core.processMain ? { processMain: true } : {}) } };
  }

  toString(): string {
    const core = coreOf(this);
    const state = !core.ident ? "initial" : this.isAlive() ? "started" : "stopped";
    // (this.name: the one name every handle reads, renames included)
    return `<${this.constructor.name}(${this.name}, ${state}${core.daemon ? " daemon" : ""})>`;
  }
}

/** Move a subclass instance's number/boolean fields into shared cells. */
function encodeSelf(ctx: WorkerContext, thread: Thread, encoder: Encoder, shareNumbers: boolean): EncodedInstance {
  const cls = thread.constructor;
  // An API subclass (Timer) is found in the API; a snippet's class in its module.
  // (By its export name: the build minifies the API's class names.)
  const apiName = ctx.scope?.apiNameOf(cls);
  const api = apiName !== undefined;
  if (!api && ctx.scope?.evalInScope(cls.name) !== cls) {
    throw new RuntimeError(`cannot start ${thread.name}: its class ${cls.name} must be declared at the top level of the snippet`);
  }
  const fields: Record<string, unknown> = {};
  const shared: NonNullable<EncodedInstance["shared"]> = {};
  for (const key of Object.keys(thread)) {
    const value = (thread as unknown as Record<string, unknown>)[key];
    if (shareNumbers && (typeof value === "number" || typeof value === "boolean")) {
      const type = typeof value === "number" ? "number" : "boolean";
      const index = ctx.userHeap.allocFloat64(1) / 8;
      shareField(thread, key, new Float64Array(ctx.run.userHeap), index, type);
      (thread as unknown as Record<string, unknown>)[key] = value;
      shared[key] = { index, type };
    } else {
      fields[key] = encoder.encode(value, `${thread.name}.${key}`);
    }
  }
  return { [TAG]: "inst", cls: apiName ?? cls.name, api, fields, shared };
}

function shareField(target: object, key: string, f64: Float64Array, index: number, type: "number" | "boolean"): void {
  registerSharedCell(target, key, index * 2);
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get: type === "number" ? () => f64[index] : () => f64[index] !== 0,
    set: (v: unknown) => { f64[index] = type === "number" ? Number(v) : v ? 1 : 0; },
  });
}

function encodeSpawn(ctx: WorkerContext, thread: Thread, core: ThreadCore, shareNumbers: boolean): SpawnRecord {
  if (!ctx.scope) throw new RuntimeError("threads can only be started once the snippet's module is running");
  const encoder = new Encoder(ctx.scope, core.name);
  const overridden = thread.run !== Thread.prototype.run;
  const snapshotValues = ctx.snapshot();
  const snapshot: Record<string, unknown> = {};
  for (const key of Object.keys(snapshotValues)) {
    if (!isNotYetDefined(snapshotValues[key])) snapshot[key] = encoder.encode(snapshotValues[key], key);
  }
  return {
    target: overridden ? null : encoder.encode(core.target, "target"),
    args: overridden ? [] : encoder.encode(core.args, "args"),
    self: overridden ? encodeSelf(ctx, thread, encoder, shareNumbers) : null,
    snapshot,
  };
}

/** For API subclasses (Timer): the kind of lane the thread gets. */
export function setThreadRole(thread: Thread, role: ThreadRole): void {
  coreOf(thread).role = role;
}

/** A Process's choice of GIL for itself (ThreadOptions.gil). */
export function setProcessGil(thread: Thread, gil: boolean | undefined): void {
  coreOf(thread).gil = gil;
}

/** A handle on a thread that is known only by its table entry. */
export function threadHandle(ident: number, name?: string, processMain = false): Thread {
  const ctx = context();
  if (ident === ctx.ident && ctx.currentThread && !processMain) return ctx.currentThread as Thread;
  const handle = Object.create(Thread.prototype) as Thread;
  attachCore(handle, {
    ident,
    cell: 0,
    name: name ?? ctx.table.name(ident),
    daemon: isDaemon(ident),
    target: null,
    args: [],
    role: ctx.table.role(ident),
    ...(processMain ? { processMain: true as const } : {}),
  });
  return handle;
}

/** Rebuild, in the new worker, the Thread whose run() this worker runs. */
export function threadFromSpawn(ctx: WorkerContext, spawn: SpawnPayload, decoder: Decoder): Thread {
  const core: ThreadCore = {
    ident: spawn.ident, cell: 0, name: spawn.name, daemon: isDaemon(spawn.ident),
    target: null, args: [], role: spawn.role,
  };
  let thread: Thread;
  if (spawn.self) {
    const self = spawn.self as EncodedInstance;
    const cls = (self.api ? ctx.scope!.revive("api-function", self.cls) : ctx.scope!.evalInScope(self.cls)) as { prototype: object };
    thread = Object.create(cls.prototype) as Thread;
    for (const key of Object.keys(self.fields)) (thread as unknown as Record<string, unknown>)[key] = decoder.decode(self.fields[key]);
    const f64 = new Float64Array(ctx.run.userHeap);
    for (const [key, cell] of Object.entries(self.shared ?? {})) shareField(thread, key, f64, cell.index, cell.type);
  } else {
    thread = Object.create(Thread.prototype) as Thread;
    core.target = decoder.decode(spawn.target) as ThreadCore["target"];
    core.args = decoder.decode(spawn.args) as unknown[];
  }
  attachCore(thread, core);
  return thread;
}

export function reviveThread(data: { ident: number; cell: number; name: string; daemon: boolean; processMain?: boolean }): Thread {
  // A process's MainThread, as its code saw it, stays that in another thread it is sent to (the table's name is the
  // process's); sent back to itself, it is its currentThread(), as in Python.
  const ctx = context();
  const processMain = data.processMain === true && data.ident !== ctx.ident && startsProcess(ctx.table.role(data.ident));
  if (data.ident) return threadHandle(data.ident, data.name, processMain);
  // Not started when it was copied: it learns its ident from the cell once it is.
  const handle = Object.create(Thread.prototype) as Thread;
  attachCore(handle, { ident: 0, cell: data.cell, name: data.name, daemon: data.daemon, target: null, args: [], role: "thread" });
  return handle;
}
