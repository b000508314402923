// Where the timeline looks: following a live run, zooming and panning, and
// the rule that panning back in time stops following.
import { describe, expect, it } from "vitest";
import { followEnd, frameViewport, initialViewport, pan, reveal, scrollLanes, wheelZoomFactor, zoom } from "./viewport";

describe("viewport", () => {
  const start = initialViewport(100, 1100);

  it("follows a live run: the whole run with room to grow, then snug once it ends", () => {
    const live = frameViewport(start, 400, true);
    expect(live.scale.startMs).toBe(0);
    expect(live.scale.endMs).toBeCloseTo(460, 6);
    const done = frameViewport(live, 400, false);
    expect(done.scale.endMs).toBeCloseTo(408, 6);
    expect(frameViewport(start, 1, true).scale.spanMs).toBe(50); // a fresh run does not fill the screen with its first ms
    // a finished controlled run of 7 virtual µs fills the width, not a tenth of it
    const steps = frameViewport(start, 0.007, false).scale;
    expect(steps.spanMs).toBeGreaterThan(0.007);
    expect(steps.spanMs).toBeLessThan(0.0075);
  });

  it("keeps following after a zoom while live, with the zoomed span ending at now", () => {
    const zoomed = zoom(frameViewport(start, 400, true), 4, 600, true);
    expect(zoomed.follow).toBe(true);
    const later = frameViewport(zoomed, 800, true);
    expect(later.scale.spanMs).toBeCloseTo(zoomed.scale.spanMs, 6);
    expect(later.scale.endMs).toBeGreaterThan(800);
  });

  it("zooms about the pointer once the run is over, and stops following", () => {
    const done = frameViewport(start, 400, false);
    const at = done.scale.pxToMs(300);
    const zoomed = zoom(done, 2, 300, false);
    expect(zoomed.follow).toBe(false);
    expect(zoomed.scale.pxToMs(300)).toBeCloseTo(at, 6);
  });

  it("stops following when panned back, not when panned forward; Follow turns it on again", () => {
    const live = frameViewport(start, 400, true);
    expect(pan(live, 50).follow).toBe(true);
    const back = pan(live, -50);
    expect(back.follow).toBe(false);
    expect(followEnd(back, false).follow).toBe(true);
    expect(followEnd(zoom(back, 2, 500, false), true).fit).toBe(true);
  });

  it("keeps a panned window inside the run", () => {
    const done = { ...frameViewport(start, 400, false), follow: false };
    const far = frameViewport(pan(done, -1e6), 400, false);
    expect(far.scale.startMs).toBeGreaterThanOrEqual(-0.03 * 400 - 1e-9);
  });

  it("reveals a moment: centred when out of view, the zoom kept", () => {
    const zoomed = zoom(frameViewport(start, 1000, false), 10, 600, false);
    const shown = reveal(zoomed, 900);
    expect(shown.follow).toBe(false);
    expect((shown.scale.startMs + shown.scale.endMs) / 2).toBeCloseTo(900, 6);
    expect(shown.scale.spanMs).toBeCloseTo(zoomed.scale.spanMs, 6);
  });

  it("scrolls lanes within their height, and zooms symmetrically with the wheel", () => {
    expect(scrollLanes(start, 500, 300, 200).scrollY).toBe(100);
    expect(scrollLanes(start, -50, 300, 200).scrollY).toBe(0);
    expect(wheelZoomFactor(100) * wheelZoomFactor(-100)).toBeCloseTo(1, 12);
    expect(wheelZoomFactor(-100)).toBeGreaterThan(1);
  });
});
