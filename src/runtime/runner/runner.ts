// The runner: what answers the page's run requests. It lives in a sandboxed
// frame of its own (runner-frame.ts), so that the run's workers share that
// frame's process and not the page's: a run that exhausts memory ends that
// process, and the page lives on (src/session/runner-client.ts notices and
// makes a new frame). Where a browser cannot isolate such a frame, the page
// starts the runner in itself instead, with the same code and the same port.
//
// It keeps warm thread workers, runs one run at a time (a new request stops
// the previous run first), and beats every BEAT_MS so the page can tell it
// is alive.

import type { FromRunner, ToRunner, WorkerSources } from "../frame-protocol";
import { checkSettings, resolveSettings } from "../settings";
import { BlobWorkers, WarmPool } from "./worker-pool";
import { Supervisor } from "./supervisor";

export const BEAT_MS = 250;
/** the most code a run request may carry (the page refuses more, with a message, before it gets here) */
export const MAX_JS_CHARS = 4 << 20;

export interface RunnerHandle {
  dispose(): void;
}

function readRequest(data: unknown): ToRunner | null {
  if (typeof data !== "object" || data === null) return null;
  const m = data as Record<string, unknown>;
  if (!Number.isInteger(m.runId)) return null;
  switch (m.type) {
    case "stop":
    case "ack":
    case "workers":
      return m as ToRunner;
    case "run": {
      const settings = checkSettings(m.settings);
      if (typeof m.js !== "string" || m.js.length > MAX_JS_CHARS || !settings.ok) return null;
      if (!Number.isInteger(m.sharedGlobals) || (m.sharedGlobals as number) < 0 || (m.sharedGlobals as number) > 1 << 20) return null;
      if (m.timeoutMs !== undefined && !(typeof m.timeoutMs === "number" && m.timeoutMs > 0)) return null;
      return {
        type: "run", runId: m.runId as number, js: m.js, sharedGlobals: m.sharedGlobals as number,
        settings: resolveSettings(settings.settings), timeoutMs: m.timeoutMs as number | undefined,
      };
    }
  }
  return null;
}

export function startRunner(port: MessagePort, sources: WorkerSources): RunnerHandle {
  const isolated = globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === "function";
  const send = (message: FromRunner, transfer: Transferable[] = []) => port.postMessage(message, transfer);
  if (!isolated) {
    send({ type: "ready", isolated: false, problem: "the runner's frame is not cross-origin isolated" });
    return { dispose: () => port.close() };
  }
  const threadWorkers = new BlobWorkers(sources.thread, "playground-thread");
  const threads = new WarmPool(threadWorkers);
  const drainers = new BlobWorkers(sources.drainer, "playground-drainer");
  const clocks = new BlobWorkers(sources.clock, "playground-clock");
  let current: Supervisor | null = null;

  port.onmessage = (event: MessageEvent) => {
    const request = readRequest(event.data);
    if (!request) return;
    switch (request.type) {
      case "run":
        current?.stop();
        current = new Supervisor(
          { runId: request.runId, js: request.js, settings: request.settings, sharedGlobals: request.sharedGlobals, timeoutMs: request.timeoutMs },
          {
            send, threads, drainers, clocks,
            onEnd: () => {
              if (current?.runId === request.runId) current = null;
            },
          },
        );
        return;
      case "stop":
        if (current?.runId === request.runId) current.stop();
        return;
      case "ack":
        if (current?.runId === request.runId) current.ack();
        return;
      case "workers": {
        const count = (w: BlobWorkers) => ({ url: w.url, live: w.liveCount });
        send({ type: "workers", counts: { thread: count(threadWorkers), drainer: count(drainers), clock: count(clocks) } });
        return;
      }
    }
  };
  const beat = setInterval(() => send({ type: "beat" }), BEAT_MS);
  send({ type: "ready", isolated: true });
  return {
    dispose() {
      clearInterval(beat);
      current?.stop();
      threads.dispose();
      port.close();
    },
  };
}
