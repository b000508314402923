// The page reads a thread's events from memory the snippet can write: what
// no thread can record is refused, not drawn.
import { describe, expect, it } from "vitest";
import { EventKind, ThreadState } from "../trace/events";
import { EVENT_BYTES } from "../trace/ring";
import { EventCursor, TraceProblem } from "./chunk-reader";

function events(...list: [tMs: number, kind: number, arg: number, obj: number][]): ArrayBuffer {
  const data = new ArrayBuffer(list.length * EVENT_BYTES);
  const f64 = new Float64Array(data);
  const i32 = new Int32Array(data);
  list.forEach(([tMs, kind, arg, obj], i) => {
    f64[i * 2] = tMs;
    i32[i * 4 + 2] = (kind << 24) | arg;
    i32[i * 4 + 3] = obj;
  });
  return data;
}

describe("EventCursor", () => {
  const read = (data: ArrayBuffer) => {
    const seen: number[][] = [];
    new EventCursor(2, data, () => 100).next(10, (...e) => seen.push(e));
    return seen;
  };

  it("visits every state a thread records", () => {
    const data = events([1, EventKind.State, ThreadState.Running, 0], [2, EventKind.State, ThreadState.Error, 0]);
    expect(read(data)).toEqual([[1, EventKind.State, ThreadState.Running, 0], [2, EventKind.State, ThreadState.Error, 0]]);
  });

  it("refuses a state no thread records (\"stopped\" is the page's to say), an unknown kind, and a time past the run's", () => {
    expect(() => read(events([1, EventKind.State, 200, 0]))).toThrow(new TraceProblem("thread 2 recorded an impossible event (kind 1, state 200 at 1 ms)"));
    expect(() => read(events([1, EventKind.State, ThreadState.Stopped, 0]))).toThrow(TraceProblem);
    expect(() => read(events([1, 99, 0, 0]))).toThrow(TraceProblem);
    expect(() => read(events([101, EventKind.Mark, 0, 0]))).toThrow(TraceProblem);
  });
});
