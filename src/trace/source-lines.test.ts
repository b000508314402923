// Source lines of waits: sparse per state, found by state index, and only
// for a wait (a forged SourceAt on another state is ignored).
import { describe, expect, it } from "vitest";
import { EventKind, ThreadState } from "./events";
import { TraceModel } from "./model";
import { PROGRAM_END, PROGRAM_END_ARG, SourceLines, unpackPosition } from "./source-lines";

describe("SourceLines", () => {
  it("finds each recorded state's position and nothing for the others", () => {
    const lines = new SourceLines();
    lines.add(1, 4 * 4096 + 3);
    lines.add(5, 9 * 4096 + 1);
    lines.add(5, 2 * 4096); // a second one for the same state changes nothing
    expect([0, 1, 2, 5, 6].map((i) => lines.at(i))).toEqual([0, 4 * 4096 + 3, 0, 9 * 4096 + 1, 0]);
    expect(unpackPosition(lines.at(5))).toEqual({ line: 9, column: 1 });
  });
});

describe("SourceAt in the model", () => {
  const model = () => {
    const m = new TraceModel();
    // The compiled body's line 12 is the snippet's line 4 here.
    m.mapSource = (jsLine, jsColumn) => (jsLine === 12 ? 4 * 4096 + jsColumn : 0);
    m.addThread(2, "Thread-1", "thread", 1000);
    m.add(2, 0, EventKind.State, ThreadState.Running, 0);
    return m;
  };

  it("marks a wait in the program's end as such, without the source map", () => {
    const m = model();
    m.mapSource = null;
    m.add(2, 1, EventKind.State, ThreadState.QueueWait, 0);
    m.add(2, 90, EventKind.SourceAt, PROGRAM_END_ARG, 0);
    m.add(2, 90, EventKind.State, ThreadState.Running, 0);
    expect(m.threads.get(2)!.sources.at(1)).toBe(PROGRAM_END);
  });

  it("gives the wait it ends the snippet's line", () => {
    const m = model();
    m.add(2, 1, EventKind.State, ThreadState.Sleeping, 0);
    m.add(2, 81, EventKind.SourceAt, 12, 3);
    m.add(2, 81, EventKind.State, ThreadState.Running, 0);
    const t = m.threads.get(2)!;
    expect(unpackPosition(t.sources.at(1))).toEqual({ line: 4, column: 3 });
    expect(t.sources.at(2)).toBe(0);
  });

  it("ignores one on a running state or a line the source map does not know", () => {
    const m = model();
    m.add(2, 1, EventKind.SourceAt, 12, 3);
    m.add(2, 2, EventKind.State, ThreadState.Waiting, 0);
    m.add(2, 3, EventKind.SourceAt, 99, 1);
    expect(m.threads.get(2)!.sources.length).toBe(0);
  });
});
