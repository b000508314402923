// Row heights for a wrapping output: a 25-column line at 10 columns a line
// takes three lines; rows dropped from the front or a new width start afresh.
import { describe, expect, it } from "vitest";
import { LINE_PX, RowHeights, textColumns, wrappedLines } from "./row-heights";

describe("RowHeights", () => {
  it("sums wrapped heights and finds the row at a y", () => {
    const texts = ["short", "x".repeat(25), "", "y".repeat(10)];
    const h = new RowHeights();
    h.update((i) => texts[i], texts.length, 0, 10);
    expect(h.top(1)).toBe(LINE_PX);
    expect(h.top(2)).toBe(4 * LINE_PX);
    expect(h.totalPx).toBe(6 * LINE_PX);
    expect(h.indexAt(0)).toBe(0);
    expect(h.indexAt(3.5 * LINE_PX)).toBe(1);
    expect(h.indexAt(5 * LINE_PX)).toBe(3);
    expect(h.indexAt(1e9)).toBe(3);
  });

  it("appends without recounting, and recounts at a new width", () => {
    const texts = ["a".repeat(30)];
    const h = new RowHeights();
    h.update((i) => texts[i], 1, 0, 10);
    texts.push("b");
    h.update((i) => texts[i], 2, 0, 10);
    expect(h.totalPx).toBe(4 * LINE_PX);
    h.update((i) => texts[i], 2, 0, 30);
    expect(h.totalPx).toBe(2 * LINE_PX);
  });

  it("recounts when rows moved (a line went in before others)", () => {
    const texts = ["a", "b".repeat(25)];
    const h = new RowHeights();
    h.update((i) => texts[i], 2, 0, 10);
    expect(h.top(1)).toBe(LINE_PX);
    texts.splice(0, 0, "c".repeat(15));
    h.update((i) => texts[i], 3, 0, 10, 0);
    expect([h.top(1), h.top(2), h.totalPx]).toEqual([2 * LINE_PX, 3 * LINE_PX, 6 * LINE_PX]);
    // a line that went in before the last row: only the rows from there are counted again
    texts.splice(2, 0, "d");
    h.update((i) => texts[i], 4, 0, 10, 2);
    expect([h.top(2), h.top(3), h.totalPx]).toEqual([3 * LINE_PX, 4 * LINE_PX, 7 * LINE_PX]);
  });

  it("takes a measured height where the font disagrees", () => {
    const texts = ["a", "b", "c"];
    const h = new RowHeights();
    h.update((i) => texts[i], 3, 0, 10);
    expect(h.correct(1, 2 * LINE_PX)).toBe(true);
    expect(h.top(2)).toBe(3 * LINE_PX);
    expect(h.correct(1, 2 * LINE_PX)).toBe(false);
  });

  it("counts wide characters and tabs as a terminal does", () => {
    expect(textColumns("线程")).toBe(4);
    expect(textColumns("a\tb")).toBe(9);
    expect(wrappedLines(0, 10)).toBe(1);
  });
});
