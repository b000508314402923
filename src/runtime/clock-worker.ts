// The run's coarse clock: a worker that stores "ms since the run's epoch"
// into one shared Float64 about every half millisecond, sleeping in between
// (about 2,000 wake-ups a second, a fraction of a percent of a core). Trace
// events on fast paths read it with one load instead of calling
// performance.now() (see trace/ring.ts). It stops when the run's state word
// leaves 0, and the page terminates it at the end of the run in any case.

/// <reference lib="webworker" />

interface ClockStart {
  heap: SharedArrayBuffer;
  clockIndex: number;
  runStateIndex: number;
  epochMs: number;
}

const PERIOD_MS = 0.5;

self.onmessage = (event: MessageEvent<ClockStart>) => {
  const { heap, clockIndex, runStateIndex, epochMs } = event.data;
  const f64 = new Float64Array(heap);
  const i32 = new Int32Array(heap);
  const origin = performance.timeOrigin - epochMs;
  while (Atomics.load(i32, runStateIndex) === 0) {
    f64[clockIndex] = origin + performance.now();
    Atomics.wait(i32, runStateIndex, 0, PERIOD_MS);
  }
};
