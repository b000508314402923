// Entry point of every worker of a run: MainThread, each Thread, and later
// processes and pool workers. A worker boots once (warm, before any run),
// may be told to prepare (compile the run's snippet body ahead of time), and
// is then started as exactly one thread; when that thread ends, the worker's
// job is done and the page retires it.

/// <reference lib="webworker" />
import * as api from "../api/index";
import { reviveApiObject } from "../api/revive";
import { INTERNAL_FUNCTIONS } from "../api/task-workers";
import { threadFromSpawn, threadHandle } from "../api/thread";
import { SystemExit, runAtexitHandlers } from "../api/lifecycle";
import { shutdownExecutors } from "../api/executor";
import { pendingLoops } from "../api/asyncio";
import { WaitKind } from "./wait-kinds";
import type { FromWorker, RunContextInit, SpawnPayload, ToWorker } from "./protocol";
import { createContext, type WorkerContext } from "./worker-context";
import { createHost } from "./host";
import { Field, Lifecycle, startsProcess } from "./thread-table";
import { ThreadState } from "../trace/events";

type SnippetBody = (host: unknown) => Promise<void>;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => SnippetBody;

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: FromWorker) => scope.postMessage(message);
let prepared: { runId: number; body: SnippetBody } | null = null;

function bodyFor(run: RunContextInit): SnippetBody {
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
      ctx.table.setWait(ctx.ident, WaitKind.Join, ident);
      ctx.enter(ThreadState.Waiting, ident);
      ctx.table.join(ident);
    }
    ctx.table.setWait(ctx.ident, WaitKind.None);
    ctx.enter(ThreadState.Running);
  }
}

function reportException(ctx: WorkerContext, error: unknown): void {
  const isError = error instanceof Error;
  post({
    type: "exception",
    runId: ctx.run.runId,
    ident: ctx.ident,
    errorName: isError ? error.name : "Error",
    message: isError ? error.message : String(error),
    stack: isError ? String(error.stack ?? "") : "",
    t: ctx.now(),
  });
}

async function startThread(run: RunContextInit, spawn: SpawnPayload): Promise<void> {
  const ctx = createContext(run, spawn.ident, post);
  Atomics.compareExchange(ctx.i32, ctx.table.at(ctx.ident, Field.Lifecycle), Lifecycle.Starting, Lifecycle.Alive);
  ctx.enter(ThreadState.Running);
  const isMain = spawn.role === "main";
  const forks = startsProcess(spawn.role);
  const { host, decoder } = createHost(ctx, isMain, spawn.snapshot as Record<string, unknown>, {
    api: api as unknown as Record<string, unknown>,
    internals: INTERNAL_FUNCTIONS,
    revive: reviveApiObject,
  });
  let final: "done" | "error" = "done";
  let exitCode = 0;
  try {
    ctx.currentThread = threadHandle(ctx.ident, spawn.name);
    try {
      if (isMain) {
        await bodyFor(run)(host);
      } else {
        await bodyFor(run)(host);
        const thread = threadFromSpawn(ctx, spawn, decoder());
        // In a process, as in Python's child, the thread that runs is its MainThread.
        ctx.currentThread = forks ? threadHandle(ctx.ident, "MainThread") : thread;
        await thread.run();
      }
    } catch (error) {
      // exit() ends MainThread's program (or a thread) without a traceback.
      if (!(error instanceof SystemExit)) throw error;
      exitCode = error.code;
    }
    // asyncio.run() loops still running: the program is not over yet.
    while (pendingLoops.size > 0) await Promise.all(pendingLoops);
    if (isMain) {
      shutdownExecutors();
      waitForNonDaemonThreads(ctx);
      await runAtexitHandlers((error) => reportException(ctx, error));
    } else if (forks) {
      waitForNonDaemonThreads(ctx);
    }
  } catch (error) {
    final = "error";
    exitCode = 1;
    reportException(ctx, error);
  }
  ctx.table.set(ctx.ident, Field.ExitCode, exitCode);
  ctx.enter(final === "done" ? ThreadState.Done : ThreadState.Error);
  ctx.table.finish(ctx.ident);
  post({ type: "exit", runId: run.runId, ident: ctx.ident, state: final, t: ctx.now(), exitCode });
}

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  switch (message.type) {
    case "prepare":
      try {
        bodyFor(message.run);
      } catch {
        // A body that does not compile fails again, visibly, at start.
      }
      break;
    case "start":
      void startThread(message.run, message.spawn);
      break;
  }
};

post({ type: "booted" });
