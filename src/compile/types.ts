// The boundary between the compiler and the runtime. The compiler turns a
// snippet into the body of `async function (__pg) { ... }`; the runtime
// evaluates that body once per worker (MainThread, and each thread's copy)
// and hands it a SnippetHost. Type-only file.

/** A compile diagnostic, 1-based, in the snippet's TypeScript coordinates. */
export interface SnippetDiagnostic {
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: "error" | "warning";
}

export interface CompileOptions {
  /** insert the eval-breaker check at loop back-edges and function entries */
  ticks?: boolean;
  /** check every access of shared memory for races (API.md §11): each goes through the host with its site */
  checked?: boolean;
}

/** Where a checked access is in the snippet, and its text (`counter`, `counts[i]`). */
export interface AccessSite {
  line: number;
  column: number;
  text: string;
}

export interface SharedGlobal {
  name: string;
  type: "number" | "boolean";
  /** index into SnippetHost.g */
  slot: number;
}

export interface Pragmas {
  gil?: boolean;
  switchIntervalMs?: number;
  maxThreads?: number;
  /** `race=on`: the race detector (API.md §11) */
  raceDetector?: boolean;
  /** `controlled=on`: a controlled run (API.md §10), one thread at a time */
  controlled?: boolean;
  /** `seed=N`: the controlled scheduler's seed, so the snippet always shows the same interleaving */
  seed?: number;
}

export interface CompileResult {
  ok: boolean;
  /** errors stop the run; warnings are shown as editor markers only */
  diagnostics: SnippetDiagnostic[];
  /** body of an async function with one parameter, `__pg` */
  js: string;
  /** source map v3 (JSON text) from `js` (line 1 = first line of the body) to the snippet */
  sourceMap: string;
  /** top-level let/var numbers and booleans: live in shared memory */
  sharedGlobals: SharedGlobal[];
  /** other top-level variables: copied into a thread at start() */
  copiedGlobals: string[];
  pragmas: Pragmas;
  /** a checked compile's access sites, by site number (access-sites.ts); empty otherwise */
  sites: AccessSite[];
  /** where the snippet's anonymous functions lie, for tracebacks (lambda-ranges.ts) */
  lambdas?: number[];
}

/** What a compiled snippet's module function receives as `__pg`. */
export interface SnippetHost {
  /** the "playground" module's exports */
  api: Record<string, unknown>;
  /** true only in the run's MainThread: run top-level statements. Threads and
   *  processes get the declarations and a copy of the variables instead. */
  isMain: boolean;
  /** shared number/boolean globals of this process, one Float64 per slot */
  g: Float64Array;
  /** in a thread: values of the copied globals at start() */
  snapshot: Record<string, unknown>;
  /** control word for the eval-breaker: non-zero means "call tick()" */
  ctl: Int32Array;
  tick(): void;
  /** called first thing by the module body */
  bindModule(hooks: ModuleHooks): void;
  /** top-level variable `name` was given `value`; returns `value` (a playground object is named after it) */
  name<T>(value: T, name: string): T;
  /** `value` is about to be thrown; returns it (the runtime keeps where, for a value that is not an Error) */
  thrown<T>(value: T): T;
  /**
   * Each `await x` the snippet writes is `back(aw(mark(), x), await held())`
   * (api/asyncio-awaits.ts): `mark` before x is evaluated, `aw` after,
   * `held` gives x back to be awaited as written, `back` takes what the
   * await gave and returns it.
   */
  mark(): number;
  aw(mark: number, value: unknown): unknown;
  held(): unknown;
  back(token: unknown, value: unknown): unknown;
  /**
   * Wraps a nested function that captures locals of enclosing functions,
   * so that sending it to a thread can copy those locals (or name them in
   * an error when they cannot be copied).
   */
  closure<F extends (...args: never[]) => unknown>(fn: F, names: string[], values: () => unknown[]): F;
  /** a checked compile's read of shared global `slot` at access site `site` (access-sites.ts); returns its value */
  rd(slot: number, site: number): number;
  /** a checked compile's write of `value` to shared global `slot`; returns `value` */
  wr(slot: number, site: number, value: number): number;
  /** a checked compile's `++`/`--` (`delta`) of shared global `slot`; returns the new value if `prefix`, else the old */
  upd(slot: number, site: number, delta: number, prefix: boolean): number;
  /** a checked compile's `o[k]` (or `o.field`) read: checked when it lands in shared memory (checked-memory.ts) */
  er(o: unknown, k: unknown, site: number): unknown;
  /** `o[k] = v`; returns v */
  ew(o: unknown, k: unknown, site: number, v: unknown): unknown;
  /** `o[k] op= v`, op an index into COMPOUND_OPS; returns the new value */
  ec(o: unknown, k: unknown, site: number, op: number, v: unknown): unknown;
  /** `o[k]++` and the like */
  eu(o: unknown, k: unknown, site: number, delta: number, prefix: boolean): unknown;
  /** stands for the global Atomics in a checked compile: the same operations, with their happens-before edges */
  atomics: typeof Atomics;
}

export interface ModuleHooks {
  /** current values of the copied globals; ones still in their TDZ are left out */
  snapshot(): Record<string, unknown>;
  /** direct eval in the module's scope (resolves top-level names) */
  evalInScope(source: string): unknown;
}
