// Walking the test scenario's bars (test-scenario.ts): lanes in order are
// MainThread (1), Thread-1 (2), then the pool's PoolWorker-1 (3).
import { describe, expect, it } from "vitest";
import { barSpan, focusHit, stepBar, threadLifetime } from "./bar-nav";
import { layoutLanes } from "./layout";
import { scenario } from "./test-scenario";
import { describeHit } from "./describe";

describe("stepBar", () => {
  const model = scenario();
  const layout = layoutLanes(model);

  it("starts on the first lane's bar at the view's left edge", () => {
    expect(stepBar(model, layout, null, "right", 90, 27)).toEqual({ ident: 1, index: 1 });
  });

  it("left and right walk one thread's states and stop at its ends", () => {
    expect(stepBar(model, layout, { ident: 2, index: 0 }, "right", 90)).toEqual({ ident: 2, index: 1 });
    expect(stepBar(model, layout, { ident: 2, index: 2 }, "right", 90)).toEqual({ ident: 2, index: 2 });
    expect(stepBar(model, layout, { ident: 2, index: 0 }, "left", 90)).toEqual({ ident: 2, index: 0 });
  });

  it("up and down go to the bar of the next lane under the focused bar's middle", () => {
    // Thread-1 blocked 20-33: its middle (26.5) is MainThread's sleep (25-30).
    expect(stepBar(model, layout, { ident: 2, index: 1 }, "up", 90)).toEqual({ ident: 1, index: 1 });
    expect(stepBar(model, layout, { ident: 1, index: 1 }, "up", 90)).toEqual({ ident: 1, index: 1 });
  });

  it("describes the focused bar as the hover card does", () => {
    const hit = focusHit(model, { ident: 2, index: 1 }, 90);
    expect(barSpan(model, { ident: 2, index: 1 }, 90)).toEqual({ startMs: 20, endMs: 33 });
    expect(describeHit(model, hit)?.title).toBe("Thread-1 · blocked on a lock");
  });

  it("a lane's lifetime runs from its first state to its end", () => {
    expect(threadLifetime(model, 2, 90)).toEqual({ startMs: 5, endMs: 60 });
  });
});
