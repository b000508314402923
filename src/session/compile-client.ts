// The page's handle on the compiler worker (comlink): started on first use,
// or early by warmCompiler(), so the first Run does not wait for TypeScript
// to load. (Not from the page's HTML, as the runner's frame is: its 0.8 MB
// would then load before the editor shows: bench bundle.initial.kb.)

import { wrap, type Remote } from "comlink";
import type { CompilerService } from "./compile-worker";
import type { CompileOptions, CompileResult } from "../compile/types";

let remote: Remote<CompilerService> | null = null;

function service(): Remote<CompilerService> {
  remote ??= wrap<CompilerService>(
    new Worker(new URL("./compile-worker.ts", import.meta.url), { type: "module", name: "playground-compiler" }),
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
