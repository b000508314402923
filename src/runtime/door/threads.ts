// The door's threads and processes: start a thread (or fork a process), the
// numbers in Python's default names, ending the run or a process, and the
// GIL's knobs. The API encodes what a new thread runs (the snippet's values,
// api/thread.ts); everything about where it runs and in which memory is
// decided here, so a change of how threads start (warm workers, a
// controlled schedule) is made once.

import { Ctl, EXIT_CODE_IDENTS, Field, MAIN_PID, startsProcess } from "../thread-table";
import type { ThreadRole } from "../protocol";
import { provisionThread } from "../provision";
import { dropPayload, storePayload, type Payload } from "../spawn-payload";
import { handOff } from "../dock";
import { sendToRunner } from "../runner-link";
import { context } from "../worker-context";
import { Gil } from "../../sync/gil";
import { RuntimeError } from "../../base/errors";
import { StepKind } from "../control/step-kinds";
import { hereInSnippet } from "../snippet-position";

export interface StartRequest {
  name: string;
  role: ThreadRole;
  daemon: boolean;
  /** a new process's own GIL choice; undefined: as its parent */
  gil?: boolean;
  /** what the thread runs, encoded by the API */
  payload: Payload;
}

/**
 * Starts a thread (a process, for the process roles) and returns its ident.
 * The table entry says "alive" before the worker exists, so isAlive() and
 * join() are right from the first instant; a start that fails (the thread
 * limit) leaves nothing behind. A parked worker takes the thread through
 * the dock (runtime/dock.ts) with no message; only when none is parked is
 * the runner asked for one.
 */
export function startThread(request: StartRequest): number {
  const ctx = context();
  if (ctx.control) {
    if (!ctx.control.canRegister()) throw new RuntimeError("can't start new thread: a controlled run starts at most 1024 threads");
    ctx.control.step(StepKind.Start, 0);
  }
  let pid = ctx.pid;
  let memory = {
    gilBase: ctx.table.get(ctx.ident, Field.GilBase),
    globalsOffset: ctx.table.get(ctx.ident, Field.GlobalsOffset),
    globalsCount: ctx.globals.length,
  };
  if (startsProcess(request.role)) {
    // Process.exitcode outlives the process's slot: a table by ident, made by the first start of a process
    // (4 MB that a run of threads alone, or each schedule of a search, would otherwise zero for nothing).
    const exitCodes = ctx.table.control + Ctl.ExitCodes;
    if (Atomics.load(ctx.i32, exitCodes) === 0) Atomics.compareExchange(ctx.i32, exitCodes, 0, ctx.heap.alloc(EXIT_CODE_IDENTS));
    // Each process has its own interpreter, so its own GIL...
    const parentGil = new Gil(ctx.i32, memory.gilBase).enabled();
    const gilBase = ctx.heap.alloc(Gil.WORDS);
    new Gil(ctx.i32, gilBase).setEnabled(request.gil ?? parentGil);
    // ...and, as after fork(), a pid and a copy of the shared globals as they are now.
    pid = MAIN_PID + ctx.table.counter(Ctl.Pids);
    const globalsOffset = ctx.userHeap.allocFloat64(Math.max(1, ctx.globals.length));
    new Float64Array(ctx.run.userHeap, globalsOffset, ctx.globals.length).set(ctx.globals);
    memory = { gilBase, globalsOffset, globalsCount: ctx.globals.length };
  }
  const ident = ctx.table.reserve(request.name, request.role, request.daemon, pid, ctx.ident);
  // the new thread starts with everything its starter did so far (race detector),
  // and a race report says where it was started
  if (ctx.race) {
    ctx.race.fork(ident);
    sendToRunner({ type: "thread-origin", ident, pos: hereInSnippet() });
  }
  const payloadMemory = { table: ctx.table, blocks: ctx.blocks, userHeap: ctx.run.userHeap };
  try {
    provisionThread(ctx.heap, ctx.table, ident, memory);
    storePayload(payloadMemory, ident, request.payload);
  } catch (error) {
    dropPayload(payloadMemory, ident);
    ctx.table.abandon(ident);
    throw error;
  }
  ctx.traceStarting(ident);
  ctx.table.publish(ident);
  ctx.control?.register(ident);
  // (A controlled run's starts wait for no worker: the dock is not filled in one, runner/crew.ts fillDock.)
  const ended = ctx.control ? undefined : (held: number) => !ctx.table.isAlive(held);
  if (!handOff(ctx.i32, ctx.table.control, ident, ended)) sendToRunner({ type: "spawn", ident });
  return ident;
}

const NAME_COUNTERS = {
  Thread: Ctl.ThreadNames,
  Dummy: Ctl.DummyNames,
  Process: Ctl.ProcessNames,
  PoolWorker: Ctl.PoolWorkerNames,
  ThreadPoolExecutor: Ctl.ExecutorNames,
} as const;

/** The next N of a Python default name ("Thread-N"), counted across every worker of the run. */
export function nextNameNumber(prefix: keyof typeof NAME_COUNTERS): number {
  return context().table.counter(NAME_COUNTERS[prefix]);
}

export function isDaemon(ident: number): boolean {
  return context().table.get(ident, Field.Daemon) === 1;
}

export function pidOf(ident: number): number {
  return context().table.get(ident, Field.Pid);
}

/** The pid of the process that started the caller's process (the page's tab stands in for MainProcess's parent). */
export function parentPid(): number {
  const ctx = context();
  const main = ctx.table.processMain(ctx.ident);
  if (main === 1) return MAIN_PID - 1;
  return pidOf(ctx.table.get(main, Field.Parent));
}

/** Ends every thread of the run now (os._exit); never returns. */
export function endRun(exitCode: number): never {
  sendToRunner({ type: "os-exit", exitCode });
  // The runner terminates every worker of the run; until then, do nothing more.
  const word = new Int32Array(new SharedArrayBuffer(4));
  for (;;) Atomics.wait(word, 0, 0);
}

/** Ends every thread of process `pid` at once, as SIGTERM would. */
export function terminateProcess(pid: number): void {
  // The runner ends the process's workers when its message comes, at no step of the schedule: no replay could repeat when.
  if (context().control) throw new RuntimeError("Process.terminate() is not supported in a controlled run yet: a worker is ended when the runner gets to it, not at a step the schedule can replay; end the process by a message it waits for instead");
  sendToRunner({ type: "terminate", pid });
}

/** The GIL's switch interval for the whole run (sys.setswitchinterval), in µs. */
export function setSwitchIntervalUs(us: number): void {
  const ctx = context();
  Atomics.store(ctx.i32, ctx.table.control + Ctl.SwitchIntervalUs, us);
}

export function switchIntervalUs(): number {
  const ctx = context();
  return Atomics.load(ctx.i32, ctx.table.control + Ctl.SwitchIntervalUs);
}

/** Whether the caller's process runs with the GIL. */
export function gilEnabled(): boolean {
  const ctx = context();
  return new Gil(ctx.i32, ctx.table.get(ctx.ident, Field.GilBase)).enabled();
}
