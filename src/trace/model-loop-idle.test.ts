// "event loop idle" in the trace model: derived from the task events over a
// thread's running stretches, and counted apart from running in the figures.
import { describe, expect, it } from "vitest";
import { EventKind, ThreadState } from "./events";
import { TraceModel } from "./model";

function runningLoop(): TraceModel {
  const m = new TraceModel();
  m.addThread(1, "MainThread", "main", 1000);
  m.add(1, 0, EventKind.State, ThreadState.Running, 0);
  return m;
}

const statesOf = (m: TraceModel) => {
  const t = m.threads.get(1)!;
  return Array.from({ length: t.states.length }, (_, i) => [t.times.data[i], t.states.data[i]]);
};

describe("event loop idle", () => {
  it("is one stretch, from its first word, when the runtime finds the loop idle after its tasks said so", () => {
    const m = runningLoop();
    m.add(1, 1, EventKind.TaskStart, 0, 7);
    m.add(1, 2, EventKind.TaskAwait, 0, 7);
    m.add(1, 2.05, EventKind.State, ThreadState.EventLoopIdle, 0); // the runtime's probe, a moment later
    m.add(1, 50, EventKind.State, ThreadState.Running, 0); // a timer wakes the thread
    m.add(1, 50.1, EventKind.TaskResume, 0, 7);
    expect(statesOf(m)).toEqual([
      [0, ThreadState.Running],
      [2, ThreadState.EventLoopIdle],
      [50, ThreadState.Running],
    ]);
    expect(m.figures(m.threads.get(1)!, 60).runningMs).toBeCloseTo(2 + 10, 6);
  });

  it("is drawn from the runtime's word alone for a thread with no asyncio loop", () => {
    const m = runningLoop();
    m.add(1, 3, EventKind.State, ThreadState.EventLoopIdle, 0);
    m.add(1, 203, EventKind.State, ThreadState.Running, 0);
    m.add(1, 204, EventKind.State, ThreadState.Done, 0);
    expect(statesOf(m).map(([, s]) => s)).toEqual([ThreadState.Running, ThreadState.EventLoopIdle, ThreadState.Running, ThreadState.Done]);
    expect(m.figures(m.threads.get(1)!, 204).runningMs).toBeCloseTo(4, 6);
  });

  it("is the stretch where every task waits at an await", () => {
    const m = runningLoop();
    m.add(1, 1, EventKind.TaskStart, 0, 7); // main
    m.add(1, 2, EventKind.TaskStart, 0, 8);
    m.add(1, 3, EventKind.TaskAwait, 0, 7); // main awaits gather: task 8 still runs
    m.add(1, 4, EventKind.TaskAwait, 0, 8); // now nothing is ready
    m.add(1, 104, EventKind.TaskResume, 0, 8);
    m.add(1, 105, EventKind.TaskEnd, 0, 8);
    m.add(1, 105, EventKind.TaskResume, 0, 7);
    m.add(1, 106, EventKind.TaskEnd, 0, 7);
    m.add(1, 107, EventKind.State, ThreadState.Done, 0);
    expect(statesOf(m)).toEqual([
      [0, ThreadState.Running],
      [4, ThreadState.EventLoopIdle],
      [104, ThreadState.Running],
      // task 8 ended before main resumed: idle for no time at all, as it was
      [105, ThreadState.EventLoopIdle],
      [105, ThreadState.Running],
      [107, ThreadState.Done],
    ]);
    const figures = m.figures(m.threads.get(1)!, 107);
    expect(figures.runningMs).toBe(7);
    expect(figures.blockedMs).toBe(0);
  });

  it("never goes back in time when an await is stamped before events already taken in", () => {
    const m = runningLoop();
    m.add(1, 1, EventKind.TaskStart, 0, 7);
    m.add(1, 5, EventKind.State, ThreadState.Sleeping, 0);
    m.add(1, 9, EventKind.State, ThreadState.Running, 0);
    m.add(1, 6, EventKind.TaskAwait, 0, 7); // began at 6, written after the sleep
    expect(statesOf(m).at(-1)).toEqual([9, ThreadState.EventLoopIdle]);
  });

  it("leaves a blocking call inside a task as the thread's own state", () => {
    const m = runningLoop();
    m.add(1, 1, EventKind.TaskStart, 0, 7);
    m.add(1, 2, EventKind.State, ThreadState.Sleeping, 0); // time.sleep in a coroutine
    m.add(1, 3, EventKind.TaskStart, 0, 8);
    m.add(1, 4, EventKind.TaskAwait, 0, 8);
    expect(statesOf(m).map(([, s]) => s)).toEqual([ThreadState.Running, ThreadState.Sleeping]);
  });

  it("ends with the loop: no task left is running code again", () => {
    const m = runningLoop();
    m.add(1, 1, EventKind.TaskStart, 0, 7);
    m.add(1, 2, EventKind.TaskAwait, 0, 7);
    m.add(1, 3, EventKind.TaskResume, 0, 7);
    m.add(1, 4, EventKind.TaskEnd, 0, 7);
    m.add(1, 5, EventKind.TaskStart, 0, 9); // a second asyncio.run
    expect(statesOf(m).map(([, s]) => s)).toEqual([ThreadState.Running, ThreadState.EventLoopIdle, ThreadState.Running]);
  });
});
