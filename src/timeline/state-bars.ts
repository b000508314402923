// Per-pixel level of detail for a thread's state bar. A run can switch
// state millions of times; the canvas has ~1000 pixels. Intervals a pixel
// or wider are drawn as they are (neighbours of one state merged into one
// rectangle, unless they wait on different things: a label names one
// thing); intervals inside one pixel column are pooled, and the column
// takes the state that filled most of it — the merging Perfetto and Chrome
// DevTools do for sub-pixel slices, with the dominant state kept honest
// rather than the last one drawn. Cost: one pass over the visible events,
// no allocation.

import { ThreadState } from "../trace/events";
import type { ThreadTrack } from "../trace/model";
import { upperBound } from "../trace/model-series";
import type { TimeScale } from "../trace/time-scale";

export interface BarSink {
  /** a bar [x0, x1) in `state`; `index`: the first interval drawn whole in it (for its label), or -1 when all were pooled */
  bar(x0: number, x1: number, state: number, index: number): void;
}

const STATE_COUNT = ThreadState.Stopped + 1;
/** hoisted: an enum member read in the hot loop is a property load in some builds */
const DONE: number = ThreadState.Done;
/** A column pooling this few intervals is sparse: its minority state is a brief event worth a pixel. */
const SPARSE_COLUMN = 3;

export class StateBarEmitter {
  private readonly acc = new Float64Array(STATE_COUNT);
  /** intervals pooled into the current column */
  private pooled = 0;
  private runState = -1;
  private runX0 = 0;
  private runX1 = 0;
  private runIndex = -1;
  /** what each interval of the track being emitted waits on (its label's target) */
  private objects: Int32Array = new Int32Array(0);
  private sink: BarSink = { bar() {} };
  /** intervals visited by the last emit(), for the render statistics */
  visited = 0;

  /**
   * Emit the bars of `track` in the window of `scale`. An interval still open
   * (the thread's current state) lasts until `untilMs`.
   */
  emit(track: ThreadTrack, scale: TimeScale, untilMs: number, sink: BarSink): void {
    this.sink = sink;
    this.runState = -1;
    this.objects = track.objects.data;
    const times = track.times.data;
    const states = track.states.data;
    const n = track.states.length;
    let visited = 0;
    // The column being pooled lives in a local: this loop runs per event, the rest per pixel.
    let bucket = -1;
    if (n > 0) {
      const k = scale.pxPerMs;
      const off = scale.leftPx - scale.startMs * k;
      const left = scale.leftPx;
      const right = scale.rightPx;
      const endMs = scale.endMs;
      const acc = this.acc;
      for (let i = Math.max(0, upperBound(times, n, scale.startMs) - 1); i < n; i++) {
        const state = states[i];
        const a = times[i];
        if (state >= DONE || a > endMs) break;
        visited++;
        const b = i + 1 < n ? times[i + 1] : untilMs;
        let x0 = a * k + off;
        let x1 = b * k + off;
        if (x0 < left) x0 = left;
        if (x1 > right) x1 = right;
        if (!(x1 > x0)) continue;
        const p0 = x0 | 0; // x0, x1 >= left >= 0: truncation is floor
        const p1 = x1 | 0;
        if (p0 === p1) {
          // Wholly inside one pixel column: pool it.
          if (p0 !== bucket) {
            if (bucket >= 0) this.flushColumn(bucket);
            bucket = p0;
          }
          acc[state] += x1 - x0;
          this.pooled++;
          continue;
        }
        if (x0 > p0) {
          // The head shares its column with what came before: pool it; that column is then complete.
          if (p0 !== bucket && bucket >= 0) this.flushColumn(bucket);
          acc[state] += p0 + 1 - x0;
          this.pooled++;
          this.flushColumn(p0);
          x0 = p0 + 1;
        } else if (bucket >= 0) {
          this.flushColumn(bucket);
        }
        bucket = -1;
        if (p1 > x0) this.extend(x0, p1, state, i);
        if (x1 > p1) {
          bucket = p1;
          acc[state] += x1 - p1;
          this.pooled++;
        }
      }
      if (bucket >= 0) this.flushColumn(bucket);
    }
    this.visited = visited;
    this.flushRun();
  }

  /**
   * A pooled column is complete: it takes the state that filled most of it —
   * except in a sparse column (a few intervals) that would only continue
   * the bar before it: there a brief other state (a 50 µs run between two
   * sleeps) gets the pixel, so it is not merged out of sight.
   */
  private flushColumn(column: number): void {
    const acc = this.acc;
    let best = 0;
    let second = -1;
    for (let s = 1; s < STATE_COUNT; s++) {
      if (acc[s] > acc[best]) {
        if (acc[best] > 0) second = best;
        best = s;
      } else if (acc[s] > 0 && (second < 0 || acc[s] > acc[second])) {
        second = s;
      }
    }
    if (second >= 0 && this.pooled <= SPARSE_COLUMN && best === this.runState && acc[second] > 0) best = second;
    acc.fill(0);
    this.pooled = 0;
    this.extend(column, column + 1, best, -1);
  }

  private extend(x0: number, x1: number, state: number, index: number): void {
    const sameTarget = index < 0 || this.runIndex < 0 || this.objects[index] === this.objects[this.runIndex];
    if (state === this.runState && x0 <= this.runX1 + 1e-6 && sameTarget) {
      this.runX1 = x1;
      if (this.runIndex < 0) this.runIndex = index;
      return;
    }
    this.flushRun();
    this.runState = state;
    this.runX0 = x0;
    this.runX1 = x1;
    this.runIndex = index;
  }

  private flushRun(): void {
    if (this.runState >= 0) this.sink.bar(this.runX0, this.runX1, this.runState, this.runIndex);
    this.runState = -1;
  }
}
