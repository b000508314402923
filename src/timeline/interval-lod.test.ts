// Interval LOD: wide intervals pass through, sub-pixel ones merge, and a
// dense list costs about one step per pixel.
import { describe, expect, it } from "vitest";
import { IntervalList } from "../trace/model-series";
import { TimeScale } from "../trace/time-scale";
import { visitIntervals } from "./interval-lod";

function list(pairs: [number, number][]): IntervalList {
  const l = new IntervalList();
  for (const [s, e] of pairs) {
    l.open(s);
    l.close(e);
  }
  return l;
}

describe("visitIntervals", () => {
  const scale = new TimeScale(0, 100, 0, 100); // 1 px per ms

  it("passes wide intervals through, clipped to the view", () => {
    const out: number[][] = [];
    visitIntervals(list([[-10, 20], [30, 50], [90, 150]]), scale, 1e9, (x0, x1, i, m) => out.push([x0, x1, i, +m]));
    expect(out).toEqual([[0, 20, 0, 0], [30, 50, 1, 0], [90, 100, 2, 0]]);
  });

  it("merges sub-pixel neighbours and skips what one column hides", () => {
    const pairs: [number, number][] = [];
    for (let t = 10; t < 20; t += 0.01) pairs.push([t, t + 0.005]);
    const out: number[][] = [];
    const visited = visitIntervals(list(pairs), scale, 1e9, (x0, x1, i, m) => out.push([x0, x1, i, +m]));
    expect(out.length).toBe(1);
    expect(out[0][0]).toBeCloseTo(10, 6);
    expect(out[0][1]).toBeGreaterThan(19.5);
    expect(out[0][3]).toBe(1);
    expect(visited).toBeLessThan(40); // ~1000 intervals, visited about once per pixel
  });

  it("visits an interval of no length (lock pairs folded within one clock tick), so it can be given a pixel", () => {
    const out: number[][] = [];
    visitIntervals(list([[30, 30], [60, 60]]), scale, 1e9, (x0, x1, i) => out.push([x0, x1, i]));
    expect(out).toEqual([[30, 30, 0], [60, 60, 1]]);
    // One that only ends where the view begins is not in it.
    const zoomed = new TimeScale(20, 100, 0, 80);
    const inView: number[][] = [];
    visitIntervals(list([[10, 20], [30, 30]]), zoomed, 1e9, (x0, x1, i) => inView.push([x0, x1, i]));
    expect(inView).toEqual([[10, 10, 1]]);
  });

  it("ends an open interval at untilMs", () => {
    const l = new IntervalList();
    l.open(40);
    const out: number[][] = [];
    visitIntervals(l, scale, 60, (x0, x1) => out.push([x0, x1]));
    expect(out).toEqual([[40, 60]]);
  });
});
