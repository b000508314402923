import { describe, expect, it } from "vitest";
import { explore, type RunControlled, type SharedSearch } from "./explore";
import type { ControlReport, RunResult } from "../runtime/types";
import { decodeSchedule } from "../runtime/control/schedule-codec";

const STEPS = 11;

/**
 * A program of STEPS steps that two threads could each take at every step
 * (2^STEPS schedules), printing a long line of its own for each schedule.
 */
const everyScheduleItsOwnOutput: RunControlled = async (settings) => {
  const schedule = settings.schedule ?? "s1";
  const result = {
    status: "ok", errors: [], schedule,
    output: [{ thread: "MainThread", text: `${"x".repeat(5000)} ${schedule}`, t: 0 }],
  } as unknown as RunResult;
  // the schedule's own choices first (as a replay takes them), then MainThread's
  const decoded = decodeSchedule(schedule, STEPS);
  const prefix = decoded.ok ? decoded.choices : [];
  const choices = Array.from({ length: STEPS }, (_, i) => prefix[i] ?? 1);
  const control = {
    end: "finished", seed: 0, schedule, steps: STEPS, preemptions: 0, choices, enabled: choices.map(() => 0b110),
    kinds: [], args: [], positions: [], globals: [], threads: [],
  } as unknown as ControlReport;
  return { result, control };
};

describe("explore, outcomes", () => {
  it("lists at most 1,000 different outcomes, each with at most 4,096 characters of output, and counts the schedules past them", async () => {
    const found = await explore(everyScheduleItsOwnOutput, { mode: "outcomes", maxSchedules: 1500, timeoutMs: 60_000 });
    expect(found.schedulesRun).toBeGreaterThanOrEqual(1500);
    expect(found.outcomes.length).toBe(1000);
    expect(found.unlistedSchedules).toBe(500);
    expect(found.outcomes.every((o) => o.count === 1 && /^x{4096}… \(\d+ more characters\)$/.test(o.output))).toBe(true);
  });
});

/** A RunResult that printed `text`, ended `status`, ran `schedule`. */
function ran(text: string, schedule: string, status = "ok", errors: unknown[] = []) {
  return { result: { status, errors, schedule, seed: 5, output: [{ thread: "MainThread", text, t: 0 }] } as unknown as RunResult };
}

describe("explore, with the runner's search", () => {
  it("merges outcomes the runner told apart and the page prints alike, and replays each on fresh workers", async () => {
    const replays: string[] = [];
    const run: RunControlled = async (settings) => {
      replays.push(settings.schedule ?? "");
      return ran(settings.schedule === "s1.2" ? "x is 2" : "x is 1", settings.schedule ?? "");
    };
    const shared: SharedSearch = async () => ({
      schedulesRun: 3, exhaustive: true, unlisted: 0,
      outcomes: [
        { item: ran("x is 1", "s1.1"), count: 1, schedule: "s1.1" },
        { item: ran("x is 1", "s1.3"), count: 1, schedule: "s1.3" },
        { item: ran("x is 2", "s1.2"), count: 1, schedule: "s1.2" },
      ],
    });
    const found = await explore(run, { mode: "outcomes" }, shared);
    expect(found.schedulesRun).toBe(3);
    expect(found.exhaustive).toBe(true);
    expect(found.outcomes.map((o) => [o.output, o.count])).toEqual([["x is 1", 2], ["x is 2", 1]]);
    expect(replays).toEqual(["s1.1", "s1.2"]);
  });

  it("reports a failure only once its schedule fails alone; one that does not sends the search on with fresh workers", async () => {
    const plans: (boolean | undefined)[] = [];
    // Alone, the program never fails: the shared runs' failure came from what an earlier schedule left.
    const run: RunControlled = async (settings, plan) => {
      plans.push(plan.reuse);
      return ran("fine", settings.schedule ?? "s1");
    };
    const shared: SharedSearch = async () => ({
      schedulesRun: 7, exhaustive: false, unlisted: 0, outcomes: [],
      failure: { failed: true, refusal: null, key: "", schedule: "s1.2", item: ran("", "s1.2", "error", [{ thread: "Thread-1", message: "AssertionError: left over" }]) },
    });
    const found = await explore(run, { mode: "failure", maxSchedules: 5 }, shared);
    expect(found.failure).toBeUndefined();
    // The replay of the failure, then the whole search again, every run on fresh workers.
    expect(plans.length).toBeGreaterThan(1);
    expect(plans.every((reuse) => reuse === undefined)).toBe(true);
    expect(found.schedulesRun).toBe(7 + plans.length - 1);
  });

  it("throws the runner's refusal, as a run that cannot be controlled would", async () => {
    const shared: SharedSearch = async () => {
      throw new Error("RuntimeError: Barrier is not supported in a controlled run");
    };
    await expect(explore(async () => ran("", "s1"), {}, shared)).rejects.toThrow(/not supported in a controlled run/);
  });
});
