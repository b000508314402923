// The page's reading of race messages: sites name the variable and lines,
// a pair of lines is kept once, and a message with a site the compile never
// made (memory a snippet can write) is dropped, not shown.

import { describe, expect, it } from "vitest";
import { RaceReports, raceReportText } from "./race-reports";
import { readThreadMessage } from "../runtime/runner/thread-messages";

const sites = [
  { line: 16, column: 7, text: "counter" },
  { line: 20, column: 3, text: "this.stop" },
];
const message = (over: Record<string, unknown> = {}) => ({
  type: "race" as const, runId: 1, thread: "Thread-2", access: 1, site: 0, t: 12.5,
  prevThread: "Thread-1", prevAccess: 0, prevSite: 1, prevT: 10, cell: 4, ...over,
});

describe("RaceReports", () => {
  it("names both accesses by their sites and keeps each pair of lines once", () => {
    const reports = new RaceReports(sites);
    const race = reports.take(message());
    expect(race).toEqual({
      variable: "counter",
      first: { thread: "Thread-1", access: "read", line: 20, column: 3, text: "this.stop", t: 10 },
      second: { thread: "Thread-2", access: "write", line: 16, column: 7, text: "counter", t: 12.5 },
    });
    expect(reports.take(message({ thread: "Thread-3" }))).toBeNull();
    expect(reports.races).toHaveLength(1);
    expect(raceReportText(race!)).toContain("Write of counter at line 16 by Thread-2\nPrevious read of this.stop at line 20 by Thread-1");
  });

  it("says where each thread was started, as Go does, when it is known", () => {
    const race = new RaceReports(sites).take(message())!;
    const origins = new Map([["Thread-2", { line: 25, parent: "MainThread" }], ["Thread-1", { line: 24, parent: "MainThread" }]]);
    expect(raceReportText(race, origins)).toContain("by Thread-1\nThread-2 started at line 25 by MainThread\nThread-1 started at line 24 by MainThread\nNo lock");
    expect(raceReportText(race, new Map([["Thread-2", { line: 25, parent: "MainThread" }]]))).not.toContain("Thread-1 started");
  });

  it("drops a message whose sites the compile never made", () => {
    const reports = new RaceReports(sites);
    expect(reports.take(message({ site: 2 }))).toBeNull();
    expect(reports.take(message({ prevSite: -1 }))).toBeNull();
    expect(reports.take(message({ site: 0.5 }))).toBeNull();
    expect(reports.races).toEqual([]);
  });
});

describe("the runner's check of a thread's race message", () => {
  it("takes only whole non-negative numbers and read/write kinds", () => {
    const good = { type: "race", cell: 1, access: 1, site: 0, t: 5, prevIdent: 2, prevAccess: 0, prevSite: 0, prevT: 3 };
    expect(readThreadMessage(good)).toEqual(good);
    expect(readThreadMessage({ ...good, access: 2 })).toBeNull();
    expect(readThreadMessage({ ...good, site: "0" })).toBeNull();
    expect(readThreadMessage({ ...good, prevIdent: -1 })).toBeNull();
    expect(readThreadMessage({ ...good, t: 1.5 })).toBeNull();
  });
});
