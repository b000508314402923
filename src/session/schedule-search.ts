// The arithmetic of searching schedules (API.md §10), free of any run: a
// run's choices and enabled sets (ControlReport) say where it could have
// gone another way; each such branch is a prefix to replay, costing a
// preemption when it switches away from a thread that could have gone on.
// explore.ts drives the search with these.

/** whether `ident` could take step i, given that step's enabled mask (bit 0: some ident over 31 could) */
export function couldRun(mask: number, ident: number): boolean {
  return ident < 32 ? ((mask >>> ident) & 1) === 1 : (mask & 1) === 1;
}

/** the idents below 32 of an enabled mask */
export function enabledIdents(mask: number): number[] {
  const idents: number[] = [];
  for (let ident = 1; ident < 32; ident++) if ((mask >>> ident) & 1) idents.push(ident);
  return idents;
}

export interface Branch {
  prefix: number[];
  preemptions: number;
}

/**
 * Every branch of a run at or after step `from`: take `alt` instead of the
 * run's choice at step i, after the run's own first i choices. `overflow`
 * is set when a step could also have gone to a thread the masks cannot name.
 */
export function branchesOf(choices: readonly number[], enabled: readonly number[], from: number): { branches: Branch[]; overflow: boolean } {
  const branches: Branch[] = [];
  let overflow = false;
  let preemptions = 0;
  for (let i = 0; i < choices.length; i++) {
    const prev = i > 0 ? choices[i - 1] : 0;
    const switched = (ident: number) => (prev !== 0 && ident !== prev && couldRun(enabled[i], prev) ? 1 : 0);
    if (i >= from) {
      if (enabled[i] & 1) overflow = true;
      for (const alt of enabledIdents(enabled[i])) {
        if (alt === choices[i]) continue;
        branches.push({ prefix: [...choices.slice(0, i), alt], preemptions: preemptions + switched(alt) });
      }
    }
    preemptions += switched(choices[i]);
  }
  return { branches, overflow };
}
