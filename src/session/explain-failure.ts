// A failure a search found, in one sentence (API.md §10,
// ExploreResult.failure.explanation): how many preemptions it needs, and
// between which steps the first few came. The page words it in its own
// language (ui/controlled/explain-words.ts).

import type { ControlReport, RunResult } from "../runtime/types";
import { couldRun } from "../runtime/search/schedule-search";

/** switches the sentence names; the rest it counts */
const SWITCHES_NAMED = 3;

/** How explainFailure words its sentence: English by default; the page passes its language's (ui/controlled/explain-words.ts). */
export interface ExplainPhrases {
  /** a step: `"read counter" (line 3)`; `text` is the step's English words (step-words.ts) */
  step(text: string, line: number | undefined): string;
  someStep: string;
  /** `thread` ran between `other`'s `before` and its `after` (null: `other` never went on) */
  between(thread: string, other: string, before: string, after: string | null): string;
  fails(message: string): string;
  deadlocks: string;
  noPreemption(what: string): string;
  preemptions(what: string, count: number, switches: string[], more: number): string;
}

export const ENGLISH_PHRASES: ExplainPhrases = {
  step: (text, line) => `"${text}"${line ? ` (line ${line})` : ""}`,
  someStep: "a step",
  between: (thread, other, before, after) => `${thread} ran between ${other}'s ${before} ${after === null ? "before it could go on" : `and its ${after}`}`,
  fails: (message) => `fails (${message})`,
  deadlocks: "deadlocks",
  noPreemption: (what) => `This ${what} with no preemption at all: each thread runs until it blocks or ends.`,
  preemptions: (what, count, switches, more) =>
    `This ${what} after ${count} preemption${count === 1 ? "" : "s"}: ${switches.join("; ")}${more > 0 ? `; and ${more} more` : ""}.`,
};

/** "This needs 1 preemption: Thread-2 ran between Thread-1's "read counter" (line 3) and its "write counter" (line 3)." */
export function explainFailure(result: RunResult, control: ControlReport, phrases: ExplainPhrases = ENGLISH_PHRASES): string {
  const name = (n: number) => control.threads.find((t) => t.n === n)?.name ?? `thread ${n}`;
  const words = (i: number) => {
    const w = control.describe?.(control.kinds[i], control.args[i], control.positions[i]);
    return w ? phrases.step(w.text, w.line) : phrases.someStep;
  };
  const { choices, enabled } = control;
  // One pass counts the switches; only the few the sentence names are looked into further (where the thread
  // switched away from went on), so a long run's report (200,000 steps) costs a pass, not a pass per switch.
  const named: string[] = [];
  let count = 0;
  for (let j = 1; j < choices.length; j++) {
    const prev = choices[j - 1];
    if (choices[j] === prev || !couldRun(enabled[j], prev)) continue;
    count++;
    if (named.length >= SWITCHES_NAMED) continue;
    const resumed = choices.indexOf(prev, j);
    named.push(phrases.between(name(choices[j]), name(prev), words(j - 1), resumed < 0 ? null : words(resumed)));
  }
  const what = result.status === "deadlock" ? phrases.deadlocks : phrases.fails(result.errors[0]?.message ?? result.status);
  if (count === 0) return phrases.noPreemption(what);
  return phrases.preemptions(what, count, named, count - named.length);
}
