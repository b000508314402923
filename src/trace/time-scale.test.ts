// TimeScale: every conversion the timeline makes, and the view operations
// (zoom about the cursor, pan, clamp) that input handling builds on.
import { describe, expect, it } from "vitest";
import { MIN_SPAN_MS, TimeScale } from "./time-scale";

describe("TimeScale", () => {
  const scale = new TimeScale(100, 200, 50, 1050); // 100 ms over 1000 px

  it("maps times to pixels and back", () => {
    expect(scale.pxPerMs).toBe(10);
    expect(scale.msToPx(100)).toBe(50);
    expect(scale.msToPx(150)).toBe(550);
    expect(scale.pxToMs(1050)).toBe(200);
    expect(scale.pxToMs(scale.msToPx(123.456))).toBeCloseTo(123.456, 9);
    expect(scale.durationToPx(2.5)).toBe(25);
    expect(scale.pxToDuration(25)).toBe(2.5);
  });

  it("zooms about the anchor: the moment under the cursor stays put", () => {
    const anchorPx = 300;
    const before = scale.pxToMs(anchorPx);
    const zoomed = scale.zoomedAt(4, anchorPx);
    expect(zoomed.spanMs).toBeCloseTo(25, 9);
    expect(zoomed.pxToMs(anchorPx)).toBeCloseTo(before, 9);
    expect(zoomed.zoomedAt(0.25, anchorPx).spanMs).toBeCloseTo(100, 9);
  });

  it("never zooms below the clock's resolution", () => {
    expect(scale.zoomedAt(1e9, 500).spanMs).toBeCloseTo(MIN_SPAN_MS, 12);
  });

  it("pans by pixels: positive shows later times", () => {
    const panned = scale.pannedBy(100);
    expect(panned.startMs).toBe(110);
    expect(panned.endMs).toBe(210);
  });

  it("clamps the window inside the run and no wider than it", () => {
    expect(scale.pannedBy(-2000).clampedTo(0, 1000).startMs).toBe(0);
    expect(scale.pannedBy(1e5).clampedTo(0, 1000).endMs).toBe(1000);
    const wide = scale.withWindow(-50, 5000).clampedTo(0, 1000);
    expect([wide.startMs, wide.endMs]).toEqual([0, 1000]);
    expect(scale.clampedTo(0, 1000)).toBe(scale);
  });

  it("keeps the window when the canvas is resized", () => {
    const resized = scale.withPixels(50, 550);
    expect([resized.startMs, resized.endMs]).toEqual([100, 200]);
    expect(resized.pxPerMs).toBe(5);
  });

  it("stays finite for an empty window or canvas", () => {
    const empty = new TimeScale(0, 0, 0, 0);
    expect(Number.isFinite(empty.msToPx(5))).toBe(true);
    expect(Number.isFinite(empty.pxToMs(5))).toBe(true);
  });
});
