// One thread's run in a worker (thread-main.ts serves them): its context,
// the snippet's body (compiled once per code, called once per thread: fresh
// top-level variables each time), its target, the end of a program (Python
// waits for the non-daemon threads, then atexit), and what ends it, told to
// the runner however the snippet's code ended: an uncaught exception is
// read with care, so that the thread always ends, its join returns and its
// lane ends.

/// <reference lib="webworker" />
import type { RunContextInit, SpawnPayload } from "./protocol";
import { takePayload } from "./spawn-payload";
import { sendToRunner } from "./runner-link";
import { createContext, type WorkerContext } from "./worker-context";
import { inFlight } from "./thread-event-loop";
import { dropTimersOf } from "./thread-timers";
import { rehearse } from "./rehearsal";
import { createHost, type HostParts } from "./host";
import { Field, Lifecycle, startsProcess } from "./thread-table";
import { block } from "./door/blocking";
import { isError, safely, stackOfThrown, UNPRINTABLE } from "./thrown";
import type { Decoder } from "./serialize";
import { ThreadState } from "../trace/events";
import { ObjKind, objRef } from "../trace/object-kinds";

/** What the API gives the runtime to run threads with. */
export interface ThreadParts extends HostParts {
  /** the handle currentThread() returns for thread `ident`; `processMain`: a process's first thread, named as its code sees it */
  handle(ident: number, name: string, processMain?: boolean): unknown;
  /** the Thread (or subclass instance) a spawned thread runs, rebuilt in this worker */
  fromSpawn(ctx: WorkerContext, spawn: SpawnPayload, decoder: Decoder): { run(): unknown };
  /** the exit code if `error` is a SystemExit (exit() ends a program quietly), else null */
  exitCodeOf(error: unknown): number | null;
  /** what must finish before a thread's program is over (asyncio loops still running), if anything */
  settle(): Promise<void> | undefined;
  /** MainThread's end of program: shut executors down, then (after the non-daemon threads) atexit */
  beforeJoin(): void;
  /** Python's repr() of a thrown value that is not an Error ('boom') */
  repr(value: unknown): string;
  atExit(report: (error: unknown) => void): Promise<void>;
  /** what of a run the API still holds after it (an atexit function a failed MainThread never ran): the worker may not serve another run */
  leftover(): boolean;
}

type SnippetBody = (host: unknown) => Promise<void>;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => SnippetBody;

// (Kept by code, not by run: a body is a function, so each call has fresh top-level variables.)
let prepared: { js: string; body: SnippetBody } | null = null;

/** The snippet's body for `run`'s code, compiled once per code (a worker told to "prepare" compiles it ahead). */
export function bodyFor(run: Pick<RunContextInit, "js">): SnippetBody {
  if (prepared?.js !== run.js) {
    prepared = { js: run.js, body: new AsyncFunction("__pg", `${run.js}\n//# sourceURL=snippet.js`) };
  }
  return prepared.body;
}

/**
 * Python waits for every non-daemon thread before the program ends, and a
 * process for its own threads and child processes before it exits.
 */
function waitForNonDaemonThreads(ctx: WorkerContext): void {
  const mine = (id: number) => ctx.ident === 1 || ctx.table.get(id, Field.Pid) === ctx.pid || ctx.table.get(id, Field.Parent) === ctx.ident;
  for (;;) {
    const waiting = ctx.table.aliveIdents().filter((id) => id !== ctx.ident && ctx.table.get(id, Field.Daemon) === 0 && mine(id));
    if (waiting.length === 0) return;
    for (const ident of waiting) {
      block({ base: 0, ref: objRef(ObjKind.Thread, ident) }, false, (onBlock) => {
        if (!ctx.table.isAlive(ident)) return;
        onBlock();
        ctx.table.join(ident);
      });
    }
  }
}

/**
 * Tells the runner of a thread's uncaught exception. It reads the snippet's
 * value, whose getters may throw, so it never throws itself: the thread must
 * still end (its exit, the table, the scheduler's turn), or its join would
 * wait for ever and the timeline would draw it running.
 */
function reportException(parts: ThreadParts, ctx: WorkerContext, error: unknown): void {
  const asError = isError(error);
  sendToRunner({
    type: "exception",
    // A thrown string or object is shown as its value, where it was thrown (thrown.ts).
    errorName: asError ? safely(() => error.name, "Error") : "",
    message: asError ? safely(() => error.message, UNPRINTABLE) : safely(() => parts.repr(error), UNPRINTABLE),
    stack: asError ? safely(() => error.stack, "") : safely(() => stackOfThrown(error), ""),
    t: ctx.now(),
  });
}

/**
 * What runThread resolves with: an object with no prototype. Resolving a
 * promise with an object looks up its `then`, and one the snippet put on
 * Object.prototype would run there, the snippet's code inside the
 * runtime's, with the thread's context in its hands.
 */
export interface ThreadEnded {
  readonly ctx: WorkerContext;
}

/** (Taken as the module loads, before any snippet can replace it.) */
const { create } = Object;

/** Runs thread `ident`; resolves with its context, ended. */
export async function runThread(parts: ThreadParts, run: RunContextInit, ident: number): Promise<ThreadEnded> {
  sendToRunner({ type: "started", ident });
  const ctx = createContext(run, ident);
  Atomics.compareExchange(ctx.i32, ctx.table.at(ctx.ident, Field.Lifecycle), Lifecycle.Starting, Lifecycle.Alive);
  // "starting" until the thread's own code runs: its payload decoded, the
  // module's declarations evaluated again in this worker (a thread's) — none
  // of it the snippet's code, so none of it drawn as running. A thread has
  // been starting since its start() ran, when its starter wrote so into its
  // ring (door/threads.ts): when a worker took it up is the machine's timing
  // (in a controlled run, not the schedule's). MainThread, which the runner
  // starts, says so itself.
  if (ctx.role === "main") ctx.enter(ThreadState.Starting);
  // In a controlled run, nothing of the thread runs before the scheduler chooses its first step.
  ctx.control?.arrive();
  let final: "done" | "error" = "done";
  let exitCode = 0;
  try {
    const role = ctx.table.role(ident);
    const spawn: SpawnPayload = {
      ident, role, name: ctx.table.name(ident),
      ...takePayload({ table: ctx.table, blocks: ctx.blocks, userHeap: run.userHeap }, ident),
    };
    const isMain = role === "main";
    const forks = startsProcess(role);
    const { host, decoder } = createHost(ctx, isMain, spawn.snapshot as Record<string, unknown>, parts);
    ctx.currentThread = parts.handle(ctx.ident, spawn.name);
    try {
      // MainThread's code is the module's top level; a thread's is its target
      if (isMain) ctx.enter(ThreadState.Running);
      // (A promise in flight: once the thread's code has nothing left to run, it is idle: thread-event-loop.ts.
      // Another thread's body only declares the module again, still "starting": nothing of it can be idle.)
      const body = bodyFor(run)(host);
      await (isMain ? inFlight(ctx, body) : body);
      if (!isMain) {
        const thread = parts.fromSpawn(ctx, spawn, decoder());
        // In a process, as in Python's child, the thread that runs is its MainThread.
        ctx.currentThread = forks ? parts.handle(ctx.ident, "MainThread", true) : thread;
        ctx.enter(ThreadState.Running);
        await inFlight(ctx, thread.run());
      }
    } catch (error) {
      const code = parts.exitCodeOf(error);
      if (code === null) throw error;
      exitCode = code;
    }
    await inFlight(ctx, parts.settle());
    if (isMain || forks) ctx.atExit = true;
    if (isMain) {
      parts.beforeJoin();
      waitForNonDaemonThreads(ctx);
      await parts.atExit((error) => reportException(parts, ctx, error));
    } else if (forks) {
      waitForNonDaemonThreads(ctx);
    }
  } catch (error) {
    final = "error";
    exitCode = 1;
    reportException(parts, ctx, error);
  }
  ctx.table.setExitCode(ctx.ident, exitCode);
  ctx.enter(final === "done" ? ThreadState.Done : ThreadState.Error);
  // Its slot, rings included, goes to another thread once it is drained: what this thread left running
  // (a promise chain it did not await) may no longer write to them, nor take the GIL in its name.
  // Its timers still to come will never run (thread-timers.ts): cleared now, and said with its exit, which the
  // run hears before it ends (runner/run-threads.ts endAfterLastWords), however soon MainThread ends after it.
  const timers = ctx.role === "main" ? 0 : dropTimersOf(ctx);
  const ends = ctx.end();
  ctx.table.finish(ctx.ident);
  if (ctx.control) {
    ctx.control.touched(objRef(ObjKind.Thread, ctx.ident));
    ctx.control.exit();
  }
  sendToRunner({ type: "exit", state: final, t: ctx.now(), exitCode, ends, ...(timers > 0 ? { timers } : {}) });
  const ended = create(null) as { ctx: WorkerContext };
  ended.ctx = ctx;
  return ended;
}

/** The worker's rehearsal (rehearsal.ts), through runThread; the snippet a "prepare" compiled stays compiled. */
export async function rehearseThreads(parts: ThreadParts): Promise<number> {
  const kept = prepared;
  try {
    return await rehearse((run, ident) => runThread(parts, run, ident));
  } finally {
    if (kept) prepared = kept;
  }
}
