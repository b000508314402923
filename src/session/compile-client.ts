// The page's handle on the compiler worker (comlink). A build's HTML starts
// the worker before the app's script has loaded (scripts/vite-early-start.ts),
// and it is adopted here; otherwise it starts on first use, or early by
// warmCompiler(), so the first Run does not wait for TypeScript to load.

import { wrap, type Remote } from "comlink";
import type { CompilerService } from "./compile-worker";
import type { CompileOptions, CompileResult } from "../compile/types";
import { EARLY_COMPILER_GLOBAL } from "./page-boot";

let remote: Remote<CompilerService> | null = null;

/** the worker the page's HTML started, taken once */
function takeEarlyWorker(): Worker | null {
  const holder = globalThis as { [EARLY_COMPILER_GLOBAL]?: unknown };
  const early = holder[EARLY_COMPILER_GLOBAL];
  delete holder[EARLY_COMPILER_GLOBAL];
  return typeof Worker !== "undefined" && early instanceof Worker ? early : null;
}

function service(): Remote<CompilerService> {
  remote ??= wrap<CompilerService>(
    // (Vite reads this call's options at build time, so they are literals: the name is COMPILER_WORKER_NAME.)
    takeEarlyWorker() ?? new Worker(new URL("./compile-worker.ts", import.meta.url), { type: "module", name: "playground-compiler" }),
  );
  return remote;
}

/** the last few compiles: the explorer and step mode run one code hundreds of times */
const recent = new Map<string, Promise<CompileResult>>();
const RECENT_COMPILES = 4;

export function compileSnippet(source: string, options?: CompileOptions): Promise<CompileResult> {
  const key = `${JSON.stringify(options ?? {})}\u0000${source}`;
  const known = recent.get(key);
  if (known) return known;
  const compiled = service().compile(source, options);
  recent.set(key, compiled);
  if (recent.size > RECENT_COMPILES) recent.delete(recent.keys().next().value as string);
  // A compile that failed to happen (the worker died) is not remembered.
  compiled.catch(() => recent.delete(key));
  return compiled;
}

/**
 * Load the compiler now (it takes a moment the first time). The empty
 * snippet is compiled with a run's options, so `runtime.check("")` (what
 * the page's `ready` waits for) is this same compile.
 */
export function warmCompiler(): void {
  void compileSnippet("", { ticks: true }).catch(() => undefined);
}
