// Entry of the runner's sandboxed frame (bundled as a classic script; see
// src/session/runner-client.ts for how the page makes the frame). The frame
// has an opaque origin and does nothing until the page's first message,
// which brings the port the page will talk on and the workers' sources.
// Messages from anywhere but the parent frame are ignored.

import { RUNNER_KEY_GLOBAL, type WorkerSources } from "../frame-protocol";
import { startRunner } from "./runner";

function isSources(value: unknown): value is WorkerSources {
  const s = value as Partial<WorkerSources> | null;
  return typeof s === "object" && s !== null && typeof s.thread === "string" && typeof s.drainer === "string" && typeof s.clock === "string";
}

/** the key of the boot document this script was posted to (session/page-boot.ts), which the page asks the runner to say */
const key = (globalThis as Record<string, unknown>)[RUNNER_KEY_GLOBAL];

function onInit(event: MessageEvent): void {
  const data = event.data as { type?: unknown; sources?: unknown } | null;
  if (event.source !== parent || data?.type !== "runner:init" || !isSources(data.sources) || !event.ports[0]) return;
  removeEventListener("message", onInit);
  startRunner(event.ports[0], data.sources, typeof key === "string" ? key : undefined);
}

addEventListener("message", onInit);
