import { describe, expect, it } from "vitest";
import { explore, type RunControlled } from "./explore";
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
