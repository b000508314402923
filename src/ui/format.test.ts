// The summary line is what a learner reads after a run: a controlled run's
// must name its seed, steps and preemptions, in the page's language.
import { describe, expect, it } from "vitest";
import { formatDuration, formatElapsed, formatRunTime, summarize } from "./format";
import type { RunResult } from "../runtime/types";

const RESULT: RunResult = {
  status: "ok", exitCode: 0, durationMs: 12, output: [], errors: [], threads: [], stats: { events: 3, droppedEvents: 0 },
};

describe("summarize", () => {
  it("adds a controlled run's seed, steps and preemptions", () => {
    const controlled = { ...RESULT, seed: 42, schedule: "ab", steps: 9, preemptions: 1 };
    expect(summarize(controlled, "en")).toBe("Finished · 12 ms · exit code 0 · 0 errors · controlled: seed 42 · 9 steps · 1 preemption");
    expect(summarize(controlled, "zh")).toBe("已完成 · 12 ms · 退出码 0 · 0 个错误 · 受控运行：种子 42 · 9 步 · 1 次抢占");
  });

  it("says nothing of seeds for a parallel run", () => {
    expect(summarize(RESULT, "en")).toBe("Finished · 12 ms · exit code 0 · 0 errors");
  });
});

describe("times on the page", () => {
  it("show a controlled run's virtual µs as µs, not as 0.0 ms", () => {
    expect(formatRunTime(0.014)).toBe("14 µs");
    expect(formatDuration(0.015)).toBe("15 µs");
    expect(formatRunTime(12.34)).toBe("12.3 ms");
    expect(formatDuration(0)).toBe("0.0 ms");
    expect([formatDuration(840.2), formatDuration(3250), formatDuration(125_000)]).toEqual(["840 ms", "3.25 s", "2 min 5 s"]);
    // The toolbar's status: minutes:seconds past a minute, no wider than "59.9 s".
    expect([formatElapsed(59_940), formatElapsed(60_000), formatElapsed(125_400), formatElapsed(3_725_000)]).toEqual(["59.9 s", "1:00", "2:05", "62:05"]);
  });
});
