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
    expect(nearestOutputRow(log.rows, 0, "Thread-1", 2.2)).toBe(1);
    expect(nearestOutputRow(log.rows, 0, "Thread-1", 4.9)).toBe(3);
    expect(nearestOutputRow(log.rows, 0, "Thread-9", 1)).toBe(-1);
  });

  it("matches by the writer's ident where the row has it: a renamed thread's lines, and two threads of one name", () => {
    const log = new OutputLog();
    log.appendLines([
      { thread: "Thread-1", ident: 2, text: "before the rename", t: 1 },
      { thread: "worker", ident: 2, text: "after", t: 5 },
      { thread: "worker", ident: 3, text: "another worker", t: 1.1 },
    ]);
    // The lane says "worker" now; its tick at 1 is the line printed as Thread-1, not the other worker's.
    expect(log.rows[nearestOutputRow(log.rows, 2, "worker", 1)].text).toBe("before the rename");
    expect(log.rows[nearestOutputRow(log.rows, 3, "worker", 1)].text).toBe("another worker");
  });
});
