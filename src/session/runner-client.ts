// The page's end of the runner (src/runtime/runner/runner.ts): where runs
// happen, out of the page's process.
//
// The runner lives in a sandboxed frame (sandbox="allow-scripts", so its
// origin is opaque) made from srcdoc: Chromium puts such a frame in a process
// of its own, and a V8 out-of-memory in any of the run's workers ends that
// process, not the page's. The frame inherits the page's cross-origin
// isolation (its COEP, and `allow="cross-origin-isolated"`), so its workers
// get SharedArrayBuffer and Atomics.wait. Where the browser keeps such a
// frame from being isolated, the runner is started in the page instead:
// runs still work, but a run that exhausts memory takes the tab with it.
//
// The page and the runner talk over one MessageChannel made here; messages
// the frame posts to the window are ignored. The runner beats every 250 ms;
// when no beat has come for CRASH_AFTER_MS while the page's own timers kept
// time, the frame's process is taken for dead (crashed, or killed for its
// memory): listeners hear so, and a new frame takes its place.

import type { FromRunner, ToRunner } from "../runtime/frame-protocol";
import { BOOT_LOADED_ATTRIBUTE, RUNNER_BOOT_DOCUMENT, RUNNER_BOOT_MESSAGE, RUNNER_FRAME_ATTRIBUTES } from "./runner-frame-element";

const READY_TIMEOUT_MS = 15_000;
/** (Said in the run's error: run-session.ts.) */
export const CRASH_AFTER_MS = 2500;
const WATCH_EVERY_MS = 500;

export type RunnerMode = "frame" | "inline";

export interface RunnerConnection {
  readonly mode: RunnerMode;
  send(message: ToRunner): void;
  dispose(): void;
}

export interface RunnerEvents {
  message(message: FromRunner): void;
  /** the runner's process is gone; a new one is being started */
  crashed(): void;
}

async function loadSources() {
  return import("../runner-sources");
}

function srcdocFor(runnerSource: string): string {
  // The script is inline: keep the HTML parser from ending it early.
  const safe = runnerSource.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
  return `<!doctype html><meta charset="utf-8"><title>runner</title><script>${safe}</script>`;
}

function waitForReady(port: MessagePort, events: RunnerEvents): Promise<{ isolated: boolean; problem?: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the runner did not start in time")), READY_TIMEOUT_MS);
    port.onmessage = (event: MessageEvent<FromRunner>) => {
      const message = event.data;
      if (message?.type !== "ready") return;
      clearTimeout(timer);
      port.onmessage = (e: MessageEvent<FromRunner>) => events.message(e.data);
      resolve({ isolated: message.isolated === true, problem: typeof message.problem === "string" ? message.problem : undefined });
    };
  });
}

/** The frame the page's HTML made before this script loaded (scripts/vite-early-start.ts), taken once. */
function takeEarlyFrame(): HTMLIFrameElement | null {
  const holder = window as { __playgroundEarlyRunner?: unknown };
  const early = holder.__playgroundEarlyRunner;
  delete holder.__playgroundEarlyRunner;
  if (!(early instanceof HTMLIFrameElement) || !early.isConnected) return null;
  // Made as a frame of ours is, or not used: its attributes are what keeps the run out of the page's process.
  const same = Object.entries(RUNNER_FRAME_ATTRIBUTES).every(([name, value]) => early.getAttribute(name) === value);
  if (same && early.srcdoc === RUNNER_BOOT_DOCUMENT) return early;
  early.remove();
  return null;
}

/** Removes the frame the page's HTML made, if no runner was started in it (the page cannot run: not isolated). */
export function dropEarlyFrame(): void {
  takeEarlyFrame()?.remove();
}

function loadedFrame(frame: HTMLIFrameElement): Promise<void> {
  if (frame.hasAttribute(BOOT_LOADED_ATTRIBUTE)) return Promise.resolve();
  return new Promise<void>((resolve) => frame.addEventListener("load", () => resolve(), { once: true }));
}

async function startFrame(events: RunnerEvents, early: HTMLIFrameElement | null): Promise<RunnerConnection | null> {
  const { RUNNER_SOURCE, WORKER_SOURCES } = await loadSources();
  let frame: HTMLIFrameElement;
  if (early) {
    frame = early;
    await loadedFrame(frame);
    frame.contentWindow?.postMessage({ type: RUNNER_BOOT_MESSAGE, source: RUNNER_SOURCE }, "*");
  } else {
    frame = document.createElement("iframe");
    for (const [name, value] of Object.entries(RUNNER_FRAME_ATTRIBUTES)) frame.setAttribute(name, value);
    frame.srcdoc = srcdocFor(RUNNER_SOURCE);
    const loaded = loadedFrame(frame);
    document.body.appendChild(frame);
    await loaded;
  }
  const channel = new MessageChannel();
  frame.contentWindow?.postMessage({ type: "runner:init", sources: WORKER_SOURCES }, "*", [channel.port2]);
  let lastBeat = performance.now();
  const port = channel.port1;
  const ready = await waitForReady(port, {
    message(message) {
      lastBeat = performance.now();
      events.message(message);
    },
    crashed: events.crashed,
  }).catch(() => ({ isolated: false }));
  if (!ready.isolated) {
    port.close();
    frame.remove();
    return null;
  }
  let lastWatch = performance.now();
  const watch = setInterval(() => {
    const now = performance.now();
    // A page whose own timers were held back (a hidden tab) cannot judge.
    const pageKeptTime = now - lastWatch < WATCH_EVERY_MS * 3;
    lastWatch = now;
    if (pageKeptTime && now - lastBeat > CRASH_AFTER_MS) {
      connection.dispose();
      events.crashed();
    } else if (!pageKeptTime) {
      lastBeat = now;
    }
  }, WATCH_EVERY_MS);
  const connection: RunnerConnection = {
    mode: "frame",
    send: (message) => port.postMessage(message),
    dispose() {
      clearInterval(watch);
      port.onmessage = null;
      port.close();
      frame.remove();
    },
  };
  return connection;
}

async function startInline(events: RunnerEvents): Promise<RunnerConnection> {
  const [{ WORKER_SOURCES }, { startRunner }] = await Promise.all([loadSources(), import("../runtime/runner/runner")]);
  const channel = new MessageChannel();
  const runner = startRunner(channel.port2, WORKER_SOURCES);
  const ready = await waitForReady(channel.port1, events);
  if (!ready.isolated) throw new Error(ready.problem ?? "the page is not cross-origin isolated");
  return {
    mode: "inline",
    send: (message) => channel.port1.postMessage(message),
    dispose() {
      runner.dispose();
      channel.port1.close();
    },
  };
}

/** A runner in a sandboxed frame, or in the page where a frame cannot be isolated. */
export async function connectRunner(events: RunnerEvents, preferInline = false): Promise<RunnerConnection> {
  const early = takeEarlyFrame();
  if (preferInline) early?.remove();
  if (!preferInline) {
    const framed = await startFrame(events, early);
    if (framed) return framed;
    console.warn("playground: the runner's frame could not be cross-origin isolated; running in the page (an out-of-memory run will take the tab down)");
  }
  return startInline(events);
}
