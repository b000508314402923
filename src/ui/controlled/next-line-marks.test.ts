// Two threads about to read the same counter share one mark that names
// both; a thread that has ended, or whose next step has no line, has none.
import { describe, expect, it } from "vitest";
import { nextLineMarks } from "./next-line-marks";
import { threadColorIndex } from "../output/thread-colors";

const VIEW = {
  output: [], done: false, schedule: "s1.1~3", globals: [], locks: [], queues: [],
  threads: [
    { name: "MainThread", state: "blocked" as const, line: 12, next: "join Thread-1" },
    { name: "Thread-1", state: "runnable" as const, line: 6, next: "read counter" },
    { name: "Thread-2", state: "runnable" as const, line: 6, next: "read counter" },
    { name: "Thread-3", state: "runnable" as const, next: "begin" },
    { name: "Thread-4", state: "done" as const, line: 6 },
  ],
};

describe("step mode's next-line marks", () => {
  it("marks each line once, naming every thread whose next step is there", () => {
    expect(nextLineMarks(VIEW, "en")).toEqual([
      { line: 12, colorIndex: threadColorIndex("MainThread"), label: "MainThread: join Thread-1", threads: ["MainThread"] },
      { line: 6, colorIndex: threadColorIndex("Thread-1"), label: "Thread-1: read counter · Thread-2: read counter", threads: ["Thread-1", "Thread-2"] },
    ]);
  });

  it("words the steps in the page's language, and marks nothing without a view", () => {
    expect(nextLineMarks(VIEW, "zh")[1].label).toBe("Thread-1: 读 counter · Thread-2: 读 counter");
    expect(nextLineMarks(null, "en")).toEqual([]);
  });
});
