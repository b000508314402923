// A task's row ends at its end: nothing is traced for it after, though the
// code that runs next (after its loop, outside any task) awaits the API
// while the ended task is still the last one that ran.
import { describe, expect, it } from "vitest";
import { startTestRun } from "../runtime/test-run";
import { EventKind, ThreadState } from "../trace/events";
import { asyncio } from "./asyncio";

describe("an ended asyncio task", () => {
  it("is drawn waiting at no await made after its end, by code outside any task", async () => {
    const run = startTestRun();
    run.ctx.enter(ThreadState.Running);
    run.events();
    await asyncio.run(async () => { await asyncio.sleep(5); });
    await asyncio.sleep(5);
    const tasks = asyncio.createTask(asyncio.sleep(1), { name: "later" });
    await tasks;
    const got = run.events().filter(([k]) => k >= EventKind.TaskStart && k <= EventKind.TaskResume);
    const main = got[0][2];
    expect(got.filter(([, , o]) => o === main).map(([k]) => k)).toEqual([EventKind.TaskStart, EventKind.TaskAwait, EventKind.TaskResume, EventKind.TaskEnd]);
  });
});
