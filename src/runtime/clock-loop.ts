// The coarse clock's loop (clock-worker.ts runs it on each run's start
// message): stores "ms since the run's epoch" into the run's clock word about
// every PERIOD_MS while the run's state word is 0, until the runner sets the
// stop word (a buffer of its own, runner/run-clock.ts), or LINGER_MS after
// the state word left 0 (should the runner never say); then it returns, and
// the worker serves the next run.
//
// It also answers the runner's pings, in that same buffer: a browser's
// workers share one reading of timeOrigin + now(), but a frame's (the
// runner's) can differ from theirs by milliseconds, so the runner measures
// the difference against this worker (run-clock.ts) instead of assuming none,
// at the run's end among other times: so it answers after the state word
// has left 0 too.
// Runner words (Int32): STOP (1 once the run is over), PING (the number of
// the runner's last ping); clock words: ANSWERED (the last ping answered),
// and the Float64 ANSWER_AT: this worker's timeOrigin + now() as it answered.

export interface ClockStart {
  heap: SharedArrayBuffer;
  /** Float64 index of the run's clock word in `heap` */
  clockIndex: number;
  /** Int32 index of the run's state word in `heap` (0 while the run goes on) */
  runStateIndex: number;
  epochMs: number;
  /** the runner's words (see the header): STOP_BYTES, only the runner and this worker hold it */
  stop: SharedArrayBuffer;
}

export const STOP = 0;
export const PING = 1;
export const ANSWERED = 2;
/** Float64 index */
export const ANSWER_AT = 2;
export const STOP_BYTES = 24;

const PERIOD_MS = 0.5;
/** how long the loop goes on answering pings once the run's state word left 0, if the runner does not stop it */
const LINGER_MS = 250;

export function runClock(start: ClockStart): void {
  const f64 = new Float64Array(start.heap);
  const i32 = new Int32Array(start.heap);
  const stop = new Int32Array(start.stop);
  const answer = new Float64Array(start.stop);
  const origin = performance.timeOrigin - start.epochMs;
  let over = Infinity;
  while (Atomics.load(stop, STOP) === 0) {
    if (Atomics.load(i32, start.runStateIndex) === 0) f64[start.clockIndex] = origin + performance.now();
    else if (over === Infinity) over = performance.now();
    else if (performance.now() - over > LINGER_MS) return;
    const ping = Atomics.load(stop, PING);
    if (ping !== Atomics.load(stop, ANSWERED)) {
      answer[ANSWER_AT] = performance.timeOrigin + performance.now();
      Atomics.store(stop, ANSWERED, ping);
    }
    Atomics.wait(stop, STOP, 0, PERIOD_MS);
  }
}
