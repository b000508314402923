// Entry point of every thread worker of a run (bundled as a classic script,
// src/runner-sources.ts): the runtime's thread life cycle
// (runtime/thread-main.ts) with the "playground" API plugged in.

/// <reference lib="webworker" />
import { serveThreads } from "./runtime/thread-main";
import { threadParts } from "./thread-parts";

serveThreads(threadParts);
