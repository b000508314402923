// The threads' colours (thread-colors.ts): stable per name from run to run,
// and never shared by two of a run's first eight threads.
import { afterEach, describe, expect, it } from "vitest";
import { preferredColorIndex, resetThreadColors, threadColorIndex, THREAD_COLOR_COUNT } from "./thread-colors";

afterEach(resetThreadColors);

describe("thread colours", () => {
  it("gives the rwlock lesson's five threads and MainThread six different colours, the same in the next run", () => {
    const names = ["MainThread", "reader-1", "reader-2", "reader-3", "reader-4", "writer"];
    // The lesson's names collide on their own: the run must still tell them apart.
    expect(new Set(names.map(preferredColorIndex)).size).toBeLessThan(names.length);
    const first = names.map(threadColorIndex);
    expect(new Set(first).size).toBe(names.length);
    resetThreadColors();
    expect(names.map(threadColorIndex)).toEqual(first);
  });

  it("keeps a thread's own colour while it is free, and MainThread's for MainThread alone", () => {
    expect(threadColorIndex("Thread-1")).toBe(preferredColorIndex("Thread-1"));
    expect(threadColorIndex("MainThread")).toBe(0);
    const many = Array.from({ length: 30 }, (_, i) => threadColorIndex(`worker ${String.fromCharCode(97 + i)}`));
    expect(many).not.toContain(0);
    expect(Math.max(...many)).toBeLessThan(THREAD_COLOR_COUNT);
  });

  it("answers the same for a name however often it is asked, also once every colour is given", () => {
    const names = Array.from({ length: 12 }, (_, i) => `Thread-${i + 1}`);
    const first = names.map(threadColorIndex);
    expect(new Set(first.slice(0, THREAD_COLOR_COUNT - 1)).size).toBe(THREAD_COLOR_COUNT - 1);
    expect(names.map(threadColorIndex)).toEqual(first);
  });
});
