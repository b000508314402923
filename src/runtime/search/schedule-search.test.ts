import { describe, expect, it } from "vitest";
import { branchesOf, couldRun, enabledIdents, EMPTY_BRANCH, prefixLength, prefixOf } from "./schedule-search";

const mask = (...idents: number[]) => idents.reduce((m, i) => m | (i < 32 ? 1 << i : 1), 0);

describe("schedule search", () => {
  it("reads enabled masks", () => {
    expect(enabledIdents(mask(1, 3, 31))).toEqual([1, 3, 31]);
    expect(couldRun(mask(2), 2)).toBe(true);
    expect(couldRun(mask(2), 3)).toBe(false);
    expect(couldRun(mask(40), 40)).toBe(true);
  });

  it("branches where another thread could have gone, counting a preemption only when the last thread could go on", () => {
    // Step 0: only 1 can run. Step 1: 1 and 2 (1 goes on). Step 2: 1 blocked, 2 and 3 can.
    const choices = [1, 1, 2];
    const enabled = [mask(1), mask(1, 2), mask(2, 3)];
    const { branches, overflow } = branchesOf(choices, enabled, 0);
    expect(overflow).toBe(false);
    const read = (list: typeof branches) => list.map((b) => ({ prefix: prefixOf(b), preemptions: b.preemptions, length: prefixLength(b) }));
    expect(read(branches)).toEqual([
      { prefix: [1, 2], preemptions: 1, length: 2 },
      // at step 2 thread 1 cannot go on: choosing 3 over 2 is no preemption
      { prefix: [1, 1, 3], preemptions: 0, length: 3 },
    ]);
    expect(read(branchesOf(choices, enabled, 2).branches)).toEqual([{ prefix: [1, 1, 3], preemptions: 0, length: 3 }]);
    expect([prefixOf(EMPTY_BRANCH), prefixLength(EMPTY_BRANCH)]).toEqual([[], 0]);
  });

  it("shares the run's choices among its branches and stops at a limit, saying so", () => {
    // A long run of two threads that could each go at every step: a branch per step, none copying its prefix.
    const n = 100_000;
    const choices = Array.from({ length: n }, (_, i) => 1 + (i % 2));
    const enabled = Array.from({ length: n }, () => mask(1, 2));
    const all = branchesOf(choices, enabled, 0);
    expect(all.branches.length).toBe(n);
    expect(all.branches.every((b) => b.base === choices)).toBe(true);
    expect(prefixOf(all.branches[n - 1])).toHaveLength(n);
    const some = branchesOf(choices, enabled, 0, 10);
    expect([some.branches.length, some.overflow]).toEqual([10, true]);
  });

  it("says when a thread it cannot name could have run", () => {
    expect(branchesOf([1], [mask(1, 40)], 0).overflow).toBe(true);
  });
});
