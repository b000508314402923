// The run's public shapes (shared/API.md §9). Type-only: imported by the UI,
// the automation API, tests and the supervisor alike.

export type { RunSettings } from "./settings";

export type RunStatus = "ok" | "error" | "deadlock" | "stopped" | "timeout";

export type ThreadKind = "main" | "thread" | "process" | "pool-worker" | "timer";

export interface OutputLine {
  thread: string;
  text: string;
  /** ms since the run started, on the run's shared clock */
  t: number;
  /** "stderr" for tracebacks and runtime notices */
  stream?: "stdout" | "stderr";
  /**
   * The playground's own line (a refusal, a notice of the run's, a problem
   * at its end), not a thread's: its `thread` is "playground" or "compiler",
   * which a snippet may also name a thread (an addition to API.md §9).
   */
  system?: true;
  /**
   * The ident of the thread that wrote it (a thread's own line): names can
   * repeat (two threads named "worker"), idents do not, so the timeline
   * marks the line on its writer's lane (an addition to API.md §9).
   */
  ident?: number;
}

export interface RunErrorInfo {
  thread: string;
  message: string;
  line?: number;
  column?: number;
  /** the playground's own error, not a thread's (as OutputLine.system) */
  system?: true;
}

export interface ThreadSummary {
  name: string;
  kind: ThreadKind;
  startMs: number;
  endMs: number;
  runningMs: number;
  blockedMs: number;
  state: "done" | "error" | "stopped";
}

export interface DeadlockInfo {
  cycle: { thread: string; waitsFor: string; heldBy: string }[];
}

export interface RunResult {
  status: RunStatus;
  exitCode: number;
  durationMs: number;
  output: OutputLine[];
  errors: RunErrorInfo[];
  threads: ThreadSummary[];
  deadlock?: DeadlockInfo;
  stats: { events: number; droppedEvents: number };
  /** data races the race detector found (API.md §11), once per variable and pair of lines; only with settings.raceDetector */
  races?: RaceInfo[];
  /** a controlled run's (API.md §10): the seed, the schedule it took (replayable), its steps and preemptions */
  seed?: number;
  schedule?: string;
  steps?: number;
  preemptions?: number;
}

/** How a controlled run's scheduler decides once its schedule prefix is used up (runtime/control). */
export type ControlPolicy = "random" | "stay" | "pause" | "pct";

/** What the explorer and step mode ask of one controlled run beyond its settings. */
export interface ControlPlan {
  policy: ControlPolicy;
  /** PCT: the steps a run is expected to take */
  pctSteps?: number;
  /**
   * may run on the workers and memory that the last runs of the same code
   * left clean (a search's schedules: runner/heap-shelf.ts); any other run,
   * and every run the page draws, is on fresh ones. Such a run's messages
   * come to the page in batches (runner/message-batch.ts).
   */
  reuse?: boolean;
  /** a run of the runner's own search (runner/search-runner.ts): no one draws it, so its objects' names are not sent; never the page's */
  undrawn?: boolean;
}

/** What a controlled run's scheduler left, as the runner read it (checked). */
export interface ControlReport {
  /** why it stopped: "finished", "deadlock", "paused", "diverged", "too-long", or "running" (ended otherwise) */
  end: string;
  seed: number;
  schedule: string;
  steps: number;
  preemptions: number;
  /** who took each step (threads by number: 1 MainThread, then in the order they started), and who could have (a bit mask of numbers below 32; bit 0: a larger number could) */
  choices: number[];
  enabled: number[];
  /** what each step did: its kind (control/step-kinds.ts), argument (access site or object ref) and snippet position */
  kinds: number[];
  args: number[];
  positions: number[];
  /** when each step was decided, on the run's virtual clock (ms) */
  times: number[];
  /** each thread the scheduler knew, where it stands */
  threads: {
    n: number; ident: number; name: string; status: "runnable" | "blocked" | "sleeping" | "done"; ref: number; nextKind: number; nextArg: number; nextPos: number;
    /** its timed wait ended by its deadline (it has not run since) */
    timedOut?: boolean;
  }[];
  /** MainThread's process's shared globals at the end (or the pause), in compile order (CompileResult.sharedGlobals) */
  globals: number[];
  /** page side only: the shared globals by name, as the snippet declared them */
  variables?: { name: string; value: number | boolean }[];
  /** page side only: the locks held at the end (or the pause), from the trace */
  holders?: { lock: string; thread: string }[];
  /** page side only: how many items each of the snippet's queues held then, from the trace */
  queueSizes?: { queue: string; items: number; contents?: string[] }[];
  /** page side only: a step in words, with its line (session/step-words.ts) */
  describe?: (kind: number, arg: number, pos: number) => { text: string; line?: number; target?: string };
}

export interface RaceAccess {
  thread: string;
  access: "read" | "write";
  line: number;
  /** not in API.md: the column, the access as written (`this.stop`), and when (ms since the run's start) */
  column: number;
  text: string;
  t: number;
}

export interface RaceInfo {
  variable: string;
  /** the earlier access */
  first: RaceAccess;
  second: RaceAccess;
}

export type { SnippetDiagnostic } from "../compile/types";
