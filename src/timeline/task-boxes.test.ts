// A pool task's box says how it ended: done, still going, or cut short where
// its worker's thread ended (Pool.terminate) — never "done" for a task that
// did not finish.
import { describe, expect, it } from "vitest";
import { EventKind, ThreadState } from "../trace/events";
import { TraceModel } from "../trace/model";
import { POOL_20 } from "./test-scenario";
import { poolTaskBoxes } from "./task-boxes";
import { ZH_WORDS } from "./words";

function worker(): TraceModel {
  const m = new TraceModel();
  m.addThread(3, "PoolWorker-1", "pool-worker", 1001);
  m.add(3, 0, EventKind.State, ThreadState.Running, 0);
  m.add(3, 1, EventKind.PoolWorker, 0, POOL_20);
  m.add(3, 10, EventKind.PoolTaskStart, 0, POOL_20);
  m.add(3, 30, EventKind.PoolTaskEnd, 0, POOL_20);
  m.add(3, 30, EventKind.PoolTaskStart, 1, POOL_20);
  return m;
}

const to = (rows: [string, string][]) => rows.find(([k]) => k === "to" || k === "至")?.[1];

describe("poolTaskBoxes", () => {
  it("says a task whose worker was terminated did not finish, and one still running is still going", () => {
    const going = worker();
    const [done, running] = poolTaskBoxes(going, 50);
    expect(to(done.rows)).toBe("30.000 ms");
    expect(to(running.rows)).toMatch(/still going/);

    const terminated = worker();
    terminated.add(3, 40, EventKind.State, ThreadState.Stopped, 0);
    const [, cut] = poolTaskBoxes(terminated, 50);
    expect(cut.endMs).toBe(40);
    expect(to(cut.rows)).toBe("40.000 ms (not finished: its worker ended)");
    expect(poolTaskBoxes(terminated, 50, ZH_WORDS)[1].rows.some(([, v]) => v.includes("未完成"))).toBe(true);
    // A cap later in the trace does not hide that it did not finish.
    terminated.cutAt(45);
    expect(to(poolTaskBoxes(terminated, 50)[1].rows)).toBe("40.000 ms (not finished: its worker ended)");
  });
});
