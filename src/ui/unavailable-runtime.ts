// Stands in for the runtime when creating it failed, so the page still
// renders, explains the problem and lets the learner read and edit code.

import type { PlaygroundRuntime, RunHandle } from "../session/runtime-api";
import { failedResult } from "./run-controller";

export function unavailableRuntime(problem: string): PlaygroundRuntime {
  return {
    isolated: false,
    isolationProblem: problem,
    run(): RunHandle {
      return { result: Promise.resolve(failedResult(problem, 0)), stop() {}, control: Promise.resolve(undefined) };
    },
    stop() {},
    check: async () => [],
    runner: async () => null,
  };
}
