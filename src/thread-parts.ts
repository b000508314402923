// What the "playground" API gives the runtime to run threads with
// (runtime/thread-main.ts ThreadParts): every thread worker's entry
// (thread-worker.ts) serves runs with these, and the rehearsal's test runs
// them in Node.

import * as api from "./api/index";
import { reviveApiObject } from "./api/revive";
import { INTERNAL_FUNCTIONS } from "./api/task-workers";
import { threadFromSpawn, threadHandle } from "./api/thread";
import { SystemExit, atexitPending, runAtexitHandlers } from "./api/lifecycle";
import { executorsLive, shutdownExecutors } from "./api/executor";
import { pendingLoops } from "./api/asyncio";
import { awaited, awaitMark, heldValue, resumed } from "./api/asyncio-awaits";
import type { ThreadParts } from "./runtime/thread-run";
import { reprValue } from "./api/format";

export const threadParts: ThreadParts = {
  api: api as unknown as Record<string, unknown>,
  internals: INTERNAL_FUNCTIONS,
  revive: reviveApiObject,
  awaits: { mark: awaitMark, aw: (mark, value) => awaited(mark, value), held: heldValue, back: (token, value) => resumed(token as Parameters<typeof resumed>[0], value) },
  handle: threadHandle,
  fromSpawn: threadFromSpawn,
  exitCodeOf: (error) => (error instanceof SystemExit ? error.code : null),
  settle() {
    // asyncio.run() loops still running: the program is not over yet.
    if (pendingLoops.size === 0) return undefined;
    return (async () => {
      while (pendingLoops.size > 0) await Promise.all(pendingLoops);
    })();
  },
  beforeJoin: shutdownExecutors,
  repr: reprValue,
  atExit: runAtexitHandlers,
  leftover: () => atexitPending() || pendingLoops.size > 0 || executorsLive(),
};
