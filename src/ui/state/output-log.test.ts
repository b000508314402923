// The output log turns printed lines into equal-height rows and stays
// bounded however much a run prints.
import { describe, expect, it } from "vitest";
import { OutputLog } from "./output-log";

describe("OutputLog", () => {
  it("splits a multi-line print into rows; only the first carries name and time", () => {
    const log = new OutputLog();
    log.appendLines([{ thread: "Thread-1", text: "Traceback:\n  at work\n", t: 3, stream: "stderr" }]);
    expect(log.rows.map((r) => [r.text, r.continued, r.stderr])).toEqual([
      ["Traceback:", false, true],
      ["  at work", true, true],
    ]);
    expect(log.printed).toBe(1);
  });

  it("keeps lines in the order they were printed when a traceback arrives before an earlier print", () => {
    const log = new OutputLog();
    log.appendLines([{ thread: "MainThread", text: "start", t: 1, stream: "stdout" }]);
    log.appendLines([{ thread: "MainThread", text: "Traceback:\n  line 8\nAssertionError", t: 0.015, stream: "stderr" }]);
    expect(log.takeMoved()).toBe(0);
    expect(log.takeMoved()).toBe(Infinity);
    log.appendLines([{ thread: "MainThread", text: "counter = 1", t: 0.014, stream: "stdout" }, { thread: "Thread-1", text: "same time", t: 1 }]);
    expect(log.rows.map((r) => r.text)).toEqual(["counter = 1", "Traceback:", "  line 8", "AssertionError", "start", "same time"]);
    expect(log.takeMoved()).toBe(0);
    expect(log.printed).toBe(4);
  });

  it("drops the oldest rows in slices once over its cap, and counts them", () => {
    const log = new OutputLog(100);
    const lines = Array.from({ length: 250 }, (_, i) => ({ thread: "MainThread", text: String(i), t: i }));
    log.appendLines(lines);
    expect(log.length).toBeLessThanOrEqual(100);
    expect(log.dropped + log.length).toBe(250);
    expect(log.rows[log.length - 1].text).toBe("249");
    expect(log.rows[0].text).toBe(String(log.dropped));
  });

  it("survives a malformed line instead of throwing", () => {
    const log = new OutputLog();
    log.appendLines([{ thread: undefined, text: 42, t: "x" } as never]);
    expect(log.rows[0]).toMatchObject({ thread: "", text: "42" });
  });

  it("clear() forgets rows and counters", () => {
    const log = new OutputLog(10);
    log.appendLines(Array.from({ length: 30 }, () => ({ thread: "a", text: "b", t: 0 })));
    log.clear();
    expect([log.length, log.dropped, log.printed]).toEqual([0, 0, 0]);
  });
});
