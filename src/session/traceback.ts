// Turning a worker's JavaScript stack into what a Python learner expects:
// "Traceback (most recent call last):", one line per frame of the snippet
// with its TypeScript line, then "ValueError: message". Runtime frames are
// left out; the snippet's frames are found by the sourceURL the worker gives
// the compiled body.

import type { CompileResult } from "../compile/types";
import { originalPosition } from "../compile/source-position";
import { visibleText } from "../base/visible-text";

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => () => Promise<void>;
const FRAME = /^\s*at (?:async )?(?:(.*?) \()?snippet\.js:(\d+):(\d+)\)?\s*$/;

/** Lines V8 puts before a Function-constructor body (measured, not assumed). */
export const headerLines: Promise<number> = (async () => {
  try {
    await new AsyncFunction("__pg", "throw new Error();\n//# sourceURL=snippet.js")();
  } catch (error) {
    const match = String((error as Error).stack).split("\n").map((l) => FRAME.exec(l)).find(Boolean);
    if (match) return Number(match[2]) - 1;
  }
  return 2;
})();

export interface SnippetFrame {
  functionName: string;
  line: number;
  column: number;
}

/** Whether (line, column) lies in one of `ranges` (compile/lambda-ranges.ts). */
function inLambda(ranges: readonly number[] | undefined, line: number, column: number): boolean {
  if (!ranges) return false;
  for (let i = 0; i + 3 < ranges.length; i += 4) {
    const afterStart = line > ranges[i] || (line === ranges[i] && column >= ranges[i + 1]);
    const beforeEnd = line < ranges[i + 2] || (line === ranges[i + 2] && column < ranges[i + 3]);
    if (afterStart && beforeEnd) return true;
  }
  return false;
}

/** `offset`: the measured headerLines (await it once, then format synchronously). */
export function snippetFrames(stack: string, compiled: CompileResult, offset: number): SnippetFrame[] {
  const frames: SnippetFrame[] = [];
  for (const text of stack.split("\n")) {
    const match = FRAME.exec(text);
    if (!match) continue;
    const position = originalPosition(compiled, Number(match[2]) - offset, Number(match[3]));
    if (!position) continue;
    const raw = match[1]?.replace(/^Object\./, "").replace(/ \[as [^\]]*\]$/, "");
    // V8 names the compiled body and a nameless arrow in it alike: where the frame stands tells them apart.
    const nameless = !raw || raw.startsWith("eval") || raw === "anonymous" || raw === "<anonymous>";
    const name = !nameless ? raw : inLambda(compiled.lambdas, position.line, position.column) ? "<lambda>" : "<module>";
    frames.push({ functionName: name, line: position.line, column: position.column });
  }
  return frames;
}

/**
 * A thread's error opens with Python's "Exception in thread NAME:" and the
 * error itself on the same line, so the first line alone says what happened;
 * MainThread's reads as Python's plain traceback.
 */
export function formatTraceback(threadName: string, errorName: string, message: string, frames: SnippetFrame[]): string {
  const error = errorName && message ? `${errorName}: ${message}` : errorName || message;
  const where = frames.length > 0 ? ` (line ${frames[0].line}, column ${frames[0].column})` : "";
  const lines = threadName === "MainThread" ? [] : [`Exception in thread ${visibleText(threadName)}: ${error}${where}`];
  if (frames.length > 0) {
    lines.push("Traceback (most recent call last):");
    for (const frame of [...frames].reverse()) lines.push(`  line ${frame.line}, column ${frame.column}, in ${frame.functionName}`);
  }
  if (threadName === "MainThread" || frames.length > 0) lines.push(error);
  return lines.join("\n");
}
