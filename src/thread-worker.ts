// Entry point of every thread worker of a run (bundled as a classic script,
// src/runner-sources.ts): the runtime's thread life cycle
// (runtime/thread-main.ts) with the "playground" API plugged in.

/// <reference lib="webworker" />
import * as api from "./api/index";
import { reviveApiObject } from "./api/revive";
import { INTERNAL_FUNCTIONS } from "./api/task-workers";
import { threadFromSpawn, threadHandle } from "./api/thread";
import { SystemExit, atexitPending, runAtexitHandlers } from "./api/lifecycle";
import { executorsLive, shutdownExecutors } from "./api/executor";
import { pendingLoops } from "./api/asyncio";
import { serveThreads } from "./runtime/thread-main";
import { reprValue } from "./api/format";

serveThreads({
  api: api as unknown as Record<string, unknown>,
  internals: INTERNAL_FUNCTIONS,
  revive: reviveApiObject,
  handle: threadHandle,
  fromSpawn: threadFromSpawn,
  exitCodeOf: (error) => (error instanceof SystemExit ? error.code : null),
  async settle() {
    // asyncio.run() loops still running: the program is not over yet.
    while (pendingLoops.size > 0) await Promise.all(pendingLoops);
  },
  beforeJoin: shutdownExecutors,
  repr: reprValue,
  atExit: runAtexitHandlers,
  leftover: () => atexitPending() || pendingLoops.size > 0 || executorsLive(),
});
