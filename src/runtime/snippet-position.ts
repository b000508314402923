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
