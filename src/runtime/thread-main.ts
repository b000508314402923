// A thread worker's life, as the runtime runs it: MainThread, each Thread,
// process, pool worker and Timer. A worker boots once (warm, before any
// run), may be told to prepare (compile the run's snippet body ahead of
// time), and is then told to serve one run: it runs the thread it is given,
// if any, then parks at its dock place (dock.ts) until a starter hands it
// the next thread of the run, and so on until the run ends. The runner then
// terminates it, or, at the end of a controlled run, closes its dock place:
// the worker lets go of the run, says whether it is as it booted
// (worker-hygiene.ts), and may be told to serve the next run of the same
// code (a search's next schedule). What a thread runs comes
// through shared memory (spawn-payload.ts). What a thread is, and what ends
// a program, comes from the API (src/thread-worker.ts passes it in), so this
// layer never imports the API.
//
// It talks to the runner through the port of its serve message (protocol.ts,
// runner-link.ts), which no object the snippet can reach holds.

/// <reference lib="webworker" />
import type { RunContextInit, SpawnPayload, ToWorker, WorkerBooted } from "./protocol";
import { closePlace, leavePlace, park, REVIEW } from "./dock";
import { takePayload } from "./spawn-payload";
import { connectRunner, sendToRunner } from "./runner-link";
import { createContext, onFreezing, releaseContext, type WorkerContext } from "./worker-context";
import { armHygiene } from "./worker-hygiene";
import { bindTimersToThreads } from "./thread-timers";
import { bindHostCallsToThreads } from "./thread-host-calls";
import { armEventLoop, inFlight } from "./thread-event-loop";
import { rehearse } from "./rehearsal";
import { createHost, type HostParts } from "./host";
import { Field, Lifecycle, startsProcess } from "./thread-table";
import { block } from "./door/blocking";
import { isError, safely, stackOfThrown, UNPRINTABLE } from "./thrown";
import type { Decoder } from "./serialize";
import { ThreadState } from "../trace/events";
import { ObjKind, objRef } from "../trace/object-kinds";

type Hygiene = ReturnType<typeof armHygiene>;

/** What the API gives the runtime to run threads with. */
export interface ThreadParts extends HostParts {
  /** the handle currentThread() returns for thread `ident` */
  handle(ident: number, name: string): unknown;
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

function bodyFor(run: Pick<RunContextInit, "js">): SnippetBody {
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

/** Runs thread `ident`; resolves with its context, ended. */
async function runThread(parts: ThreadParts, run: RunContextInit, ident: number): Promise<WorkerContext> {
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
        ctx.currentThread = forks ? parts.handle(ctx.ident, "MainThread") : thread;
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
  const ends = ctx.end();
  ctx.table.finish(ctx.ident);
  if (ctx.control) {
    ctx.control.touched(objRef(ObjKind.Thread, ctx.ident));
    ctx.control.exit();
  }
  sendToRunner({ type: "exit", state: final, t: ctx.now(), exitCode, ends });
  return ctx;
}

/**
 * Runs thread `ident`, then lets what it left running run; false if the
 * worker may serve no more. Its own function, so that the serve loop,
 * whose frame lives on while the worker is parked, holds no reference to
 * the thread's context.
 */
async function serveThread(parts: ThreadParts, run: RunContextInit, ident: number, hygiene: { nextTask(): Promise<void>; later(fn: () => void): void }): Promise<boolean> {
  let ended: WorkerContext;
  try {
    ended = await runThread(parts, run, ident);
  } catch (error) {
    // The runtime itself failed around the thread (its memory, which the snippet can reach, overwritten): the
    // thread ends in error, so that its joiners and the run go on, and this worker, whose state is in doubt, serves no more.
    const t = performance.timeOrigin + performance.now() - run.epochMs;
    const message = `the runtime could not run this thread: ${safely(() => String((error as Error).message), UNPRINTABLE)} (did the snippet write over the runtime's memory?)`;
    sendToRunner({ type: "exception", errorName: "RuntimeError", message, stack: "", t });
    sendToRunner({ type: "exit", state: "error", t, exitCode: 1, broken: true });
    return false;
  }
  // What the thread left running (a promise chain it did not await) runs now, in a task of its own before
  // the worker parks, while the thread's own context is still this worker's: parked first, the chain would
  // go on inside the next thread this worker takes, printing as that thread and blocking it. (MainThread's
  // end ends the run: its worker takes no next thread in it, and the run's time is not held up.)
  if (ended.role === "main") return true;
  await hygiene.nextTask();
  reportLate(ended, hygiene);
  return true;
}

/**
 * What code an ended thread left running did is on no lane (the thread's
 * rings are closed, and no other thread's may carry it), and its timers
 * that came due after the end were dropped (thread-timers.ts): said, once
 * its hop has run what was queued, or, if nothing came of it then (it
 * waits on a timer or the host), as soon as something does, from a task
 * of its own, so that the count takes in what it does in one go.
 */
function reportLate(ended: WorkerContext, hygiene: { later(fn: () => void): void }): void {
  const report = () => {
    const events = ended.ring.lateEvents, lines = ended.output.lateLines, timers = ended.droppedTimers, hostCalls = ended.droppedHostCalls;
    if (events > 0 || lines > 0 || timers > 0 || hostCalls > 0) sendToRunner({ type: "late", ident: ended.ident, events, lines, timers, hostCalls });
  };
  if (ended.ring.lateEvents > 0 || ended.output.lateLines > 0 || ended.droppedTimers > 0 || ended.droppedHostCalls > 0) return report();
  const soon = () => {
    ended.ring.onLate = ended.output.onLate = ended.onDropped = null;
    hygiene.later(report);
  };
  ended.ring.onLate = ended.output.onLate = ended.onDropped = soon;
}

/** Serves the run: the thread given, if any, then whatever the dock hands this worker. */
async function serve(parts: ThreadParts, hygiene: Hygiene, message: Extract<ToWorker, { type: "serve" }>): Promise<void> {
  connectRunner(message.port);
  const at = message.placeAt;
  // (Renewed at each run a docked worker serves: per-run state is kept by this object, door/objects.ts.)
  let run = message.run;
  hygiene.serving(message.reusable === true);
  try {
    bodyFor(run);
  } catch {
    // A body that does not compile fails again, visibly, in its thread.
  }
  const i32 = new Int32Array(run.heap);
  if (at >= i32.length) return;
  // Frozen by what an ended thread left running (control/scheduler.ts), this worker will not park again:
  // its place says so at once, so the runner neither hands it a thread nor waits for it to park at the run's end.
  onFreezing(() => {
    if (at >= 0) closePlace(i32, at);
  });
  let ident = message.ident ?? 0;
  let reviewed = false;
  /** a thread ran here since the worker last checked itself (one that ran none has nothing to check) */
  let ran = false;
  /** the thread it ran last (its place holds it until it parks again) */
  let last = 0;
  for (;;) {
    if (ident === 0) {
      if (at < 0) return;
      // Blocks this worker (nothing else of this run is left for it to do) until a starter hands it a thread.
      ident = park(i32, at, reviewed, last);
      reviewed = false;
      if (ident === REVIEW) {
        // The run is over, and the runner keeps this worker docked for the next run of the same code
        // (runner/docked-crew.ts), in the same memory: the check a kept worker makes before its next run, made
        // here, from a task of its own (what the run left queued as microtasks runs first), then park again.
        releaseContext();
        if (ran) {
          await hygiene.nextTask();
          if (parts.leftover() || !hygiene.clean()) {
            leavePlace(i32, at);
            sendToRunner({ type: "idle", clean: false });
            return;
          }
        }
        ran = false;
        reviewed = true;
        run = { ...run };
        ident = 0;
        continue;
      }
      if (ident === 0) {
        releaseContext();
        // From a task of its own: what the run left queued as microtasks runs first (and a chain that never
        // ends never lets this report go: the runner then gives up on the worker).
        hygiene.later(() => sendToRunner({ type: "idle", clean: !parts.leftover() && hygiene.clean() }));
        return;
      }
    }
    ran = true;
    last = ident;
    if (!(await serveThread(parts, run, ident, hygiene))) return;
    ident = 0;
  }
}

/**
 * How long a booted worker waits unserved before it rehearses (rehearsal.ts)
 * and records its hygiene fingerprint (worker-hygiene.ts): a worker a run
 * takes at once (a cold page's first, a run right after another) skips
 * both; one that waits in the pool has them done before its run: its
 * threads start warm, and a search's first schedule does not pay the
 * fingerprint.
 */
const IDLE_MS = 1000;

/** The worker's rehearsal (rehearsal.ts), through this file's own runThread; the snippet a "prepare" compiled stays compiled. */
export async function rehearseThreads(parts: ThreadParts): Promise<number> {
  const kept = prepared;
  try {
    return await rehearse((run, ident) => runThread(parts, run, ident));
  } finally {
    if (kept) prepared = kept;
  }
}

/** Installs the worker's message loop and says it has booted. */
export function serveThreads(parts: ThreadParts): void {
  const scope = self as unknown as DedicatedWorkerGlobalScope;
  let rehearsing: Promise<unknown> | null = null;
  scope.onmessage = (event: MessageEvent<ToWorker>) => {
    const message = event.data;
    switch (message.type) {
      case "prepare":
        try {
          bodyFor(message);
        } catch {
          // A body that does not compile fails again, visibly, at start.
        }
        break;
      case "serve":
        // (A rehearsal runs to its end within its own task, so none is under way here; if one ever were, the run waits.)
        if (rehearsing) void rehearsing.then(() => serve(parts, hygiene, message), () => serve(parts, hygiene, message));
        else void serve(parts, hygiene, message);
        break;
    }
  };
  // (Before anything is wrapped: the event loop's probe comes through a channel of the runtime's own.)
  armEventLoop();
  const hygiene = armHygiene(scope as unknown as Record<string, unknown>, parts.api);
  // (After the hygiene's wrap: its `later` and `nextTask`, the runtime's own, stay unbound.)
  bindTimersToThreads(scope);
  bindHostCallsToThreads(scope);
  hygiene.fingerprintWhenIdle(IDLE_MS, () => (rehearsing = rehearseThreads(parts).finally(() => (rehearsing = null))));
  scope.postMessage({ type: "booted" } satisfies WorkerBooted);
}
