// Who "I" am inside a worker: the run, my thread's ident and name, my
// process's shared globals, and my trace ring. One worker runs one thread,
// so this is a module-level singleton that the "playground" API reads.

import type { FromWorker, RunContextInit, ThreadRole } from "./protocol";
import { ThreadTable, Field } from "./thread-table";
import { GilSession } from "./gil-session";
import { RingWriter } from "../trace/ring";
import { SharedHeap } from "../sync/heap";
import { Gil } from "../sync/gil";
import { OutputWriter } from "./output-ring";
import type { ModuleScope } from "./serialize";
import { EventKind, ThreadState } from "../trace/events";

export interface WorkerContext {
  readonly run: RunContextInit;
  readonly i32: Int32Array;
  readonly heap: SharedHeap;
  readonly table: ThreadTable;
  readonly ident: number;
  readonly role: ThreadRole;
  readonly pid: number;
  readonly globals: Float64Array;
  readonly ring: RingWriter;
  readonly output: OutputWriter;
  /** the snippet's module in this worker, once its body has started */
  scope: ModuleScope | null;
  /** the copied globals' current values (MainThread's module only) */
  snapshot: () => Record<string, unknown>;
  /** what currentThread() returns */
  currentThread: unknown;
  /** the state this thread is in now, as last traced */
  state: ThreadState;
  /** ms since the run's epoch */
  now(): number;
  post(message: FromWorker): void;
  /** record a state change (on the timeline and for RunResult) */
  enter(state: ThreadState, obj?: number): void;
  /** `tMs`: when it happened, if not now (an event known only later, e.g. a task's await) */
  trace(kind: EventKind, arg: number, obj: number, tMs?: number): void;
  /** at an eval-breaker check: give the simulated GIL to a waiting thread, if any */
  yieldGil(): void;
  /** the same, on a fast path: stamped with the coarse clock (trace/ring.ts) */
  traceFast(kind: EventKind, arg: number, obj: number): void;
}

let current: WorkerContext | null = null;

export function context(): WorkerContext {
  if (!current) throw new Error("the playground API is only available while a snippet runs");
  return current;
}

export function hasContext(): boolean {
  return current !== null;
}

export function createContext(run: RunContextInit, ident: number, post: (m: FromWorker) => void): WorkerContext {
  const i32 = new Int32Array(run.heap);
  const table = new ThreadTable(i32, run.controlIndex);
  const globalsByteOffset = table.get(ident, Field.GlobalsByteOffset);
  const globals = new Float64Array(run.heap, globalsByteOffset, table.get(ident, Field.GlobalsCount));
  const ring = new RingWriter(i32, table.get(ident, Field.RingBase), table.clockIndex());
  // timeOrigin differs per worker; timeOrigin + now() is one clock for all.
  const origin = performance.timeOrigin - run.epochMs;
  const ctx: WorkerContext = {
    run, i32, table, ident, globals, ring,
    heap: new SharedHeap(i32),
    output: new OutputWriter(i32, table.get(ident, Field.OutputBase)),
    role: table.role(ident),
    pid: table.get(ident, Field.Pid),
    scope: null,
    snapshot: () => ({}),
    currentThread: null,
    state: ThreadState.Starting,
    now: () => origin + performance.now(),
    post,
    enter(state, obj = 0) {
      // Blocking or ending gives the GIL up; running again takes it back,
      // waiting for it (and showing so) when another thread holds it. The
      // timeline must never show two holders at once: a thread shows its new
      // state before it drops the GIL, and "running" only after taking it.
      if (gil && state === ThreadState.Running) gil.take();
      ctx.state = state;
      ring.write(ctx.now(), EventKind.State, state, obj);
      if (gil && state !== ThreadState.Running) gil.drop();
    },
    yieldGil() {
      if (gil?.yieldIfAsked()) ring.write(ctx.now(), EventKind.State, ThreadState.Running, 0);
    },
    trace(kind, arg, obj, tMs = ctx.now()) {
      ring.write(tMs, kind, arg, obj);
    },
    traceFast(kind, arg, obj) {
      ring.writeCoarse(kind, arg, obj);
    },
  };
  const gil = new Gil(i32, table.get(ident, Field.GilBase)).enabled()
    ? new GilSession(
        table, ident, ctx.now,
        () => ring.write(ctx.now(), EventKind.State, ThreadState.Runnable, 0),
        (from, latencyUs) => ring.write(ctx.now(), EventKind.GilHandover, Math.min(latencyUs, 0xffffff), from),
      )
    : null;
  current = ctx;
  return ctx;
}
