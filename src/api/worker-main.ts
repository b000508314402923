// Entry point of every thread worker of a run (bundled as a classic script,
// src/session/runner-sources.ts): the runtime's thread life cycle
// (runtime/thread-main.ts) with the "playground" API plugged in.

/// <reference lib="webworker" />
import * as api from "./index";
import { reviveApiObject } from "./revive";
import { INTERNAL_FUNCTIONS } from "./task-workers";
import { threadFromSpawn, threadHandle } from "./thread";
import { SystemExit, runAtexitHandlers } from "./lifecycle";
import { shutdownExecutors } from "./executor";
import { pendingLoops } from "./asyncio";
import { serveThreads } from "../runtime/thread-main";
import { reprValue } from "./format";

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
});
