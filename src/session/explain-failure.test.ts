import { describe, expect, it } from "vitest";
import { explainFailure } from "./explain-failure";
import type { ControlReport, RunResult } from "../runtime/types";

const failed = { status: "error", errors: [{ thread: "MainThread", message: "AssertionError: lost" }] } as unknown as RunResult;

function report(choices: number[]): ControlReport {
  return {
    end: "finished", seed: 1, schedule: "", steps: choices.length, preemptions: 0, choices,
    enabled: choices.map(() => -1), kinds: choices.map(() => 0), args: choices.map(() => 0), positions: choices.map(() => 0), times: choices.map((_, i) => i / 1000),
    globals: [], threads: [{ n: 1, ident: 1, name: "MainThread", status: "done", ref: 0, nextKind: 0, nextArg: 0, nextPos: 0 },
      { n: 2, ident: 2, name: "Thread-1", status: "done", ref: 0, nextKind: 0, nextArg: 0, nextPos: 0 }],
  };
}

describe("explainFailure", () => {
  it("names where the other thread ran between two steps of the one it preempted", () => {
    // (every thread could have gone on at every step: both switches are preemptions)
    expect(explainFailure(failed, report([1, 1, 2, 2, 1]))).toBe(
      "This fails (AssertionError: lost) after 2 preemptions: Thread-1 ran between MainThread's a step and its a step; " +
      "MainThread ran between Thread-1's a step before it could go on.");
  });

  it("counts every switch of a long report but looks into only the ones it names, so a forged one cannot hold the page", () => {
    // A scheduler memory a snippet wrote: 200,000 steps, each switching to a thread that never comes back
    // (looking for each one's return scanned the rest of the run: about 20 billion reads).
    const choices = Array.from({ length: 200_000 }, (_, j) => (j === 0 ? 1 : 1000 + j));
    const sentence = explainFailure(failed, report(choices));
    expect(sentence).toContain("after 199999 preemptions");
    expect(sentence).toContain("and 199996 more");
  });
});
