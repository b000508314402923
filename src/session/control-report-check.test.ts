// The page reads a controlled run's report as it reads every message from
// the runner: a report the snippet could have forged is dropped whole.
import { describe, expect, it } from "vitest";
import { readControlReport } from "./control-report-check";

const good = {
  end: "finished", seed: 7, schedule: "s1.1~2.2", steps: 3, preemptions: 0,
  choices: [1, 1, 2], enabled: [2, 6, 4], kinds: [9, 9, 1], args: [0, 0, 0], positions: [0, 0, 0], times: [0, 0.001, 0.002],
  globals: [1, 0.5],
  threads: [{ n: 1, ident: 1, name: "MainThread", status: "done", ref: 0, nextKind: 13, nextArg: 0, nextPos: 0 }],
};

describe("readControlReport", () => {
  it("keeps a well-formed report", () => {
    expect(readControlReport(good)).toEqual(good);
  });

  it.each([
    ["an unknown end", { ...good, end: "won" }],
    ["steps that do not match the choices", { ...good, steps: 4 }],
    ["a choice that is not a whole number", { ...good, choices: [1, 1.5, 2] }],
    ["a missing kinds list", { ...good, kinds: undefined }],
    ["step times that go back", { ...good, times: [0, 0.002, 0.001] }],
    ["a thread with an unknown status", { ...good, threads: [{ ...good.threads[0], status: "flying" }] }],
    ["a thread without a name", { ...good, threads: [{ ...good.threads[0], name: 3 }] }],
    ["not an object", "s1"],
  ])("drops a report with %s", (_, report) => {
    expect(readControlReport(report)).toBeUndefined();
  });
});
