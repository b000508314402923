// A run whose trace did not reach the page whole (run-session.ts, finish):
// the runner's end says from when the record is not known complete, and
// the model is cut there (drawn hatched, its figures counted only up to
// it), whether the missing events were counted (a stop) or not (a final
// pass that never ended).
import { describe, expect, it } from "vitest";
import { compile } from "../compile/compile";
import type { FromRunner } from "../runtime/frame-protocol";
import { RunSession } from "./run-session";

async function endWith(end: Partial<Extract<FromRunner, { type: "end" }>>) {
  const session = new RunSession(1, compile('import { print } from "playground"; print(1);', { ticks: true }), {}, () => {});
  session.handle({ type: "started", runId: 1, epochMs: performance.timeOrigin + performance.now() });
  session.handle({ type: "end", runId: 1, status: "ok", exitCode: 0, endMs: 20, ...end });
  await session.result;
  return session.model;
}

describe("RunSession at a run's end", () => {
  it("cuts the trace where the runner says it is not known complete, though no count of what is missing came", async () => {
    const model = await endWith({ problem: "the run's trace was not completely read at its end", traceCutMs: 7 });
    expect(model.traceCut).toBe(true);
    expect(model.droppedEvents).toBe(0);
  });

  it("leaves a whole trace uncut", async () => {
    const model = await endWith({});
    expect(model.traceCut).toBe(false);
  });

  it("takes no cut at a negative moment", async () => {
    const model = await endWith({ traceCutMs: -1 });
    expect(model.traceCut).toBe(false);
  });
});
