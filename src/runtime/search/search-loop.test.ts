import { describe, expect, it } from "vitest";
import { searchSchedules, type Tried } from "./search-loop";

/** A run of a program with one outcome, "done", whose scheduler reports no choice left (so the search is over after it). */
const done = (): Tried<string> => ({
  failed: false, refusal: null, key: "ok\u0000done", schedule: "s1.1", item: "done",
  control: { end: "finished", steps: 1, choices: [], enabled: [] },
});

describe("searchSchedules", () => {
  it("lists no outcome for a run that the search's own deadline cut: its timeout says nothing of the program", async () => {
    let runs = 0;
    const found = await searchSchedules<string>(async () => {
      runs++;
      // Every run ends past the deadline, in a timeout, as a run does whose budget was what was left of the search's time.
      await new Promise((resolve) => setTimeout(resolve, 15));
      return { failed: false, timedOut: true, refusal: null, key: "timeout\u0000", schedule: "s1.1", item: "cut" };
    }, { mode: "outcomes", maxSchedules: 10, deadline: performance.now() + 5, aborted: () => false });
    expect(runs).toBe(1);
    expect(found).toMatchObject({ schedulesRun: 0, exhaustive: false, outcomes: [] });
  });

  it("lists a timeout that came before the deadline as an outcome: the program hung there", async () => {
    const found = await searchSchedules<string>(async () => ({
      failed: false, timedOut: true, refusal: null, key: "timeout\u0000", schedule: "s1.1", item: "hung",
    }), { mode: "outcomes", maxSchedules: 1, deadline: performance.now() + 60_000, aborted: () => false });
    expect(found.schedulesRun).toBe(1);
    expect(found.outcomes.map((o) => o.item)).toEqual(["hung"]);
  });

  it("counts a run that ended in time as one schedule and one outcome", async () => {
    const found = await searchSchedules<string>(async () => done(), { mode: "outcomes", maxSchedules: 5, deadline: performance.now() + 60_000, aborted: () => false });
    expect(found).toMatchObject({ schedulesRun: 1, exhaustive: true });
    expect(found.outcomes.map((o) => o.item)).toEqual(["done"]);
  });
});
