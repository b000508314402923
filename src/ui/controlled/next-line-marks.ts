// Where step mode marks the editor (editor/step-markers.ts draws them): one
// mark per line that a thread still running executes next, in the first
// such thread's lane colour, naming every thread waiting there and its step.
// Pure, so it is tested without Monaco.

import type { StepView } from "../step-mode";
import { threadColorIndex } from "../output/thread-colors";
import type { Language } from "../i18n/language";
import { stepText } from "./explain-words";

export interface NextLineMark {
  line: number;
  colorIndex: number;
  /** "Thread-1: read counter · Thread-2: read counter" */
  label: string;
  threads: string[];
}

/** The marks for a view: one per line that some thread that has not ended will execute next. */
export function nextLineMarks(view: StepView | null, language: Language): NextLineMark[] {
  const byLine = new Map<number, NextLineMark>();
  for (const thread of view?.threads ?? []) {
    if (thread.state === "done" || thread.line === undefined) continue;
    const words = `${thread.name}: ${thread.next ? stepText(thread.next, language) : ""}`;
    const mark = byLine.get(thread.line);
    if (mark) {
      mark.label += ` · ${words}`;
      mark.threads.push(thread.name);
    } else byLine.set(thread.line, { line: thread.line, colorIndex: threadColorIndex(thread.name), label: words, threads: [thread.name] });
  }
  return [...byLine.values()];
}

