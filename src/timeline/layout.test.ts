// Lanes: grouped by process, pool workers under their pool, then locks and
// queues (a pool's own queues are left to the pool lanes); y lookups.
import { describe, expect, it } from "vitest";
import { LANE, laneAt, layoutLanes, type TimelineLayout } from "./layout";
import { LOCK_9, POOL_20, QUEUE_7, scenario } from "./test-scenario";
import { EventKind, ThreadState } from "../trace/events";
import { QUEUE_PUT_KIND, TraceModel } from "../trace/model";
import { ObjKind, objRef } from "../trace/object-kinds";

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

describe("layoutLanes during a run", () => {
  // As the timeline view does: a new layout only when the model's structure changed.
  function liveLayout(m: TraceModel): () => TimelineLayout {
    let version = -1;
    let layout: TimelineLayout | null = null;
    return () => {
      if (m.structureVersion !== version) {
        version = m.structureVersion;
        layout = layoutLanes(m);
      }
      return layout!;
    };
  }

  it("gives a pool worker its row of task boxes when its first task starts, after it joined the pool", () => {
    const m = new TraceModel();
    m.addThread(1, "MainThread", "main", 1000);
    m.addThread(3, "PoolWorker-1", "pool-worker", 1001);
    m.add(1, 0, EventKind.PoolPending, 1, POOL_20);
    m.add(3, 2, EventKind.State, ThreadState.Running, 0);
    m.add(3, 3, EventKind.PoolWorker, 0, POOL_20);
    const layout = liveLayout(m);
    expect(layout().threads.get(3)!.taskRow).toBe(false);
    m.add(3, 10, EventKind.PoolTaskStart, 0, POOL_20);
    expect(layout().threads.get(3)!.taskRow).toBe(true);
  });

  it("labels a lock's lane with its name when the name comes after the lane was laid out", () => {
    const m = new TraceModel();
    m.addThread(1, "MainThread", "main", 1000);
    m.add(1, 0, EventKind.State, ThreadState.Running, 0);
    m.add(1, 1, EventKind.LockAcquired, 0, LOCK_9);
    const layout = liveLayout(m);
    expect(layout().locks.get(LOCK_9)!.label).toBe("Lock 9");
    m.nameObject(LOCK_9, "balanceLock");
    expect(layout().locks.get(LOCK_9)!.label).toBe("balanceLock");
  });

  it("drops a queue's lane when it turns out to be a pool's own", () => {
    const m = new TraceModel();
    m.addThread(1, "MainThread", "main", 1000);
    m.add(1, 0, EventKind.State, ThreadState.Running, 0);
    m.add(1, 1, QUEUE_PUT_KIND, 1, QUEUE_7);
    const layout = liveLayout(m);
    expect(layout().queues.has(QUEUE_7)).toBe(true);
    m.setOwner(QUEUE_7, POOL_20);
    expect(layout().queues.has(QUEUE_7)).toBe(false);
  });

  it("says a Semaphore's lane draws who waited, not who holds it", () => {
    const m = new TraceModel();
    const slots = objRef(ObjKind.Semaphore, 3);
    m.addThread(1, "MainThread", "main", 1000);
    m.add(1, 0, EventKind.State, ThreadState.Running, 0);
    m.add(1, 1, EventKind.State, ThreadState.Blocked, slots);
    m.add(1, 2, EventKind.State, ThreadState.Running, 0);
    m.nameObject(slots, "slots");
    expect(layoutLanes(m).locks.get(slots)!.label).toBe("slots · waits only");
  });

  it("puts threads in the order they were started, not in their idents' (an ident follows the slot a thread reused)", () => {
    const m = new TraceModel();
    m.addThread(1, "MainThread", "main", 1000);
    m.add(1, 0, EventKind.State, ThreadState.Running, 0);
    // Thread-9 took a slot freed early (ident 74), Thread-10 and Thread-11 fresh ones (idents 12 and 13).
    m.addThread(12, "Thread-10", "thread", 1000);
    m.addThread(13, "Thread-11", "thread", 1000);
    m.addThread(74, "Thread-9", "thread", 1000);
    m.addThread(20, "Thread-12", "thread", 1000);
    const layout = liveLayout(m);
    expect(layout().lanes.map((l) => l.label).slice(1), "before their first events, by ident").toEqual(["MainThread", "Thread-10", "Thread-11", "Thread-12", "Thread-9"]);
    m.add(74, 5, EventKind.State, ThreadState.Starting, 0);
    m.add(12, 5.2, EventKind.State, ThreadState.Starting, 0);
    m.add(13, 5.3, EventKind.State, ThreadState.Starting, 0);
    expect(layout().lanes.map((l) => l.label).slice(1)).toEqual(["MainThread", "Thread-9", "Thread-10", "Thread-11", "Thread-12"]);
    m.add(20, 5.4, EventKind.State, ThreadState.Starting, 0);
    expect(layout().lanes.map((l) => l.label).slice(1)).toEqual(["MainThread", "Thread-9", "Thread-10", "Thread-11", "Thread-12"]);
  });
});
