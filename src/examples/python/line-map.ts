// The topic files write each tsToPy table as a short spec instead of a long
// array: most TypeScript lines map to a Python line a little further down
// (Python needs an extra import or a `global`, and no closing braces), so a
// table is a few ascending runs separated by zeros.

/**
 * The table a spec describes, one entry per TypeScript line: space-separated
 * Python line numbers, 0 for "no counterpart", and "a-b" for the run a, a+1 ... b.
 * lineMap("1-3 0 5") is [1, 2, 3, 0, 5].
 */
export function lineMap(spec: string): number[] {
  const lines: number[] = [];
  for (const token of spec.trim().split(/\s+/)) {
    const run = /^(\d+)-(\d+)$/.exec(token);
    if (run) {
      const from = Number(run[1]);
      const to = Number(run[2]);
      if (to < from) throw new Error(`line map: the run "${token}" goes down`);
      for (let line = from; line <= to; line++) lines.push(line);
    } else if (/^\d+$/.test(token)) {
      lines.push(Number(token));
    } else {
      throw new Error(`line map: "${token}" is neither a line number nor a run`);
    }
  }
  return lines;
}
