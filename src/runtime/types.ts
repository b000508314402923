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
}

export interface RunErrorInfo {
  thread: string;
  message: string;
  line?: number;
  column?: number;
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
