// Axis ticks land on round numbers and read in the unit their step needs.
import { describe, expect, it } from "vitest";
import { TimeScale } from "../trace/time-scale";
import { formatDuration, formatTick, niceStep, timeTicks } from "./axis";

describe("time axis", () => {
  it("steps by 1, 2 or 5 times a power of ten", () => {
    expect([0.7, 1.5, 3, 7, 0.013].map(niceStep)).toEqual([1, 2, 5, 10, 0.02]);
  });

  it("places ticks at least the spacing apart, on multiples of the step", () => {
    const { stepMs, times } = timeTicks(new TimeScale(3, 47, 0, 1000), 90);
    expect(stepMs).toBe(5);
    expect(times).toEqual([5, 10, 15, 20, 25, 30, 35, 40, 45]);
  });

  it("labels in s, ms or µs as the step calls for", () => {
    expect(formatTick(2000, 1000)).toBe("2 s");
    expect(formatTick(2500, 500)).toBe("2500 ms");
    expect(formatTick(175.8, 0.2)).toBe("175.8 ms");
    expect(formatTick(40, 10)).toBe("40 ms");
    expect(formatTick(0.25, 0.05)).toBe("250 µs");
    expect(formatTick(0, 0.05)).toBe("0");
  });

  it("formats durations to about the µs", () => {
    expect(formatDuration(0.0004)).toBe("400 ns");
    expect(formatDuration(0.0123)).toBe("12.3 µs");
    expect(formatDuration(4.56)).toBe("4.560 ms");
    expect(formatDuration(2350)).toBe("2.350 s");
  });
});
