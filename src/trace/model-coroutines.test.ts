// asyncio tasks in the trace model: running and waiting stretches per task,
// packed into as few rows as the tasks alive at once need.
import { describe, expect, it } from "vitest";
import { EventKind, ThreadState } from "./events";
import { TraceModel } from "./model";
import { MAX_COROUTINE_ROWS } from "./model-coroutines";

function loop(): TraceModel {
  const m = new TraceModel();
  m.addThread(1, "MainThread", "main", 1000);
  return m;
}

const runsOf = (m: TraceModel, row: number) => {
  const runs = m.threads.get(1)!.coroutines.rows[row].runs;
  return Array.from({ length: runs.length }, (_, i) => [runs.starts.data[i], runs.ends.data[i], runs.tags.data[i]]);
};

describe("asyncio tasks in the model", () => {
  it("splits a task's life into running stretches at its awaits", () => {
    const m = loop();
    m.add(1, 0, EventKind.TaskStart, 0, 7);
    m.add(1, 1, EventKind.TaskAwait, 0, 7);
    m.add(1, 11, EventKind.TaskResume, 0, 7);
    m.add(1, 12, EventKind.TaskEnd, 0, 7);
    expect(runsOf(m, 0)).toEqual([[0, 1, 7], [11, 12, 7]]);
    const lives = m.threads.get(1)!.coroutines.rows[0].lives;
    expect([lives.starts.data[0], lives.ends.data[0], lives.extra(0)]).toEqual([0, 12, 0]);
  });

  it("gives tasks alive at once their own rows and reuses a row once its task ended", () => {
    const m = loop();
    const before = m.structureVersion;
    m.add(1, 0, EventKind.TaskStart, 0, 1);
    m.add(1, 1, EventKind.TaskStart, 0, 2);
    m.add(1, 2, EventKind.TaskEnd, 1, 1); // failed
    m.add(1, 3, EventKind.TaskStart, 0, 3);
    const rows = m.threads.get(1)!.coroutines.rows;
    expect(rows).toHaveLength(2);
    expect(m.structureVersion).toBe(before + 2);
    expect(rows[0].lives.tags.data.slice(0, 2)).toEqual(Int32Array.from([1, 3]));
    expect(rows[0].lives.extra(0)).toBe(1);
    expect(rows[1].lives.tags.data[0]).toBe(2);
  });

  it("stops adding rows at the cap and counts the tasks it cannot draw", () => {
    const m = loop();
    for (let id = 1; id <= MAX_COROUTINE_ROWS + 3; id++) m.add(1, id, EventKind.TaskStart, 0, id);
    const coroutines = m.threads.get(1)!.coroutines;
    expect(coroutines.rows).toHaveLength(MAX_COROUTINE_ROWS);
    expect(coroutines.hidden).toBe(3);
  });

  it("ends the tasks still alive when their thread ends", () => {
    const m = loop();
    m.add(1, 0, EventKind.TaskStart, 0, 1);
    m.add(1, 5, EventKind.TaskAwait, 0, 1);
    m.finish(1, 9, ThreadState.Done);
    const row = m.threads.get(1)!.coroutines.rows[0];
    expect(row.lives.ends.data[0]).toBe(9);
    expect(row.runs.ends.data[0]).toBe(5);
  });
});
