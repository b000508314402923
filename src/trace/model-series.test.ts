// IntervalList and SortedLog: the searchable shapes the model is made of.
import { describe, expect, it } from "vitest";
import { IntervalList, SortedLog, lowerBound, upperBound } from "./model-series";

describe("binary search", () => {
  const a = Float64Array.from([1, 2, 2, 3]);
  it("finds bounds", () => {
    expect(lowerBound(a, 4, 2)).toBe(1);
    expect(upperBound(a, 4, 2)).toBe(3);
    expect(lowerBound(a, 4, 9)).toBe(4);
    expect(upperBound(a, 4, 0)).toBe(0);
  });
});

describe("IntervalList", () => {
  it("opens, closes and finds intervals; an open one ends at Infinity", () => {
    const list = new IntervalList();
    list.open(1, 7);
    expect(list.close(3)).toBe(2);
    list.open(5);
    expect(list.isOpen()).toBe(true);
    expect(list.indexAt(2)).toBe(0);
    expect(list.indexAt(4)).toBe(-1);
    expect(list.indexAt(1e9)).toBe(1);
    expect(list.firstEndingAfter(3.5)).toBe(1);
    expect(list.close(4)).toBe(0); // a stamp before the start never makes a negative interval
  });

  it("holds no second numbers until one is given, then reads NaN for the intervals before it", () => {
    const list = new IntervalList();
    for (let i = 0; i < 100; i++) {
      list.open(i);
      list.close(i + 0.5);
    }
    const without = list.bytes();
    list.open(200, 0, 150);
    list.close(201);
    list.open(300);
    expect(list.bytes()).toBeGreaterThan(without); // the extras array now exists
    expect([list.extra(0), list.extra(99), list.extra(100), list.extra(101), list.extra(500)]).toEqual([NaN, NaN, 150, NaN, NaN]);
    list.setLastExtra(1);
    expect(list.extra(101)).toBe(1);
    const plain = new IntervalList();
    plain.open(0);
    plain.setLastExtra(2);
    expect([plain.extra(0), plain.extra(1)]).toEqual([2, NaN]);
  });
});

describe("SortedLog", () => {
  it("sorts a tail that arrived thread by thread, keeping each thread's order on ties", () => {
    const log = new SortedLog();
    for (const [t, v, id] of [[1, 1, 1], [5, 2, 1], [9, 3, 1], [2, 10, 2], [5, 11, 2], [10, 12, 2]]) log.push(t, v, id);
    log.ensureSorted();
    expect(Array.from(log.times.data.subarray(0, 6))).toEqual([1, 2, 5, 5, 9, 10]);
    expect(Array.from(log.values.data.subarray(0, 6))).toEqual([1, 10, 2, 11, 3, 12]);
    expect(log.indexAtOrBefore(5)).toBe(3);
    expect(log.indexAtOrBefore(0.5)).toBe(-1);
  });
});
