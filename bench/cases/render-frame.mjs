// render.frame.ms: the median time to draw one frame of the timeline during
// a pan/zoom sweep over a synthetic trace of 1,000,000 events (12 threads
// switching state, contending for a lock, a producer/consumer queue, 4 pool
// workers): zoom from the whole run to 1/1000 of it and back, then pan
// across at 1/20 — 101 frames, each a new window (no cache hits), on a
// 1400x720 canvas. Each frame is timed until the canvas has rasterised it
// (a 1-pixel readback), so the figure is what a frame really costs, not
// just our calls. The page builds the model
// and times the renderer itself (window.playground.debug.renderBench,
// src/timeline/bench.ts). render.events reports the trace's size.

const EVENTS = 1_000_000;

let measured = null;

/** One sweep shared by both figures. */
function sweep(page) {
  measured ??= page.evaluate((events) => window.playground.debug.renderBench(events), EVENTS);
  return measured;
}

export const frame = {
  name: "render.frame.ms",
  goal: "<= 16",
  async run(page) {
    const r = await sweep(page);
    return {
      value: r.medianMs,
      unit: "ms",
      note: `median of ${r.frames} frames; p95 ${r.p95Ms.toFixed(1)} ms, whole run in view ${r.fullViewMs.toFixed(1)} ms; model built in ${Math.round(r.buildMs)} ms`,
    };
  },
};

export const events = {
  name: "render.events",
  goal: ">= 1000000",
  async run(page) {
    const r = await sweep(page);
    return { value: r.events, unit: "events", note: "events in the synthetic trace of render.frame.ms" };
  },
};
