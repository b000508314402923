import { describe, expect, it } from "vitest";
import type { RunResult } from "../../runtime/types";
import { findExample } from "../../examples/catalog";
import { printedMs, timingNotes } from "./timing-notes";

function result(lines: string[]): RunResult {
  return {
    status: "ok", exitCode: 0, durationMs: 100, errors: [], threads: [], stats: { events: 0, droppedEvents: 0 },
    output: lines.map((text, i) => ({ thread: "MainThread", text, t: i })),
  };
}

const cpuBound = findExample("gil-cpu-bound")!;
const processes = findExample("gil-processes")!;
const comparison = findExample("gil-threads-processes-coroutines")!;

describe("timing notes", () => {
  it("always give the core count for a speed lesson, and nothing for other code", () => {
    const notes = timingNotes(cpuBound.code, result(["GIL on: true", "one thread: 800 ms", "two threads: 790 ms"]), "en", true, 2);
    expect(notes).toEqual([expect.stringContaining("2 logical cores")]);
    expect(timingNotes(cpuBound.code + "\n// mine", result(["GIL on: true"]), "en", true, 2)).toEqual([]);
    expect(timingNotes(findExample("race-without-lock")!.code, result([]), "en", false, 2)).toEqual([]);
  });

  it("say the machine was busy when two threads without the GIL were not faster than one (the issue's 834 vs 777 ms)", () => {
    const busy = timingNotes(cpuBound.codeZh!, result(["GIL on: false", "one thread: 834 ms", "two threads: 777 ms"]), "zh", false, 2);
    expect(busy).toHaveLength(2);
    expect(busy[1]).toContain("“two threads”用了 777 毫秒，“one thread”用了 834 毫秒");
    // ...and nothing of the kind when the run showed the speed-up, or when the GIL was on (then none is expected).
    expect(timingNotes(cpuBound.code, result(["GIL on: false", "one thread: 834 ms", "two threads: 430 ms"]), "en", false, 2)).toHaveLength(1);
    expect(timingNotes(cpuBound.code, result(["GIL on: true", "one thread: 834 ms", "two threads: 840 ms"]), "en", true, 2)).toHaveLength(1);
  });

  it("compare processes with threads under the GIL, and with coroutines in the comparison", () => {
    const slow = ["two threads: 800 ms", "two processes: 790 ms"];
    expect(timingNotes(processes.code, result(slow), "en", true, 2)[1]).toMatch(/^"two processes" took 790 ms and "two threads" 800 ms/);
    // with the GIL turned off the threads are parallel too: no speed-up to expect
    expect(timingNotes(processes.code, result(slow), "en", false, 2)).toHaveLength(1);
    const lines = ["CPU-bound: 4 jobs, each counting to 8,000,000", "  threads, GIL               900 ms", "  threads, no GIL            480 ms",
      "  processes                  880 ms", "  coroutines                 910 ms", "I/O-bound: 4 jobs, each waiting 100 ms", "  processes                  150 ms"];
    expect(printedMs(lines, "processes")).toBe(880);
    expect(timingNotes(comparison.code, result(lines), "en", true, 2)).toHaveLength(2);
  });

  it("say that one core cannot show a speed-up at all", () => {
    const notes = timingNotes(cpuBound.code, result(["GIL on: false", "one thread: 834 ms", "two threads: 840 ms"]), "en", false, 1);
    expect(notes[1]).toMatch(/^With one core, nothing can run in parallel/);
    expect(notes).toHaveLength(2);
  });
});
