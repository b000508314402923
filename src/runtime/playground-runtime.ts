// The runtime as the page sees it (runtime-api.ts): compile, then run on a
// fresh shared heap with warm workers; one run at a time.

import type { PlaygroundRuntime, RunHandle, RunListener } from "./runtime-api";
import type { RunResult, RunSettings } from "./types";
import { compileSnippet, warmCompiler } from "./compile-client";
import { Run } from "./run";
import { WarmPool } from "./warm-pool";

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

function compileFailure(errors: RunResult["errors"]): RunResult {
  return {
    status: "error", exitCode: 1, durationMs: 0,
    output: errors.map((e) => ({ thread: "compiler", text: `SyntaxError: ${e.message} (line ${e.line}, column ${e.column})`, t: 0, stream: "stderr" as const })),
    errors, threads: [], stats: { events: 0, droppedEvents: 0 },
  };
}

export function createPlaygroundRuntime(): PlaygroundRuntime {
  const problem = isolationProblem();
  let pool: WarmPool | null = null;
  let current: { stop(): void } | null = null;
  if (!problem) {
    pool = new WarmPool();
    warmCompiler();
  }

  return {
    isolated: problem === null,
    isolationProblem: problem,

    run(code: string, settings: RunSettings, listener: RunListener, timeoutMs?: number): RunHandle {
      current?.stop();
      let run: Run | null = null;
      let stopped = false;
      const handle = {
        stop() {
          stopped = true;
          run?.stop();
        },
      };
      current = handle;
      const result = (async (): Promise<RunResult> => {
        if (!pool) throw new Error(problem ?? "the runtime is not available");
        const compiled = await compileSnippet(code, { ticks: true });
        listener.onDiagnostics?.(compiled.diagnostics);
        if (!compiled.ok) {
          const errors = compiled.diagnostics.filter((d) => d.severity === "error");
          return compileFailure(errors.map((d) => ({ thread: "MainThread", message: d.message, line: d.line, column: d.column })));
        }
        if (stopped) return { ...compileFailure([]), status: "stopped" };
        run = new Run(compiled, settings, pool, listener, timeoutMs);
        return run.result;
      })();
      return { result, stop: handle.stop };
    },

    stop() {
      current?.stop();
      current = null;
    },

    async check(code: string) {
      return (await compileSnippet(code)).diagnostics;
    },
  };
}
