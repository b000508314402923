// Where in the snippet the calling code is: the innermost frame of the
// compiled body ("snippet.js", the sourceURL the worker gives it) on a
// stack, packed as line * 4096 + column for shared memory and messages.
// The page maps it back to the TypeScript (compile/source-position.ts, with
// session/traceback.ts's header offset). Only paid where asked for: a
// controlled run's API steps, a thread start with the race detector on.

const SNIPPET_FRAME = /snippet\.js:(\d+):(\d+)/;

export function snippetPosition(stack: string | undefined): number {
  const match = stack ? SNIPPET_FRAME.exec(stack) : null;
  return match ? Number(match[1]) * 4096 + Math.min(Number(match[2]), 4095) : 0;
}

/** The position of the caller's caller in the snippet, 0 if it is not in the snippet. */
export function hereInSnippet(): number {
  return snippetPosition(new Error().stack);
}

/** Lines V8 puts before a Function-constructor body: the compiled body's frames say its line plus these (measured, not assumed). */
export const BODY_HEADER_LINES: number = (() => {
  try {
    new Function("__pg", "throw new Error();\n//# sourceURL=snippet.js")();
  } catch (error) {
    const match = SNIPPET_FRAME.exec(String((error as Error).stack));
    if (match) return Number(match[1]) - 1;
  }
  return 2;
})();

/**
 * Where `source` lies in the compiled body `js`, as a frame in it would say
 * (line with the header's, 1-based column); null unless it lies there once
 * (two alike could not be told apart: a place that may be the other's is
 * not given).
 */
export function placeInBody(js: string, source: string): { line: number; column: number } | null {
  const at = source ? js.indexOf(source) : -1;
  if (at < 0 || js.indexOf(source, at + 1) >= 0) return null;
  // The line breaks V8 counts: a string literal may hold U+2028, U+2029 or a lone CR.
  let line = 1;
  let lineStart = 0;
  for (const match of js.slice(0, at).matchAll(/\r\n|[\n\r\u2028\u2029]/g)) {
    line++;
    lineStart = match.index + match[0].length;
  }
  return { line: line + BODY_HEADER_LINES, column: at - lineStart + 1 };
}
