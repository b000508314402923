// The arithmetic of searching schedules (API.md §10), free of any run: a
// run's choices and enabled sets (ControlReport) say where it could have
// gone another way; each such branch is a prefix to replay, costing a
// preemption when it switches away from a thread that could have gone on.
// search-loop.ts drives the search with these.

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

/**
 * A schedule to try: the first `at` choices of `base` (a run's choices,
 * shared by all of that run's branches, not copied: a run of n steps has
 * about n branches, and copying each prefix cost n^2), then `alt`.
 */
export interface Branch {
  base: readonly number[];
  at: number;
  /** the thread taking step `at`; -1: none (the empty schedule) */
  alt: number;
  preemptions: number;
}

/** the search's first schedule: nothing fixed, the scheduler's policy decides every step */
export const EMPTY_BRANCH: Branch = { base: [], at: 0, alt: -1, preemptions: 0 };

/** The choices a branch fixes. */
export function prefixOf(branch: Branch): number[] {
  const prefix = branch.base.slice(0, branch.at);
  if (branch.alt >= 0) prefix.push(branch.alt);
  return prefix;
}

/** How many steps a branch fixes. */
export function prefixLength(branch: Branch): number {
  return branch.alt >= 0 ? branch.at + 1 : branch.at;
}

/**
 * Every branch of a run at or after step `from`: take `alt` instead of the
 * run's choice at step i, after the run's own first i choices. `overflow`
 * is set when a step could also have gone to a thread the masks cannot
 * name, or when there were more than `limit` branches (the rest are left out).
 */
export function branchesOf(choices: readonly number[], enabled: readonly number[], from: number, limit = Infinity): { branches: Branch[]; overflow: boolean } {
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
        if (branches.length >= limit) return { branches, overflow: true };
        branches.push({ base: choices, at: i, alt, preemptions: preemptions + switched(alt) });
      }
    }
    preemptions += switched(choices[i]);
  }
  return { branches, overflow };
}
