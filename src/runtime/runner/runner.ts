// The runner: what answers the page's run requests. It lives in a sandboxed
// frame of its own (runner-frame.ts), so that the run's workers share that
// frame's process and not the page's: a run that exhausts memory ends that
// process, and the page lives on (src/session/runner-client.ts notices and
// makes a new frame). Where a browser cannot isolate such a frame, the page
// starts the runner in itself instead, with the same code and the same port.
//
// It keeps warm thread workers, runs one run at a time (a new request stops
// the previous run first), and beats every BEAT_MS so the page can tell it
// is alive.

import type { FromRunner, ToRunner, WorkerSources } from "../frame-protocol";
import { checkSettings, checkTimeout, resolveSettings } from "../settings";
import { BlobWorkers, WarmPool } from "./worker-pool";
import { Supervisor, type RunRequest } from "./supervisor";
import { allocateHeaps } from "./run-memory";
import { HeapShelf } from "./heap-shelf";
import { Dock } from "./docked-crew";
import { batchedSend } from "./message-batch";
import { RunnerSearch, type SearchRequest } from "./search-runner";
import type { ControlPlan } from "../types";
import { skewFrameClock } from "./worker-time";
import { RunClock } from "./run-clock";

export const BEAT_MS = 250;
/** how long a search's next schedule waits for the workers the last one left docked to park again before it takes others */
const DOCK_WAIT_MS = 1000;
/** the most code a run request may carry (the page refuses more, with a message, before it gets here) */
export const MAX_JS_CHARS = 4 << 20;
/** the longest a search may be given (an hour) */
const MAX_SEARCH_MS = 3_600_000;
/** the most a test may set the runner's clock off (worker-time.ts) */
const MAX_SKEW_MS = 1000;

export interface RunnerHandle {
  dispose(): void;
}

function readRequest(data: unknown): ToRunner | null {
  if (typeof data !== "object" || data === null) return null;
  const m = data as Record<string, unknown>;
  if (!Number.isInteger(m.runId)) return null;
  switch (m.type) {
    case "stop":
    case "ack":
    case "workers":
    case "warm":
      return m as ToRunner;
    case "skew":
      return typeof m.ms === "number" && Math.abs(m.ms) <= MAX_SKEW_MS ? { type: "skew", runId: 0, ms: m.ms } : null;
    case "search": {
      const settings = checkSettings(m.settings);
      if (typeof m.js !== "string" || m.js.length > MAX_JS_CHARS || !settings.ok) return null;
      if (!Number.isInteger(m.sharedGlobals) || (m.sharedGlobals as number) < 0 || (m.sharedGlobals as number) > 1 << 20) return null;
      if (m.mode !== "failure" && m.mode !== "outcomes") return null;
      if (!Number.isInteger(m.maxSchedules) || (m.maxSchedules as number) < 1 || (m.maxSchedules as number) > 100_000) return null;
      if (typeof m.budgetMs !== "number" || !(m.budgetMs >= 0)) return null;
      return {
        type: "search", runId: m.runId as number, js: m.js, sharedGlobals: m.sharedGlobals as number, settings: resolveSettings(settings.settings),
        // (The page allows a search 2^31 ms; past an hour the runner ends it and says how far it got.)
        mode: m.mode, maxSchedules: m.maxSchedules as number, budgetMs: Math.min(m.budgetMs, MAX_SEARCH_MS),
      };
    }
    case "run": {
      const settings = checkSettings(m.settings);
      if (typeof m.js !== "string" || m.js.length > MAX_JS_CHARS || !settings.ok) return null;
      if (!Number.isInteger(m.sharedGlobals) || (m.sharedGlobals as number) < 0 || (m.sharedGlobals as number) > 1 << 20) return null;
      if (checkTimeout(m.timeoutMs) !== null) return null;
      const plan = readPlan(m.plan);
      if (plan === null) return null;
      return {
        type: "run", runId: m.runId as number, js: m.js, sharedGlobals: m.sharedGlobals as number,
        settings: resolveSettings(settings.settings), timeoutMs: m.timeoutMs as number | undefined, ...(plan ? { plan } : {}),
      };
    }
  }
  return null;
}

/** A run request's control plan: undefined when absent, null when malformed. */
function readPlan(data: unknown): ControlPlan | undefined | null {
  if (data === undefined) return undefined;
  if (typeof data !== "object" || data === null) return null;
  const { policy, pctSteps, reuse } = data as Record<string, unknown>;
  if (policy !== "random" && policy !== "stay" && policy !== "pause" && policy !== "pct") return null;
  if (pctSteps !== undefined && !(Number.isInteger(pctSteps) && (pctSteps as number) > 0 && (pctSteps as number) <= 1_000_000)) return null;
  if (reuse !== undefined && typeof reuse !== "boolean") return null;
  return { policy, ...(pctSteps !== undefined ? { pctSteps: pctSteps as number } : {}), ...(reuse ? { reuse } : {}) };
}

function cannotStart(error: unknown): string {
  if (error instanceof RangeError) {
    return "MemoryError: the run could not get its shared memory from the browser (too many runs' memory not yet freed, or a device short of memory); run again in a moment";
  }
  return `the run could not start: ${error instanceof Error ? error.message : String(error)}`;
}

/** `key`: what the runner's frame was made with, said back in "ready" (session/runner-client.ts checks it) */
export function startRunner(port: MessagePort, sources: WorkerSources, key?: string): RunnerHandle {
  const isolated = globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === "function";
  const send = (message: FromRunner, transfer: Transferable[] = []) => port.postMessage(message, transfer);
  if (!isolated) {
    send({ type: "ready", isolated: false, problem: "the runner's frame is not cross-origin isolated", key });
    return { dispose: () => port.close() };
  }
  const threadWorkers = new BlobWorkers(sources.thread, "playground-thread");
  // Three while the page loads, eight once it has (the page says so: "warm"; a lesson's MainThread and its three
  // threads then all start warm, where the fourth worker booted on the spot, 50 ms of "starting" on its lane), or
  // once the first run has ended. Eight: the gallery's semaphore lesson starts six threads beside MainThread,
  // and its seventh worker, booted on the spot from a pool of six, drew 60-130 ms of "starting".
  const threads = new WarmPool(threadWorkers, 8, 2, 3);
  const drainerWorkers = new BlobWorkers(sources.drainer, "playground-drainer");
  const clockWorkers = new BlobWorkers(sources.clock, "playground-clock");
  // A run takes one of each (a controlled run no clock): booted ahead, so
  // that a short run does not wait for their boots at its end.
  const drainers = new WarmPool(drainerWorkers, 2, 1, 1);
  const clocks = new WarmPool(clockWorkers, 2, 1, 1);
  void RunClock.measureAhead(clocks);
  const shelf = new HeapShelf();
  const dock = new Dock(threads, shelf);
  let current: Supervisor | null = null;
  /** a run whose memory is still being allocated; a stop or a newer run cancels it */
  let pending: number | null = null;
  /** where the pending run's messages go: the page, or the probe of a search's run */
  let pendingOut = send;
  /** the search going on, if any (search-runner.ts): its runs are `current` in turn */
  let search: RunnerSearch | null = null;

  /** Starts a run; its messages go to `sink` (a search's probe) if given, else to the page. */
  const start = async (request: RunRequest, sink?: (message: FromRunner) => void) => {
    const out = sink ?? send;
    pending = request.runId;
    pendingOut = out;
    let failure: unknown = null;
    // A search's schedule may take the memory an earlier schedule left (runner/heap-shelf.ts); any other controlled
    // run (a replay, step mode, the search's replay of what it reports) takes fresh memory and leaves the shelf as it is.
    // Before that, the workers a search's last schedule left docked, in their memory (runner/docked-crew.ts).
    const reuse = request.plan?.reuse === true;
    const docked = await dock.take(request.js, request.settings, request.sharedGlobals, reuse, DOCK_WAIT_MS).catch(() => null);
    const shelved = docked ? null : !request.settings.controlled ? (shelf.clear(), null) : reuse ? await shelf.take(request.js) : null;
    const heaps = docked?.heaps ?? shelved ?? await allocateHeaps().catch((error: unknown) => {
      failure = error;
      return null;
    });
    if (pending !== request.runId) {
      void docked?.release(threads);
      return;
    }
    pending = null;
    if (heaps) {
      try {
        current = new Supervisor(request, heaps, {
          send: sink ?? (reuse ? batchedSend(request.runId, send) : send), threads, drainers, clocks, shelf, dock: (crew) => dock.put(crew),
          onEnd: () => {
            if (current?.runId === request.runId) current = null;
          },
        }, docked ?? undefined);
        return;
      } catch (error) {
        failure = error;
        void docked?.release(threads);
      }
    }
    // The page (or the search) waits for an end: a run that could not start must still send one.
    out({ type: "started", runId: request.runId });
    out({ type: "end", runId: request.runId, status: "error", exitCode: 1, endMs: 0, problem: cannotStart(failure) });
  };

  const cancelPending = (status: "stopped") => {
    if (pending === null) return;
    const runId = pending;
    pending = null;
    pendingOut({ type: "started", runId });
    pendingOut({ type: "end", runId, status, exitCode: 1, endMs: 0 });
  };

  /** A newer request, or the page's Stop: the search going on ends after its run, which stops now. */
  const stopSearch = () => {
    search?.stop();
    search = null;
  };

  const startSearch = async (request: SearchRequest) => {
    const running = (search = new RunnerSearch(request, (run, sink) => void start(run, sink), () => {
      if (current?.runId === request.runId) current.ack();
    }));
    const found = await running.run();
    if (search === running) search = null;
    try {
      send(found);
    } catch (error) {
      // (What it found could not be sent: the page still waits for an answer.)
      send({ type: "searched", runId: request.runId, schedulesRun: found.schedulesRun, exhaustive: false, unlisted: 0, outcomes: [], problem: `the search's findings could not be sent to the page: ${String(error)}` });
    }
  };

  port.onmessage = (event: MessageEvent) => {
    const request = readRequest(event.data);
    if (!request) return;
    switch (request.type) {
      case "run":
        stopSearch();
        current?.stop();
        current = null;
        cancelPending("stopped");
        void start({ runId: request.runId, js: request.js, settings: request.settings, sharedGlobals: request.sharedGlobals, timeoutMs: request.timeoutMs, plan: request.plan });
        return;
      case "search":
        stopSearch();
        current?.stop();
        current = null;
        cancelPending("stopped");
        void startSearch(request);
        return;
      case "stop":
        if (search?.runId === request.runId) stopSearch();
        if (current?.runId === request.runId) current.stop();
        if (pending === request.runId) cancelPending("stopped");
        return;
      case "ack":
        if (current?.runId === request.runId) current.ack();
        return;
      case "warm":
        // (A run being set up is not slowed either: it counts as going on only once its supervisor starts it, and
        // its end grows the pools.)
        if (pending === null) for (const pool of [threads, drainers, clocks]) pool.grow();
        return;
      case "skew":
        skewFrameClock(request.ms);
        return;
      case "workers": {
        const count = (w: BlobWorkers, pool: WarmPool, docked = 0) => ({ url: w.url, live: w.liveCount, made: w.madeCount, reused: pool.reused + docked, poolSize: pool.size });
        send({ type: "workers", counts: { thread: count(threadWorkers, threads, dock.workersServed), drainer: count(drainerWorkers, drainers), clock: count(clockWorkers, clocks), heapsReused: shelf.reused + dock.served, docked: dock.served } });
        return;
      }
    }
  };
  const beat = setInterval(() => send({ type: "beat" }), BEAT_MS);
  send({ type: "ready", isolated: true, key });
  return {
    dispose() {
      clearInterval(beat);
      pending = null;
      current?.stop();
      dock.clear();
      shelf.clear();
      threads.dispose();
      drainers.dispose();
      clocks.dispose();
      port.close();
    },
  };
}
