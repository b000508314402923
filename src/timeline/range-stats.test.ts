// A range over the test scenario: Thread-1 runs 5-20, is blocked on Lock 9
// 20-33 and runs 33-60; MainThread runs 0-25, sleeps 25-30, runs 30-90.
import { describe, expect, it } from "vitest";
import { normalizeRange, rangeTotals } from "./range-stats";
import { scenario } from "./test-scenario";

describe("rangeTotals", () => {
  it("clips every thread's states to the range", () => {
    const r = rangeTotals(scenario(), 10, 40, 90);
    expect(r.durationMs).toBe(30);
    const t1 = r.threads.find((t) => t.name === "Thread-1")!;
    expect(t1.runningMs).toBe(10 + 7);
    expect(t1.blockedMs).toBe(13);
    const main = r.threads.find((t) => t.name === "MainThread")!;
    // Sleeping counts as blocked, as in RunResult (events.ts isBlockedState).
    expect(main.runningMs).toBe(15 + 10);
    expect(main.blockedMs).toBe(5);
  });

  it("over the whole run equals the model's own figures", () => {
    const m = scenario();
    const r = rangeTotals(m, 0, 90, 90);
    for (const t of r.threads) {
      const f = m.figures(m.threads.get(t.ident)!, 90);
      expect(t.runningMs).toBeCloseTo(f.runningMs, 9);
      expect(t.blockedMs).toBeCloseTo(f.blockedMs, 9);
    }
  });

  it("leaves out threads that had ended before the range", () => {
    const r = rangeTotals(scenario(), 65, 80, 90);
    expect(r.threads.map((t) => t.name)).toEqual(["MainThread"]);
  });

  it("orders a range dragged leftwards and keeps it in the run", () => {
    expect(normalizeRange(50, -5, 40)).toEqual({ startMs: 0, endMs: 40 });
  });
});
