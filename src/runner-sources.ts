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
export const WORKER_SOURCES: WorkerSources = { thread, drainer, clock };
