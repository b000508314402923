// Messages between the page and the runner: the sandboxed frame (or, where
// the browser cannot isolate one, a module in the page) that supervises runs.
// Type-only. They travel on one MessagePort the page created, so nothing else
// (not the snippet's workers, not another frame) can speak on it, and they
// arrive in the order they were sent: a run's trace chunks, then its end.
//
// The page trusts none of it blindly: the runner shares a process with the
// snippet's workers, so src/session checks every field of every message.

import type { ControlPlan, ControlReport, DeadlockInfo, RunStatus } from "./types";
import type { ThreadRole } from "./protocol";
import type { ResolvedSettings } from "./settings";

/** the global a runner frame's boot document leaves its key in (session/page-boot.ts), which the runner says in "ready" */
export const RUNNER_KEY_GLOBAL = "__playgroundRunnerKey";

/** The classic-script sources of the workers the runner starts (blob URLs are made from them). */
export interface WorkerSources {
  thread: string;
  drainer: string;
  clock: string;
}

export type ToRunner =
  | { type: "run"; runId: number; js: string; sharedGlobals: number; settings: ResolvedSettings; timeoutMs?: number; plan?: ControlPlan }
  /** a search's shared runs (API.md §10 explore), run by the runner back to back: runner/search-runner.ts */
  | { type: "search"; runId: number; js: string; sharedGlobals: number; settings: ResolvedSettings; mode: "failure" | "outcomes"; maxSchedules: number; budgetMs: number }
  | { type: "stop"; runId: number }
  /** the page has taken chunk `seq` in: the runner may send more (flow control) */
  | { type: "ack"; runId: number; seq: number }
  /** for tests: which workers the runner has made and not terminated */
  | { type: "workers"; runId: 0 }
  /** the page has loaded (its editor and compiler): the runner's pools may boot the rest of their workers */
  | { type: "warm"; runId: 0 }
  /** for tests: the runner reads its own clock `ms` off, as a frame's may be off its workers' (runner/worker-time.ts) */
  | { type: "skew"; runId: 0; ms: number };

/** Per kind of worker: its blob's URL, workers live and ever made, runs a kept worker served, and how many idle ones the pool keeps booted once grown. */
export type WorkerCounts = Record<"thread" | "drainer" | "clock", { url: string; live: number; made: number; reused: number; poolSize: number }> & {
  /** controlled runs that took the last run's heaps (runner/heap-shelf.ts) */
  heapsReused: number;
  /** runs that took the workers a search's last schedule left docked (runner/docked-crew.ts) */
  docked: number;
};

export interface ThreadRecord {
  ident: number;
  name: string;
  role: ThreadRole;
  pid: number;
  parent: number;
}

export interface OutputRecord {
  ident: number;
  text: string;
  stream: number;
  t: number;
  /** its thread's name as it printed it (output-ring.ts); where missing, the name the page knows the thread by */
  name?: string;
}

/**
 * What the drainer read from the run's memory since its last chunk: threads
 * it saw start, their trace events (16 bytes each, as in trace/ring.ts), their
 * printed lines, and the threads whose trace is now complete.
 */
export interface TraceChunk {
  seq: number;
  threads: ThreadRecord[];
  events: { ident: number; data: ArrayBuffer }[];
  output: OutputRecord[];
  ended: number[];
}

/** A run of a search, as the runner keeps it for the page: its messages (no trace events), and how many runs ended as it did. */
export interface SearchedRun {
  messages: FromRunner[];
  schedule: string;
  count: number;
}

export type FromRunner =
  | { type: "ready"; isolated: boolean; problem?: string; /** the runner frame's boot key (session/page-boot.ts) */ key?: string }
  | { type: "beat" }
  /** the run began (the page reads its clock through the runner's stamps on chunks: session/run-session.ts) */
  | { type: "started"; runId: number }
  /** `sentMs`: the run's clock as the runner sent it (the page's reading of the run's clock: session/run-session.ts) */
  | { type: "chunk"; runId: number; chunk: TraceChunk; sentMs?: number }
  | { type: "object"; runId: number; ref: number; name?: string; owner?: number }
  | { type: "exception"; runId: number; ident: number; thread: string; errorName: string; message: string; stack: string; t: number }
  | { type: "notice"; runId: number; ident: number; thread: string; text: string; t: number }
  /** a data race (API.md §11): `thread`'s access raced with `prevThread`'s earlier one; sites are the compile's, times ms */
  /** thread `thread` was started by `parent` at snippet position `pos` (runtime/snippet-position.ts) */
  | { type: "thread-origin"; runId: number; thread: string; parent: string; pos: number }
  | { type: "race"; runId: number; thread: string; access: number; site: number; t: number;
      prevThread: string; prevAccess: number; prevSite: number; prevT: number; cell: number }
  /** a thread ended without saying so: terminated with its process, or its worker failed */
  | { type: "halted"; runId: number; ident: number; state: "stopped" | "error"; t: number }
  | { type: "workers"; counts: WorkerCounts }
  /** what a search found: each different outcome's run, and the failure's, as the messages the page would have had */
  | { type: "searched"; runId: number; schedulesRun: number; exhaustive: boolean; unlisted: number; outcomes: SearchedRun[]; failure?: SearchedRun; problem?: string }
  /** a search's run's messages, in order, sent together (runner/message-batch.ts) */
  | { type: "batch"; runId: number; messages: FromRunner[] }
  /**
   * `discardedEvents`: what a stopped run had recorded that the page was never sent; `discardedFromMs`: the earliest moment of it;
   * `traceIncomplete`: the drainer's final pass never ended: what the threads recorded last may be missing, how much is not known
   */
  | { type: "end"; runId: number; status: RunStatus; exitCode: number; endMs: number; deadlock?: DeadlockInfo; problem?: string; discardedEvents?: number; discardedFromMs?: number; traceIncomplete?: true; control?: ControlReport };
