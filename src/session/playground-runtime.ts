// The runtime as the page sees it (runtime-api.ts): compile in the page's
// compiler worker, resolve the run's settings, then hand the run to the
// runner (runner-client.ts) and follow it with a RunSession; one run at a
// time. The page itself never runs a snippet and never blocks.

import type { PlaygroundRuntime, RunHandle, RunListener, SearchHandle, SearchOptions, SettingsLayers } from "./runtime-api";
import type { CompileResult } from "../compile/types";
import type { ResolvedSettings } from "../runtime/settings";
import type { LoopResult } from "../runtime/search/search-loop";
import type { SearchRun } from "./explore";
import { takeSearched } from "./searched-runs";
import type { RunResult } from "../runtime/types";
import type { FromRunner, WorkerCounts } from "../runtime/frame-protocol";
import { checkSettings, checkTimeout, resolveSettings } from "../runtime/settings";
import { compileSnippet, warmCompiler } from "./compile-client";
import { connectRunner, type RunnerConnection } from "./runner-client";
import { RunSession } from "./run-session";
import type { ControlReport } from "../runtime/types";
import { decodeSchedule } from "../runtime/control/schedule-codec";
import { MAX_STEPS } from "../runtime/control/control-memory";

/** the most messages the page takes from one batch of the runner's */
const MAX_BATCH = 1024;

/** how long a stopped search waits for the runner's answer before it ends without one */
const STOPPED_SEARCH_WAIT_MS = 5000;

/** The most code a run takes (a snippet is a lesson, not a library); more is refused with a message. */
export const MAX_CODE_CHARS = 1_000_000;

export function codeTooLong(length: number): string {
  return `the code is ${length.toLocaleString("en")} characters long; the playground takes at most ${MAX_CODE_CHARS.toLocaleString("en")}`;
}

function isolationProblem(): string | null {
  if (typeof SharedArrayBuffer === "undefined" || !globalThis.crossOriginIsolated) {
    return (
      "This page is not cross-origin isolated, so the browser withholds SharedArrayBuffer and Atomics.wait, " +
      "which real threads need. Serve it with Cross-Origin-Opener-Policy: same-origin and " +
      "Cross-Origin-Embedder-Policy: require-corp (npm start does), or open it in a new tab."
    );
  }
  return null;
}

/** A RunResult for a run that never started: its errors, as Python would print them. */
export function refusedResult(errors: RunResult["errors"], thread = "compiler"): RunResult {
  return {
    status: "error", exitCode: 1, durationMs: 0,
    output: errors.map((e) => ({ thread, text: e.line ? `SyntaxError: ${e.message} (line ${e.line}, column ${e.column})` : e.message, t: 0, stream: "stderr" as const, system: true as const })),
    errors: errors.map((e) => ({ ...e, system: true as const })), threads: [], stats: { events: 0, droppedEvents: 0 },
  };
}

export function createPlaygroundRuntime(options: { inline?: boolean } = {}): PlaygroundRuntime {
  const problem = isolationProblem();
  let connection: Promise<RunnerConnection> | null = null;
  let session: RunSession | null = null;
  let nextRunId = 1;

  const workerQueries: ((counts: WorkerCounts) => void)[] = [];
  /** searches the runner is running, by run id (runner/search-runner.ts) */
  const searches = new Map<number, { resolve(found: Extract<FromRunner, { type: "searched" }>): void; reject(error: Error): void }>();
  const events = {
    message(message: FromRunner) {
      if (message.type === "searched") {
        searches.get(message.runId)?.resolve(message);
        searches.delete(message.runId);
        return;
      }
      if (message.type === "workers") workerQueries.shift()?.(message.counts);
      else if (session && "runId" in message && message.runId === session.runId) {
        if (message.type !== "batch") return session.handle(message);
        // (Only the batch's own run's messages, and no batch in a batch.)
        const target = session;
        // (A batch holds at most MAX_HELD messages and PAGE_IN_FLIGHT chunks: runner/message-batch.ts.)
        if (!Array.isArray(message.messages) || message.messages.length > MAX_BATCH) return;
        for (const inner of message.messages as unknown[]) {
          const m = inner as FromRunner;
          if (typeof m === "object" && m !== null && m.type !== "batch" && "runId" in m && m.runId === target.runId) target.handle(m);
        }
      }
    },
    crashed() {
      session?.crashed();
      for (const search of searches.values()) search.reject(new Error("the runner's process ended during the search (it ran out of memory?); the next search starts afresh"));
      searches.clear();
      connection = connect();
      // (The new runner's pools are told the page has loaded, as the first one's were.)
      if (warmed) sendWarm();
    },
  };
  const connect = () => connectRunner(events, options.inline);
  /** the page has said it has loaded (warm): a runner started after a crash is told too */
  let warmed = false;
  const sendWarm = () => void connection?.then((runner) => runner.send({ type: "warm", runId: 0 }));
  if (!problem) {
    connection = connect();
    warmCompiler();
  }

  /**
   * Compiles `code` and resolves the run's settings: what a run or a search
   * sends the runner, or the RunResult of one that cannot start.
   */
  const prepare = async (
    code: string, layers: SettingsLayers, listener: RunListener, timeoutMs: number | undefined, isStopped: () => boolean, drawSeed = true,
  ): Promise<RunResult | { program: CompileResult; settings: ResolvedSettings }> => {
    if (!connection) throw new Error(problem ?? "the runtime is not available");
    if (code.length > MAX_CODE_CHARS) {
      return refusedResult([{ thread: "MainThread", message: codeTooLong(code.length) }], "playground");
    }
    // (The runner would drop a request with a bad one, and the page would wait for its end for ever.)
    const badTimeout = checkTimeout(timeoutMs);
    if (badTimeout) return refusedResult([{ thread: "MainThread", message: badTimeout }], "playground");
    const toolbar = checkSettings(layers.toolbar, "the toolbar's settings");
    const request = checkSettings(layers.request, "settings");
    const compiled = await compileSnippet(code, { ticks: true });
    listener.onDiagnostics?.(compiled.diagnostics);
    const pragma = checkSettings(compiled.pragmas, "the pragma on line 1");
    for (const check of [request, pragma, toolbar]) {
      if (!check.ok) return refusedResult([{ thread: "MainThread", message: check.error }], "playground");
    }
    if (!compiled.ok) {
      const errors = compiled.diagnostics.filter((d) => d.severity === "error");
      return refusedResult(errors.map((d) => ({ thread: "MainThread", message: d.message, line: d.line, column: d.column })));
    }
    if (isStopped()) return { ...refusedResult([]), status: "stopped" };
    const settings = resolveSettings(toolbar.ok ? toolbar.settings : {}, pragma.ok ? pragma.settings : {}, request.ok ? request.settings : {});
    if (settings.controlled) {
      // A controlled run always has a seed, drawn when none was given, so it can be reported and replayed.
      // (A search's runs each draw their own, unless one was given: runner/search-runner.ts.)
      if (drawSeed) settings.seed ??= Math.floor(Math.random() * 0x1_0000_0000) >>> 0;
      const schedule = settings.schedule === undefined ? null : decodeSchedule(settings.schedule, MAX_STEPS);
      if (schedule && !schedule.ok) return refusedResult([{ thread: "MainThread", message: `setting schedule: ${schedule.error}` }], "playground");
    }
    listener.onSettings?.(settings);
    // The race detector and controlled runs need every shared access seen: a compile of its own (compile/access-sites.ts).
    const checked = settings.raceDetector || settings.controlled;
    const program = checked ? await compileSnippet(code, { ticks: true, checked: true }) : compiled;
    if (!program.ok) return refusedResult([{ thread: "MainThread", message: "the checked compile (race detector, controlled run) failed" }]);
    if (isStopped()) return { ...refusedResult([]), status: "stopped" };
    return { program, settings };
  };

  return {
    isolated: problem === null,
    isolationProblem: problem,
    prepare(code: string) {
      if (connection && code.length <= MAX_CODE_CHARS) void compileSnippet(code, { ticks: true }).catch(() => undefined);
    },
    run(code: string, layers: SettingsLayers, listener: RunListener, timeoutMs?: number): RunHandle {
      const runId = nextRunId++;
      let stopped = false;
      let stopRunner = () => {};
      let reportControl: (report: ControlReport | undefined) => void = () => {};
      const control = new Promise<ControlReport | undefined>((resolve) => (reportControl = resolve));
      const handle = {
        stop() {
          stopped = true;
          stopRunner();
        },
      };
      let mine: RunSession | null = null;
      const result = (async (): Promise<RunResult> => {
        const prepared = await prepare(code, layers, listener, timeoutMs, () => stopped);
        if ("status" in prepared) return prepared;
        const { program, settings } = prepared;
        const runner = await connection!;
        session?.supersede();
        const current = (mine = session = new RunSession(runId, program, listener, (m) => runner.send(m), settings.raceDetector, settings.controlled));
        stopRunner = () => runner.send({ type: "stop", runId });
        if (stopped) stopRunner();
        runner.send({ type: "run", runId, js: program.js, sharedGlobals: program.sharedGlobals.length, settings, timeoutMs, ...(layers.plan && settings.controlled ? { plan: layers.plan } : {}) });
        const outcome = await current.result;
        reportControl(current.control);
        if (session === current) session = null;
        return outcome;
      })();
      void result.catch(() => undefined).finally(() => reportControl(undefined));
      return { result, stop: handle.stop, control, superseded: () => mine?.superseded === true };
    },

    search(code: string, layers: SettingsLayers, options: SearchOptions): SearchHandle {
      const runId = nextRunId++;
      let stopped = false;
      let stopRunner = () => {};
      const result = (async (): Promise<LoopResult<SearchRun>> => {
        const prepared = await prepare(code, { ...layers, request: { ...layers.request, controlled: true } }, {}, undefined, () => stopped, false);
        if ("status" in prepared) {
          if (prepared.status === "stopped") return { schedulesRun: 0, exhaustive: false, outcomes: [], unlisted: 0 };
          // (As a run of it would: its first error, which no search can help.)
          throw new Error(prepared.errors[0]?.message ?? "the search could not start");
        }
        const { program, settings } = prepared;
        const runner = await connection!;
        session?.supersede();
        session = null;
        const found = new Promise<Extract<FromRunner, { type: "searched" }>>((resolve, reject) => searches.set(runId, { resolve, reject }));
        stopRunner = () => runner.send({ type: "stop", runId });
        runner.send({ type: "search", runId, js: program.js, sharedGlobals: program.sharedGlobals.length, settings, ...options });
        if (stopped) stopRunner();
        return takeSearched(await found, runId, program, settings);
      })();
      return {
        result,
        stop() {
          stopped = true;
          stopRunner();
          // The runner answers a stopped search with what it found so far; one that does not answer is not waited for.
          setTimeout(() => {
            searches.get(runId)?.resolve({ type: "searched", runId, schedulesRun: 0, exhaustive: false, unlisted: 0, outcomes: [] });
            searches.delete(runId);
          }, STOPPED_SEARCH_WAIT_MS);
        },
      };
    },

    stop() {
      if (session) void connection?.then((runner) => session && runner.send({ type: "stop", runId: session.runId }));
    },

    async check(code: string) {
      // The run's own compile (with ticks): pressing Run after the editor was checked finds it done.
      return (await compileSnippet(code, { ticks: true })).diagnostics;
    },

    warm() {
      warmed = true;
      sendWarm();
    },

    skewRunnerClock(ms: number) {
      void connection?.then((runner) => runner.send({ type: "skew", runId: 0, ms }));
    },

    async runner() {
      if (!connection) return null;
      const runner = await connection;
      const workers = await new Promise<WorkerCounts>((resolve) => {
        workerQueries.push(resolve);
        runner.send({ type: "workers", runId: 0 });
      });
      return { mode: runner.mode, workers };
    },
  };
}
