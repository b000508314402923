// Messages between the page (supervisor) and the run's workers. Type-only,
// so both sides agree by construction; each side handles them in one switch.
// Everything that happens per event (state changes, lock traffic) goes through
// shared memory instead; these carry only what is rare or variable-sized.

import type { EncodedValue } from "./serialize-types";

export type ThreadRole = "main" | "thread" | "process" | "pool-worker" | "timer";

/** The run as every worker needs to know it. */
export interface RunContextInit {
  runId: number;
  heap: SharedArrayBuffer;
  /** word index of the run's control block in the heap */
  controlIndex: number;
  /** `performance.timeOrigin + performance.now()` at the run's start */
  epochMs: number;
  /** compiled snippet body (see src/compile/types.ts) */
  js: string;
}

/** What a new thread gets from the thread that started it. */
export interface SpawnPayload {
  ident: number;
  role: ThreadRole;
  name: string;
  /** byte offset of the process's shared globals (Float64) in the heap */
  globalsByteOffset: number;
  globalsCount: number;
  /** the function to run, and its arguments */
  target: EncodedValue;
  args: EncodedValue;
  /** a Thread subclass instance whose run() to call, instead of target */
  self: EncodedValue | null;
  /** the copied top-level variables of the starter, at start() */
  snapshot: EncodedValue;
}

export type ToWorker =
  | { type: "prepare"; run: RunContextInit }
  | { type: "start"; run: RunContextInit; spawn: SpawnPayload };

export type FromWorker =
  | { type: "booted" }
  | { type: "prepared"; runId: number }
  | { type: "spawn"; runId: number; spawn: SpawnPayload }
  | { type: "exception"; runId: number; ident: number; errorName: string; message: string; stack: string; t: number }
  | { type: "label"; runId: number; id: number; text: string }
  | { type: "exit"; runId: number; ident: number; state: "done" | "error"; t: number; exitCode: number }
  | { type: "os-exit"; runId: number; ident: number; exitCode: number }
  | { type: "terminate"; runId: number; pid: number };
