// Run figures from the scenario run: thread states, lock contention, queue
// traffic and pool use, as the stats panel shows them.
import { describe, expect, it } from "vitest";
import { runStats } from "./run-stats";
import { scenario } from "./test-scenario";

describe("runStats", () => {
  const stats = runStats(scenario(), 100);

  it("splits each thread's time by state", () => {
    const t1 = stats.threads.find((t) => t.name === "Thread-1")!;
    expect(t1).toMatchObject({ totalMs: 55, runningMs: 42, blockedMs: 13, end: "done" });
    expect(stats.threads.find((t) => t.name === "MainThread")!.sleepingMs).toBe(5);
  });

  it("counts lock contention, queue traffic and pool use", () => {
    expect(stats.locks).toEqual([{ name: "Lock 9", acquisitions: 2, contended: 1, longestWaitMs: 13, longestHoldMs: 17, totalHoldMs: 18 }]);
    expect(stats.queues.find((q) => q.name === "Queue 7")).toEqual({ name: "Queue 7", puts: 2, gets: 2, maxDepth: 2 });
    // A pool's own queues are the runtime's, not the snippet's: not in the stats.
    expect(stats.queues.map((q) => q.name)).toEqual(["Queue 7"]);
    expect(stats.pools).toEqual([{ name: "Pool 20", workers: 1, tasks: 1, utilisation: 1, maxPending: 1 }]);
  });
});
