// setTracing records each change of the calling thread (EventKind.Tracing),
// so the timeline can mark and hatch what it left out; a thread toggling it
// in a loop records its first changes, then one last that turns it off,
// and then none. The test process is the run's MainThread.
import { describe, expect, it } from "vitest";
import { startTestRun } from "../runtime/test-run";
import { EventKind, ThreadState } from "../trace/events";
import { Lock } from "./locks";
import { setTracing } from "./tracing";

const changesIn = (events: [number, number, number][]) => events.filter(([kind]) => kind === EventKind.Tracing).map(([, on]) => on);

describe("setTracing", () => {
  it("records each change, not a call that changes nothing, and keeps the lock's events out while off", () => {
    const { ctx, events } = startTestRun();
    ctx.enter(ThreadState.Running);
    events();
    const lock = new Lock();
    setTracing(false);
    setTracing(false);
    lock.acquire();
    lock.release();
    setTracing(true);
    const got = events();
    expect(changesIn(got)).toEqual([0, 1]);
    expect(got.some(([kind]) => kind === EventKind.LockAcquired)).toBe(false);
  });

  it("stops recording changes past its limit with one that turns it off", () => {
    const { ctx, events } = startTestRun();
    ctx.enter(ThreadState.Running);
    const changes: number[] = [];
    for (let k = 0; k < 1500; k++) {
      setTracing(k % 2 === 1);
      changes.push(...changesIn(events()));
    }
    setTracing(true);
    changes.push(...changesIn(events()));
    expect(changes.length).toBe(1001);
    expect(changes.at(-1)).toBe(0);
  });
});
