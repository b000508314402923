// Messages between the runner (the frame that supervises a run) and the
// run's thread workers. Type-only, so both sides agree by construction; each
// side handles them in one switch. Everything that happens per event (state
// changes, lock traffic, prints) goes through shared memory instead; these
// carry only what is rare or variable-sized.
//
// A worker speaks through the MessagePort the runner gave it with its serve
// message, so the runner knows which worker sent what, and a worker can only
// ever speak for the thread it runs. The worker's global postMessage is heard once, for
// "booted", and ignored after that: the snippet's code can call it too.

import type { EncodedValue } from "./serialize-types";
import type { RingEnds } from "./drainer/release-book";

export type ThreadRole = "main" | "thread" | "process" | "pool-worker" | "timer";

/** The run as every worker needs to know it. */
export interface RunContextInit {
  runId: number;
  /** the runtime's memory: control block, thread table, rings, primitives */
  heap: SharedArrayBuffer;
  /** the snippet's memory: shared globals, Thread fields, sharedArray, Value */
  userHeap: SharedArrayBuffer;
  /** one eval-breaker word per thread slot (the snippet's compiled checks read it) */
  ctl: SharedArrayBuffer;
  /** word index of the run's control block in the heap */
  controlIndex: number;
  /** `performance.timeOrigin + performance.now()` at the run's start */
  epochMs: number;
  /** compiled snippet body (see src/compile/types.ts) */
  js: string;
  /** the race detector's memory (runtime/race), when settings.raceDetector is on */
  race?: SharedArrayBuffer;
  /** a controlled run's scheduler memory (runtime/control), and the seed of its threads' Math.random */
  control?: SharedArrayBuffer;
  seed?: number;
  /**
   * a run of the runner's own search (ControlPlan.undrawn): no one draws
   * it, so its objects' names and labels are not sent (three messages of a
   * schedule's ten, each a task on the runner's thread; door/objects.ts)
   */
  undrawn?: boolean;
}

/** What a new thread gets from the thread that started it (through shared memory: spawn-payload.ts). */
export interface SpawnPayload {
  ident: number;
  role: ThreadRole;
  name: string;
  /** the function to run, and its arguments */
  target: EncodedValue;
  args: EncodedValue;
  /** a Thread subclass instance whose run() to call, instead of target */
  self: EncodedValue | null;
  /** the copied top-level variables of the starter, at start() */
  snapshot: EncodedValue;
}

export type ToWorker =
  /**
   * Compile the run's body ahead of time. Only the code travels, not the
   * run's memory: an idle worker that got a run's buffers would keep them
   * alive (an idle isolate never collects garbage), and a few runs later
   * the frame could no longer allocate a heap.
   */
  | { type: "prepare"; runId: number; js: string }
  /**
   * Serve the run: speak on `port`, park at the dock word `placeAt` of the
   * heap (-1: none, stop after the first thread; the runner's own index,
   * not read from memory the snippet can write), and run thread `ident`
   * first if given.
   */
  | { type: "serve"; run: RunContextInit; port: MessagePort; placeAt: number; ident?: number; reusable?: boolean };

/** Sent once on the worker's global scope, before it has a port. */
export type WorkerBooted = { type: "booted" };

/** Sent on the thread's own port: about the sender's thread only. */
export type FromThread =
  /** a thread the sender reserved and published, for which no worker was parked: the runner starts it */
  | { type: "spawn"; ident: number }
  /** the sender has taken thread `ident` (from the dock, or as the runner asked) and runs it now */
  | { type: "started"; ident: number }
  | { type: "exception"; errorName: string; message: string; stack: string; t: number }
  /** about object `ref`: the name the snippet gave it (or a label's text), or the object it belongs to */
  | { type: "object"; ref: number; name?: string; owner?: number }
  /**
   * `ends`: where its rings end, as its writers counted at their close (drainer/release-book.ts);
   * `broken`: the worker could not run the thread at all (runtime/thread-main.ts serve): it ends in error, and the worker goes
   */
  | { type: "exit"; state: "done" | "error"; t: number; exitCode: number; ends?: RingEnds; broken?: true; timers?: number }
  | { type: "os-exit"; exitCode: number }
  /**
   * After thread `ident` (one the sender ran) ended, code it left running (a
   * promise chain it did not await) tried to record `events` trace events and
   * print `lines` lines, which its closed rings refused, and `timers` of its
   * timers came due and `hostCalls` of the host's answers to it came, and
   * were dropped (thread-main.ts, thread-timers.ts, thread-host-calls.ts)
   */
  | { type: "late"; ident: number; events: number; lines: number; timers: number; hostCalls: number }
  | { type: "terminate"; pid: number }
  /**
   * The race detector saw the sender's `access` (0 read, 1 write) at compiler
   * site `site` race with thread `prevIdent`'s earlier access (runtime/race).
   * Times in µs since the run's epoch; `cell`: the user heap's word.
   */
  /** the sender started thread `ident` at snippet position `pos` (race reports say where) */
  | { type: "thread-origin"; ident: number; pos: number }
  /** a controlled run's scheduler stopped it (control-memory.ts End: deadlock, paused, ...) */
  | { type: "controlled"; end: number }
  /**
   * The runner closed the sender's dock place at the run's end and it has
   * let go of the run: whether it is as it booted (worker-hygiene.ts), so
   * that it may serve the next run of the same code
   */
  | { type: "idle"; clean: boolean }
  | { type: "race"; cell: number; access: number; site: number; t: number; prevIdent: number; prevAccess: number; prevSite: number; prevT: number };
