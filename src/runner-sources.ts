// The runner's code and its workers' code, each bundled into one classic
// script (scripts/vite-classic-source.ts). This module is loaded lazily, so
// the page's first bundle does not carry them; the runner frame gets the
// runner's script inline and the workers' as text, from which it makes
// blob workers (an opaque-origin frame can start no other kind).

import runner from "./runtime/runner/runner-frame.ts?classic-source";
import thread from "./thread-worker.ts?classic-source";
import drainer from "./runtime/drainer/drainer-worker.ts?classic-source";
import clock from "./runtime/clock-worker.ts?classic-source";
import type { WorkerSources } from "./runtime/frame-protocol";

export const RUNNER_SOURCE: string = runner;
/**
 * V8's compile hint (Chrome 136+): compile every function of the thread
 * workers' script as it loads, in the worker's boot, which no run waits
 * for, instead of at each function's first call: a fresh worker's first
 * thread took 2 to 9 ms to start, most of it compiling the runtime's path
 * through a start (its context, payload, host), and 0.4 to 2 with this.
 */
const COMPILE_ALL = "//# allFunctionsCalledOnLoad\n";

export const WORKER_SOURCES: WorkerSources = { thread: COMPILE_ALL + thread, drainer, clock };
