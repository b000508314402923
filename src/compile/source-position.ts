// Maps a position in the compiled body (from an error's stack) back to the
// snippet's TypeScript, so that tracebacks and error markers point at what
// the user wrote. Parsing a source map is costly next to a lookup, so the
// parsed map is kept per result.

import { LEAST_UPPER_BOUND, originalPositionFor, TraceMap } from "@jridgewell/trace-mapping";
import type { CompileResult } from "./types";

const cache = new WeakMap<CompileResult, TraceMap | null>();

function traceMap(result: CompileResult): TraceMap | null {
  let map = cache.get(result);
  if (map === undefined) {
    try {
      map = result.sourceMap ? new TraceMap(result.sourceMap) : null;
    } catch {
      map = null;
    }
    cache.set(result, map);
  }
  return map;
}

/**
 * 1-based line and column in `result.js` (line 1 = first line of the body) →
 * 1-based line and column in the snippet, or null when nothing maps there.
 * A column between two mapped points takes the one before it; a column before
 * the first mapped point of its line takes the first one after it.
 */
export function originalPosition(
  result: CompileResult,
  jsLine: number,
  jsColumn: number,
): { line: number; column: number } | null {
  const map = traceMap(result);
  if (!map || jsLine < 1) return null;
  const column = Math.max(0, jsColumn - 1);
  let pos = originalPositionFor(map, { line: jsLine, column });
  if (pos.line === null) {
    pos = originalPositionFor(map, { line: jsLine, column, bias: LEAST_UPPER_BOUND });
  }
  if (pos.line === null || pos.column === null) return null;
  return { line: pos.line, column: pos.column + 1 };
}
