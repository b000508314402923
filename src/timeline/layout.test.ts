// Lanes: grouped by process, pool workers under their pool, then locks and
// queues (a pool's own queues are left to the pool lanes); y lookups.
import { describe, expect, it } from "vitest";
import { LANE, laneAt, layoutLanes } from "./layout";
import { scenario } from "./test-scenario";

describe("layoutLanes", () => {
  const layout = layoutLanes(scenario());

  it("orders groups and lanes as Python names them", () => {
    expect(layout.lanes.map((l) => `${l.kind}:${l.label}`)).toEqual([
      "group:MainProcess", "thread:MainThread", "thread:Thread-1",
      "group:Pool 20 · 1 worker", "pool:pending tasks", "thread:PoolWorker-1",
      "group:Locks", "lock:Lock 9",
      "group:Queues", "queue:Queue 7",
    ]);
  });

  it("stacks lanes without gaps and gives span and task rows their height", () => {
    let y = 0;
    for (const lane of layout.lanes) {
      expect(lane.y).toBe(y);
      y += lane.height;
    }
    expect(layout.heightPx).toBe(y);
    expect(layout.threads.get(1)!.spanRows).toBe(1);
    expect(layout.threads.get(1)!.height).toBe(LANE.bar + 2 * LANE.pad + LANE.row);
    expect(layout.threads.get(3)!.taskRow).toBe(true);
  });

  it("finds the lane at a y", () => {
    const lane = layout.threads.get(2)!;
    expect(laneAt(layout, lane.y)).toBe(lane);
    expect(laneAt(layout, lane.y + lane.height - 0.5)).toBe(lane);
    expect(laneAt(layout, -1)).toBeNull();
    expect(laneAt(layout, layout.heightPx)).toBeNull();
  });
});
