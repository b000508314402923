// The exported trace carries asyncio tasks as the timeline draws them: a
// track per task row under its thread, a slice per task's life, and its
// running stretches nested in it.
import { describe, expect, it } from "vitest";
import { EventKind, ThreadState } from "./events";
import { TraceModel } from "./model";
import { toChromeTrace } from "./chrome-trace";

describe("asyncio tasks in the exported trace", () => {
  it("gives each task row a track under its thread, with the task's life and its running stretches", () => {
    const m = new TraceModel();
    m.addThread(1, "MainThread", "main", 1000);
    m.add(1, 0, EventKind.State, ThreadState.Running, 0);
    m.nameObject(7, "helper");
    m.add(1, 1, EventKind.TaskStart, 0, 7);
    m.add(1, 2, EventKind.TaskAwait, 0, 7);
    m.add(1, 42, EventKind.TaskResume, 0, 7);
    m.add(1, 43, EventKind.TaskEnd, 0, 7);
    const out = toChromeTrace(m, { endMs: 50, output: [] }).traceEvents;
    const track = out.find((e) => e.ph === "M" && e.name === "thread_name" && e.args!.name === "MainThread · tasks 1")!;
    expect(track).toMatchObject({ pid: 1000 });
    const slices = out.filter((e) => e.ph === "X" && e.tid === track.tid).map((e) => [e.name, e.ts, e.dur]);
    expect(slices).toEqual([["task helper", 1000, 42_000], ["running", 1000, 1000], ["running", 42_000, 1000]]);
  });
});
