// What a gallery example is: runnable code, what it is meant to end with,
// and its title and explanation in each interface language. The code is the
// same in both languages (its prints are short); only its comments come in
// English (code) and Chinese (codeZh). The explanation says what to look for
// in the output and on the timeline.

// DESIGN.md: src/examples imports nothing; these two mirror src/runtime/types.
export type ExampleStatus = "ok" | "error" | "deadlock" | "stopped" | "timeout";
export interface ExampleSettings {
  gil?: boolean;
  /** a controlled run (API.md §10), with the seed that makes its first run the same for everyone */
  controlled?: boolean;
  seed?: number;
  switchIntervalMs?: number;
  maxThreads?: number;
}

export interface ExampleText {
  title: string;
  /** two to five sentences: what the program shows and what to look for on the timeline */
  explanation: string;
}

export interface Example {
  /** stable: share links and tests refer to examples by it */
  id: string;
  topic: TopicId;
  code: string;
  /**
   * the same program with its comments in Chinese; the code itself and what it
   * prints stay identical (line for line, so line numbers match), and so does
   * a `// playground:` pragma line
   */
  codeZh?: string;
  /** the status a run ends with; most are "ok", the deadlock demos "deadlock" */
  expectedStatus: ExampleStatus;
  /** a piece of the output every run prints (tests check it) */
  expectedOutput?: string | RegExp;
  /** settings the example needs, applied when it is loaded (e.g. the GIL on) */
  settings?: ExampleSettings;
  /**
   * what the race detector (API.md §11) reports for it: the variables that
   * race, each with the lines of both accesses; absent: it is race-free.
   * `sometimes`: lines only some interleavings report (FastTrack keeps a
   * thread's last read only, so an earlier read can be overwritten before
   * the write that races with it comes)
   */
  races?: { variable: string; lines: number[]; sometimes?: number[] }[];
  /** a lesson about speed: its figures are the learner's machine's (the page adds its core count and says when it was too busy) */
  timing?: boolean;
  text: { en: ExampleText; zh: ExampleText };
}

export type TopicId =
  | "threads"
  | "locks"
  | "coordination"
  | "processes"
  | "pools"
  | "communication"
  | "queues"
  | "limits"
  | "gil"
  | "coroutines"
  | "interleavings";
