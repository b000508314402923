// The reader's picks drawn over the test scenario: the selected range is a
// band across the lanes at its times, every search match in view gets an
// outline, and the keyboard's bar a ring around its bar.
import { describe, expect, it } from "vitest";
import { TimeScale } from "../trace/time-scale";
import { fakeContext } from "./fake-canvas";
import { layoutLanes } from "./layout";
import { TimelineRenderer } from "./render";
import { searchTrace } from "./search";
import { scenario } from "./test-scenario";
import { LIGHT_THEME } from "./theme";
import { AXIS_PX, GUTTER_PX } from "./geometry";

describe("drawing the reader's picks", () => {
  it("draws the range band, the matches' outlines and the focus ring", () => {
    const model = scenario();
    const { ctx, rects } = fakeContext();
    const strokes: { x: number; w: number; color: string }[] = [];
    Object.assign(ctx, {
      setLineDash() {},
      strokeRect(x: number, _y: number, w: number) { strokes.push({ x, w, color: String(ctx.strokeStyle) }); },
    });
    const matches = searchTrace(model, "acquire lock 9", 100).matches;
    new TimelineRenderer().draw(ctx, {
      model, layout: layoutLanes(model), scale: new TimeScale(0, 100, GUTTER_PX, GUTTER_PX + 1000),
      widthPx: GUTTER_PX + 1000, heightPx: 400, scrollY: 0, theme: LIGHT_THEME, untilMs: 100, live: false,
      selection: { startMs: 10, endMs: 40 }, matches, currentMatch: 0, focusBar: { ident: 2, startMs: 20, endMs: 33 },
    });
    // The band: 10 px a ms, from 10 ms to 40 ms, under the axis.
    const band = rects.find((r) => r.color === LIGHT_THEME.accent && r.y === AXIS_PX && Math.abs(r.w - 300) < 1e-6);
    expect(band?.x).toBeCloseTo(GUTTER_PX + 100, 6);
    const outlined = strokes.filter((s) => s.color === LIGHT_THEME.highlight);
    // Two holds outlined, and the current one again, stronger.
    expect(outlined.length).toBe(3);
    const ring = strokes.filter((s) => s.color === LIGHT_THEME.text);
    expect(ring.some((s) => Math.abs(s.x - (GUTTER_PX + 200 - 2.5)) < 1e-6)).toBe(true);
  });
});
