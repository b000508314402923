// print(), now(), mark() and span(): what a snippet says about itself. Print
// lines go through the thread's output ring (output-ring.ts), which the page
// drains every frame and which makes a flood of prints wait for the page;
// marks and spans are trace events in the thread's ring, with their label
// text sent once per label.

import { context, labelRef, StepKind } from "../runtime/door";
import { EventKind } from "../trace/events";
import { formatValues } from "./format";

/** Print one line, tagged with the thread's name and the time. */
export function print(...values: unknown[]): void {
  const ctx = context();
  const text = formatValues(values);
  ctx.control?.step(StepKind.Print, 0);
  ctx.writeLine(text, 0);
}

/** ms since the run started, on one clock shared by every thread. */
export function now(): number {
  return context().now();
}

/** Draw an instant annotation on the caller's lane. */
export function mark(label: string): void {
  context().trace(EventKind.Mark, 0, labelRef(String(label)));
}

/** Run `fn`, drawn as a labelled span on the caller's lane; returns its result. */
export function span<T>(label: string, fn: () => T): T {
  const ctx = context();
  const id = labelRef(String(label));
  ctx.trace(EventKind.SpanBegin, 0, id);
  try {
    return fn();
  } finally {
    ctx.trace(EventKind.SpanEnd, 0, id);
  }
}
