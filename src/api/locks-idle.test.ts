// A Lock, RLock or Condition call finds its thread running when code a host
// source the runtime does not wrap woke it while the thread was idle
// (runtime/thread-event-loop.ts): their events go to the ring directly, not
// through the context, so each call checks itself (locks.ts, condition.ts).
// The test process is the run's MainThread, with a real worker context.
import { describe, expect, it } from "vitest";
import { startTestRun } from "../runtime/test-run";
import { EventKind, ThreadState } from "../trace/events";
import { Lock, RLock } from "./locks";
import { Condition } from "./condition";

/** MainThread, running, then idle (as its probe would leave it); its events so far read. */
function anIdleThread() {
  const run = startTestRun();
  run.ctx.enter(ThreadState.Running);
  run.ctx.idle();
  expect(run.ctx.state).toBe(ThreadState.EventLoopIdle);
  run.events();
  return run;
}

/** The states the thread recorded since the last read. */
const statesIn = (events: [number, number, number][]) => events.filter(([kind]) => kind === EventKind.State).map(([, state]) => state);

describe("a lock call of code woken unseen", () => {
  it("finds the thread running before the Lock's acquire and release are recorded", () => {
    const { ctx, events } = anIdleThread();
    const lock = new Lock();
    lock.acquire();
    expect(ctx.state).toBe(ThreadState.Running);
    const acquired = events();
    expect(statesIn(acquired)).toEqual([ThreadState.Running]);
    expect(acquired.findIndex(([kind]) => kind === EventKind.State)).toBeLessThan(acquired.findIndex(([kind]) => kind === EventKind.LockAcquired));
    ctx.idle();
    lock.release();
    expect(ctx.state).toBe(ThreadState.Running);
  });

  it("finds it running at an RLock's release and a Condition's wait too", () => {
    const { ctx } = anIdleThread();
    const rlock = new RLock();
    ctx.resume();
    rlock.acquire();
    ctx.idle();
    rlock.release();
    expect(ctx.state).toBe(ThreadState.Running);
    const condition = new Condition();
    condition.acquire();
    ctx.idle();
    expect(condition.wait(0)).toBe(false);
    expect(ctx.state).toBe(ThreadState.Running);
    condition.release();
  });
});
