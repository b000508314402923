// The snippet compiler in a worker of its own: TypeScript's compiler is
// large, so it loads off the page's thread, once, and stays warm.

/// <reference lib="webworker" />
import { expose } from "comlink";
import { compile } from "../compile/compile";
import type { CompileOptions, CompileResult } from "../compile/types";

export interface CompilerService {
  compile(source: string, options?: CompileOptions): CompileResult;
}

const service: CompilerService = { compile };
expose(service);
