// A thread worker's life, as the runtime runs it: MainThread, each Thread,
// process, pool worker and Timer. A worker boots once (warm, before any
// run), may be told to prepare (compile the run's snippet body ahead of
// time), and is then started as one thread; when that thread ends, the
// runner may start it again as another thread of the same run (never of
// another run). What a thread runs, and what ends a program, comes from
// the API (src/thread-worker.ts passes it in), so this layer never
// imports the API.
//
// It talks to the runner through the port of its start message (protocol.ts,
// runner-link.ts), which no object the snippet can reach holds.

/// <reference lib="webworker" />
import type { RunContextInit, SpawnPayload, ToWorker, WorkerBooted } from "./protocol";
import { connectRunner, sendToRunner } from "./runner-link";
import { createContext, type WorkerContext } from "./worker-context";
import { createHost, type HostParts } from "./host";
import { Field, Lifecycle, startsProcess } from "./thread-table";
import { block } from "./door/blocking";
import { stackOfThrown } from "./thrown";
import type { Decoder } from "./serialize";
import { ThreadState } from "../trace/events";
import { ObjKind, objRef } from "../trace/object-kinds";

/** What the API gives the runtime to run threads with. */
export interface ThreadParts extends HostParts {
  /** the handle currentThread() returns for thread `ident` */
  handle(ident: number, name: string): unknown;
  /** the Thread (or subclass instance) a spawned thread runs, rebuilt in this worker */
  fromSpawn(ctx: WorkerContext, spawn: SpawnPayload, decoder: Decoder): { run(): unknown };
  /** the exit code if `error` is a SystemExit (exit() ends a program quietly), else null */
  exitCodeOf(error: unknown): number | null;
  /** what must finish before a thread's program is over (asyncio loops still running) */
  settle(): Promise<void>;
  /** MainThread's end of program: shut executors down, then (after the non-daemon threads) atexit */
  beforeJoin(): void;
  /** Python's repr() of a thrown value that is not an Error ('boom') */
  repr(value: unknown): string;
  atExit(report: (error: unknown) => void): Promise<void>;
}

type SnippetBody = (host: unknown) => Promise<void>;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => SnippetBody;

let prepared: { runId: number; body: SnippetBody } | null = null;

function bodyFor(run: Pick<RunContextInit, "runId" | "js">): SnippetBody {
  if (prepared?.runId !== run.runId) {
    prepared = { runId: run.runId, body: new AsyncFunction("__pg", `${run.js}\n//# sourceURL=snippet.js`) };
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
        onBlock();
        ctx.table.join(ident);
      });
    }
  }
}

function reportException(parts: ThreadParts, ctx: WorkerContext, error: unknown): void {
  const isError = error instanceof Error;
  sendToRunner({
    type: "exception",
    // A thrown string or object is shown as its value, where it was thrown (thrown.ts).
    errorName: isError ? error.name : "",
    message: isError ? error.message : parts.repr(error),
    stack: isError ? String(error.stack ?? "") : stackOfThrown(error),
    t: ctx.now(),
  });
}

async function startThread(parts: ThreadParts, run: RunContextInit, spawn: SpawnPayload, port: MessagePort): Promise<void> {
  connectRunner(port);
  const ctx = createContext(run, spawn.ident);
  Atomics.compareExchange(ctx.i32, ctx.table.at(ctx.ident, Field.Lifecycle), Lifecycle.Starting, Lifecycle.Alive);
  ctx.enter(ThreadState.Running);
  const isMain = spawn.role === "main";
  const forks = startsProcess(spawn.role);
  const { host, decoder } = createHost(ctx, isMain, spawn.snapshot as Record<string, unknown>, parts);
  let final: "done" | "error" = "done";
  let exitCode = 0;
  try {
    ctx.currentThread = parts.handle(ctx.ident, spawn.name);
    try {
      await bodyFor(run)(host);
      if (!isMain) {
        const thread = parts.fromSpawn(ctx, spawn, decoder());
        // In a process, as in Python's child, the thread that runs is its MainThread.
        ctx.currentThread = forks ? parts.handle(ctx.ident, "MainThread") : thread;
        await thread.run();
      }
    } catch (error) {
      const code = parts.exitCodeOf(error);
      if (code === null) throw error;
      exitCode = code;
    }
    await parts.settle();
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
  ctx.table.finish(ctx.ident);
  sendToRunner({ type: "exit", state: final, t: ctx.now(), exitCode });
}

/** Installs the worker's message loop and says it has booted. */
export function serveThreads(parts: ThreadParts): void {
  const scope = self as unknown as DedicatedWorkerGlobalScope;
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
      case "start":
        void startThread(parts, message.run, message.spawn, message.port);
        break;
    }
  };
  scope.postMessage({ type: "booted" } satisfies WorkerBooted);
}
