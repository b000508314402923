// The page's handle on the compiler worker (comlink): started on first use,
// or early by warm(), so the first Run does not wait for TypeScript to load.

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

export function compileSnippet(source: string, options?: CompileOptions): Promise<CompileResult> {
  return service().compile(source, options);
}

/** Load the compiler now (it takes a moment the first time). */
export function warmCompiler(): void {
  void service().compile("");
}
