// A run whose trace did not reach the page whole (run-session.ts, finish):
// the model is cut once, at the earliest moment from which it is not known
// whole: what the page was never sent (counted, from its earliest event),
// and what the drainer never read (not counted; from where each thread not
// seen to end was last seen).
import { describe, expect, it } from "vitest";
import { compile } from "../compile/compile";
import type { FromRunner } from "../runtime/frame-protocol";
import { EventKind, ThreadState } from "../trace/events";
import { RunSession } from "./run-session";

async function endWith(end: Partial<Extract<FromRunner, { type: "end" }>>) {
  const session = new RunSession(1, compile('import { print } from "playground"; print(1);', { ticks: true }), {}, () => {});
  session.handle({ type: "started", runId: 1 });
  // MainThread ran to its end at 19 ms; Thread-1 was last seen blocked from 7 ms (what came after may be lost).
  const m = session.model;
  m.addThread(1, "MainThread", "main", 1000);
  m.addThread(2, "Thread-1", "thread", 1000);
  m.add(1, 0, EventKind.State, ThreadState.Running, 0);
  m.add(2, 2, EventKind.State, ThreadState.Running, 0);
  m.add(2, 7, EventKind.State, ThreadState.Blocked, 0);
  m.add(1, 19, EventKind.State, ThreadState.Done, 0);
  session.handle({ type: "end", runId: 1, status: "ok", exitCode: 0, endMs: 20, ...end });
  await session.result;
  return m;
}

describe("RunSession at the end of a run whose trace is not whole", () => {
  it("cuts where the thread not seen to end was last seen, when the drainer's last pass never ended", async () => {
    const model = await endWith({ problem: "the run's trace was not completely read at its end", traceIncomplete: true });
    expect(model.traceCut).toBe(true);
    expect(model.cappedAtMs).toBe(7);
    expect(model.droppedEvents, "what the drainer never read is not counted: how much is not known").toBe(0);
  });

  it("cuts once, at the earlier of that and what the page was never sent", async () => {
    expect((await endWith({ traceIncomplete: true, discardedEvents: 3, discardedFromMs: 15 })).cappedAtMs).toBe(7);
    expect((await endWith({ traceIncomplete: true, discardedEvents: 3, discardedFromMs: 4 })).cappedAtMs).toBe(4);
    // (No moment for what was dropped: the latest event received.)
    expect((await endWith({ traceIncomplete: true, discardedEvents: 3 })).cappedAtMs).toBe(7);
  });

  it("leaves a whole trace uncut", async () => {
    const model = await endWith({});
    expect(model.traceCut).toBe(false);
    expect(model.cappedAtMs).toBe(null);
  });
});
