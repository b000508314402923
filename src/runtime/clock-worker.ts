// The run's coarse clock: a worker that stores "ms since the run's epoch"
// into one shared Float64 about every half millisecond, sleeping in between
// (about 2,000 wake-ups a second, a fraction of a percent of a core). Trace
// events on fast paths read it with one load instead of calling
// performance.now() (see trace/ring.ts). Each run's start message runs the
// loop of clock-loop.ts until that run is over; the worker then serves the
// next run's (runner/run-clock.ts).

/// <reference lib="webworker" />

import { runClock, type ClockStart } from "./clock-loop";

self.onmessage = (event: MessageEvent<ClockStart>) => runClock(event.data);
