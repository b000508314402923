import { describe, expect, it } from "vitest";
import { branchesOf, couldRun, enabledIdents } from "./schedule-search";

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
    expect(branches).toEqual([
      { prefix: [1, 2], preemptions: 1 },
      // at step 2 thread 1 cannot go on: choosing 3 over 2 is no preemption
      { prefix: [1, 1, 3], preemptions: 0 },
    ]);
    expect(branchesOf(choices, enabled, 2).branches).toEqual([{ prefix: [1, 1, 3], preemptions: 0 }]);
  });

  it("says when a thread it cannot name could have run", () => {
    expect(branchesOf([1], [mask(1, 40)], 0).overflow).toBe(true);
  });
});
