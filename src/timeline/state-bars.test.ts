// State-bar LOD: wide states are drawn as they are and merged with
// neighbours of the same state; a pixel column full of tiny intervals takes
// the state that filled most of it.
import { describe, expect, it } from "vitest";
import { EventKind, ThreadState } from "../trace/events";
import { TraceModel } from "../trace/model";
import { TimeScale } from "../trace/time-scale";
import { StateBarEmitter } from "./state-bars";

function track(changes: [number, ThreadState][]) {
  const m = new TraceModel();
  const t = m.addThread(1, "MainThread", "main", 1000);
  for (const [tMs, state] of changes) m.add(1, tMs, EventKind.State, state, 0);
  return t;
}

function bars(changes: [number, ThreadState][], scale: TimeScale, untilMs = 100) {
  const out: [number, number, number, number][] = [];
  const emitter = new StateBarEmitter();
  emitter.emit(track(changes), scale, untilMs, { bar: (x0, x1, s, i) => out.push([x0, x1, s, i]) });
  return { out, visited: emitter.visited };
}

const R = ThreadState.Running;
const B = ThreadState.Blocked;
const SL = ThreadState.Sleeping;

describe("StateBarEmitter", () => {
  const scale = new TimeScale(0, 100, 0, 100); // 1 px per ms

  it("draws wide intervals exactly, stops at the final state and at untilMs", () => {
    const { out } = bars([[0, R], [10, SL], [30, R], [50, ThreadState.Done]], scale);
    expect(out).toEqual([[0, 10, R, 0], [10, 30, SL, 1], [30, 50, R, 2]]);
    expect(bars([[20, R]], scale, 60).out).toEqual([[20, 60, R, 0]]);
  });

  it("gives a pixel column the state that filled most of it", () => {
    // In column 10: 0.7 px blocked, 0.3 px running.
    const { out } = bars([[0, R], [10, B], [10.7, R], [20, SL]], scale, 30);
    expect(out).toEqual([[0, 10, R, 0], [10, 11, B, -1], [11, 20, R, 2], [20, 30, SL, 3]]);
  });

  it("merges a thousand sub-pixel switches into a few bars", () => {
    const changes: [number, ThreadState][] = [];
    for (let i = 0; i < 1000; i++) changes.push([i * 0.1, i % 4 === 0 ? B : R]); // 0.025 ms blocked per 0.1 ms running… mostly running
    const { out, visited } = bars(changes, scale, 100);
    expect(visited).toBe(1000);
    expect(out.length).toBe(1);
    expect(out[0].slice(0, 3)).toEqual([0, 100, R]);
  });

  it("keeps apart wide neighbours of one state that wait on different things, so each is labelled with its own", () => {
    // A controlled run's MainThread: waiting for the scheduler's turn, then for a join, then for the turn again.
    const m = new TraceModel();
    const t = m.addThread(1, "MainThread", "main", 1000);
    const W = ThreadState.Waiting;
    m.add(1, 0, EventKind.State, R, 0);
    m.add(1, 10, EventKind.State, W, 7);
    m.add(1, 20, EventKind.State, W, 9);
    m.add(1, 50, EventKind.State, W, 9);
    m.add(1, 60, EventKind.State, W, 7);
    const out: [number, number, number, number][] = [];
    new StateBarEmitter().emit(t, scale, 80, { bar: (x0, x1, s, i) => out.push([x0, x1, s, i]) });
    expect(out).toEqual([[0, 10, R, 0], [10, 20, W, 1], [20, 60, W, 2], [60, 80, W, 4]]);
  });

  it("clips to the window and starts from the interval in force at its left edge", () => {
    const zoomed = new TimeScale(15, 25, 0, 100); // 10 px per ms
    const { out, visited } = bars([[0, R], [10, SL], [20, R], [40, SL]], zoomed);
    expect(out).toEqual([[0, 50, SL, 1], [50, 100, R, 2]]);
    expect(visited).toBe(2);
  });
});

describe("StateBarEmitter, sparse columns", () => {
  it("keeps a brief state between two long ones visible as one pixel", () => {
    const scale = new TimeScale(0, 100, 0, 100);
    const { out } = bars([[0, SL], [20.3, R], [20.35, SL], [60, ThreadState.Done]], scale);
    expect(out).toEqual([[0, 20, SL, 0], [20, 21, R, -1], [21, 60, SL, 2]]);
  });
});
