// The threads' colours (thread-colors.ts): stable per name from run to run,
// and never shared by two of a run's first eight threads.
import { afterEach, describe, expect, it } from "vitest";
import { preferredColorIndex, resetThreadColors, threadColorIndex, THREAD_COLOR_COUNT } from "./thread-colors";

afterEach(resetThreadColors);

describe("thread colours", () => {
  it("gives the rwlock lesson's five threads and MainThread six different colours, and the same again after a reset", () => {
    const names = ["MainThread", "reader-1", "reader-2", "reader-3", "reader-4", "writer"];
    // The lesson's names collide on their own: the run must still tell them apart.
    expect(new Set(names.map(preferredColorIndex)).size).toBeLessThan(names.length);
    const first = names.map(threadColorIndex);
    expect(new Set(first).size).toBe(names.length);
    resetThreadColors();
    expect(names.map(threadColorIndex)).toEqual(first);
  });

  it("keeps a thread's own colour while it is free, gives the first seven others seven colours, and none to a thread not named yet", () => {
    expect(threadColorIndex("Thread-1")).toBe(preferredColorIndex("Thread-1"));
    expect(threadColorIndex("MainThread")).toBe(0);
    expect(threadColorIndex("")).toBe(preferredColorIndex(""));
    const many = Array.from({ length: 30 }, (_, i) => threadColorIndex(`worker ${String.fromCharCode(97 + i)}`));
    // Thread-1 holds one colour; the next six names take the other six.
    expect(new Set([threadColorIndex("Thread-1"), ...many.slice(0, THREAD_COLOR_COUNT - 2)]).size).toBe(THREAD_COLOR_COUNT - 1);
  });

  it("answers the same for a name however often it is asked, also once every colour is given", () => {
    const names = Array.from({ length: 12 }, (_, i) => `Thread-${i + 1}`);
    const first = names.map(threadColorIndex);
    expect(new Set(first.slice(0, THREAD_COLOR_COUNT - 1)).size).toBe(THREAD_COLOR_COUNT - 1);
    expect(names.map(threadColorIndex)).toEqual(first);
  });
});
