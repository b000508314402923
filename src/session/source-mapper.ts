// Maps the positions waits record in the compiled snippet (trace event
// SourceAt) to the snippet's TypeScript for the trace model. A run has few
// call sites that wait and may wait millions of times, so each site is
// looked up in the source map once; the cache is bounded, as events come
// from memory a snippet can write.

import { originalPosition } from "../compile/source-position";
import type { CompileResult } from "../compile/types";
import { POSITION_COLUMNS } from "../trace/source-lines";

const MAX_SITES = 10_000;

/** `offset`: the lines the worker puts before the body (session/traceback.ts headerLines). */
export function sourceMapper(compiled: CompileResult, offset: () => number): (jsLine: number, jsColumn: number) => number {
  const cache = new Map<number, number>();
  return (jsLine, jsColumn) => {
    const key = jsLine * POSITION_COLUMNS + jsColumn;
    let packed = cache.get(key);
    if (packed !== undefined) return packed;
    const at = originalPosition(compiled, jsLine - offset(), jsColumn);
    packed = at ? at.line * POSITION_COLUMNS + Math.min(at.column, POSITION_COLUMNS - 1) : 0;
    if (cache.size < MAX_SITES) cache.set(key, packed);
    return packed;
  };
}
