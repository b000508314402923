// At a step-mode pause, a thread the scheduler lets go on is drawn waiting
// for its turn from the step that let it go, not in the wait its own trace
// last recorded.
import { describe, expect, it } from "vitest";
import type { ControlReport } from "../runtime/types";
import { EventKind, ThreadState } from "../trace/events";
import { objRef, ObjKind, SCHEDULER_TURN_REF } from "../trace/object-kinds";
import { TraceModel } from "../trace/model";
import { drawWakes } from "./paused-wakes";

const LOCK = objRef(ObjKind.Lock, 1);
const us = (n: number) => n / 1000;

/** MainThread (1) joins; Thread-1 (2) holds the lock and ends at step 9; Thread-2 (3) blocked on the lock at step 6. */
function pausedRun(thread2Status: "runnable" | "blocked" = "runnable", times = Array.from({ length: 10 }, (_, i) => us(i))) {
  const m = new TraceModel();
  m.addThread(1, "MainThread", "main", 1000);
  m.addThread(2, "Thread-1", "thread", 1000);
  m.addThread(3, "Thread-2", "thread", 1000);
  m.add(1, us(0), EventKind.State, ThreadState.Running, 0);
  m.add(1, us(2), EventKind.State, ThreadState.Waiting, objRef(ObjKind.Thread, 2));
  m.add(3, us(5), EventKind.State, ThreadState.Running, 0);
  m.add(3, us(6), EventKind.State, ThreadState.Blocked, LOCK);
  const control = {
    end: "paused", steps: 10, times,
    // bits: 2 MainThread, 4 Thread-1, 8 Thread-2; Thread-2 blocked from decision 7, everyone but Thread-1 able at the pause
    enabled: [2, 6, 14, 12, 12, 12, 12, 4, 4, 4],
    threads: [
      { n: 1, ident: 1, name: "MainThread", status: "runnable" },
      { n: 2, ident: 2, name: "Thread-1", status: "done" },
      { n: 3, ident: 3, name: "Thread-2", status: thread2Status },
    ],
  } as unknown as ControlReport;
  return { m, control };
}

describe("drawWakes", () => {
  it("draws a thread the last step let go (a release, a joined thread's end) waiting for its turn from that step", () => {
    const { m, control } = pausedRun();
    drawWakes(m, control, us(10));
    for (const ident of [1, 3]) {
      const track = m.threads.get(ident)!;
      expect(track.state).toBe(ThreadState.Waiting);
      expect(track.stateObj).toBe(SCHEDULER_TURN_REF);
      expect(track.stateSinceMs).toBeCloseTo(us(9), 9);
    }
  });

  it("leaves a thread the scheduler does not let go as its trace has it", () => {
    const { m, control } = pausedRun("blocked");
    drawWakes(m, control, us(10));
    const track = m.threads.get(3)!;
    expect(track.state).toBe(ThreadState.Blocked);
    expect(track.stateObj).toBe(LOCK);
  });

  it("after a jump of the clock to a deadline, draws it from the jump's end: a deadline may have let it go", () => {
    const { m, control } = pausedRun();
    drawWakes(m, control, us(500));
    expect(m.threads.get(3)!.stateSinceMs).toBeCloseTo(us(500), 9);
  });

  it("from the first of the decisions it could have taken up to the pause", () => {
    const times = Array.from({ length: 10 }, (_, i) => us(i));
    const { m, control } = pausedRun("runnable", times);
    // Thread-2 could go on from decision 8 (step 7 let it go): drawn from step 7's moment.
    control.enabled = [2, 6, 14, 12, 12, 12, 12, 4, 12, 12];
    drawWakes(m, control, us(10));
    expect(m.threads.get(3)!.stateSinceMs).toBeCloseTo(us(7), 9);
  });

  it("draws a thread a deadline let go (a sleep, a timed wait that timed out) from the decision that let it go, not the step before", () => {
    const { m, control } = pausedRun();
    // Thread-2 timed out: the scheduler freed it as it decided the pause's step, not during Thread-1's last step.
    (control.threads[2] as { timedOut?: boolean }).timedOut = true;
    drawWakes(m, control, us(10));
    expect(m.threads.get(3)!.stateSinceMs).toBeCloseTo(us(10), 9);
    const slept = pausedRun();
    slept.m.add(3, us(7), EventKind.State, ThreadState.Sleeping, 0);
    drawWakes(slept.m, slept.control, us(10));
    expect(slept.m.threads.get(3)!.stateSinceMs).toBeCloseTo(us(10), 9);
  });
});
