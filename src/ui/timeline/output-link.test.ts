// A print tick finds the output line it was drawn from: same thread, nearest time.
import { describe, expect, it } from "vitest";
import { OutputLog } from "../state/output-log";
import { nearestOutputRow } from "./output-link";

describe("nearestOutputRow", () => {
  it("matches thread and nearest time, skipping continuation rows and notices", () => {
    const log = new OutputLog();
    log.appendLines([
      { thread: "MainThread", text: "a", t: 1 },
      { thread: "Thread-1", text: "b\nb2", t: 2 },
      { thread: "Thread-1", text: "c", t: 5 },
    ]);
    log.appendNotice("note");
    expect(nearestOutputRow(log.rows, "Thread-1", 2.2)).toBe(1);
    expect(nearestOutputRow(log.rows, "Thread-1", 4.9)).toBe(3);
    expect(nearestOutputRow(log.rows, "Thread-9", 1)).toBe(-1);
  });
});
