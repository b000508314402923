// The coarse clock's loop (clock-worker.ts runs it on each run's start
// message): stores "ms since the run's epoch" into the run's clock word about
// every PERIOD_MS, until the runner sets the stop word (a buffer of its own,
// runner/run-clock.ts) or the run's state word leaves 0; then it returns, and
// the worker serves the next run.

export interface ClockStart {
  heap: SharedArrayBuffer;
  /** Float64 index of the run's clock word in `heap` */
  clockIndex: number;
  /** Int32 index of the run's state word in `heap` (0 while the run goes on) */
  runStateIndex: number;
  epochMs: number;
  /** Int32 word 0: 1 once the run is over (only the runner writes it) */
  stop: SharedArrayBuffer;
}

const PERIOD_MS = 0.5;

export function runClock(start: ClockStart): void {
  const f64 = new Float64Array(start.heap);
  const i32 = new Int32Array(start.heap);
  const stop = new Int32Array(start.stop);
  const origin = performance.timeOrigin - start.epochMs;
  while (Atomics.load(stop, 0) === 0 && Atomics.load(i32, start.runStateIndex) === 0) {
    f64[start.clockIndex] = origin + performance.now();
    Atomics.wait(stop, 0, 0, PERIOD_MS);
  }
}
