// The page's end of the runner (src/runtime/runner/runner.ts): where runs
// happen, out of the page's process.
//
// The runner lives in a sandboxed frame (sandbox="allow-scripts", so its
// origin is opaque) made from srcdoc: Chromium puts such a frame in a process
// of its own, and a V8 out-of-memory in any of the run's workers ends that
// process, not the page's. The frame is made with a boot document
// (page-boot.ts), usually by the page's HTML before this script has loaded,
// and is posted the runner's script; the runner says the boot document's
// key when it is ready, or the frame is not used. The frame inherits the
// page's cross-origin isolation (its COEP, and
// `allow="cross-origin-isolated"`), so its workers get SharedArrayBuffer
// and Atomics.wait. Where the browser keeps such a
// frame from being isolated, the runner is started in the page instead:
// runs still work, but a run that exhausts memory takes the tab with it.
//
// The page and the runner talk over one MessageChannel made here; messages
// the frame posts to the window are ignored. The runner beats every 250 ms;
// when no beat has come for CRASH_AFTER_MS while the page's own timers kept
// time, the frame's process is taken for dead (crashed, or killed for its
// memory): listeners hear so, and a new frame takes its place.

import type { FromRunner, ToRunner } from "../runtime/frame-protocol";
import { BOOT_LOADED_ATTRIBUTE, EARLY_RUNNER_GLOBAL, RUNNER_BOOT_MESSAGE, RUNNER_FRAME_ATTRIBUTES, isRunnerKey, runnerBootDocument } from "./page-boot";

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

/** Waits for the runner's "ready"; a frame's runner must say the key its boot document was made with. */
function waitForReady(port: MessagePort, events: RunnerEvents, key?: string): Promise<{ isolated: boolean; problem?: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the runner did not start in time")), READY_TIMEOUT_MS);
    port.onmessage = (event: MessageEvent<FromRunner>) => {
      const message = event.data;
      if (message?.type !== "ready") return;
      clearTimeout(timer);
      if (key !== undefined && message.key !== key) {
        port.onmessage = null;
        resolve({ isolated: false, problem: "the runner's frame held a document the page did not make (was it navigated away?)" });
        return;
      }
      port.onmessage = (e: MessageEvent<FromRunner>) => events.message(e.data);
      resolve({ isolated: message.isolated === true, problem: typeof message.problem === "string" ? message.problem : undefined });
    };
  });
}

interface RunnerFrame {
  frame: HTMLIFrameElement;
  key: string;
  loaded: Promise<void>;
}

/** The frame the page's HTML made before this script loaded (scripts/vite-early-start.ts), taken once. */
function takeEarlyFrame(): RunnerFrame | null {
  const holder = window as { [EARLY_RUNNER_GLOBAL]?: { frame?: unknown; key?: unknown } };
  const early = holder[EARLY_RUNNER_GLOBAL];
  delete holder[EARLY_RUNNER_GLOBAL];
  const frame = early?.frame, key = early?.key;
  if (!(frame instanceof HTMLIFrameElement) || !frame.isConnected) return null;
  // Made as a frame of ours is, or not used: its attributes are what keeps the run out of the page's process.
  const same = Object.entries(RUNNER_FRAME_ATTRIBUTES).every(([name, value]) => frame.getAttribute(name) === value);
  if (!same || !isRunnerKey(key) || frame.srcdoc !== runnerBootDocument(key)) {
    frame.remove();
    return null;
  }
  const loaded = frame.hasAttribute(BOOT_LOADED_ATTRIBUTE) ? Promise.resolve() : loadOf(frame);
  return { frame, key, loaded };
}

function loadOf(frame: HTMLIFrameElement): Promise<void> {
  return new Promise<void>((resolve) => frame.addEventListener("load", () => resolve(), { once: true }));
}

function newKey(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** A runner frame made here, as the page's HTML makes one (after a crash, or if its script did not run). */
function makeFrame(): RunnerFrame {
  const frame = document.createElement("iframe");
  const key = newKey();
  for (const [name, value] of Object.entries(RUNNER_FRAME_ATTRIBUTES)) frame.setAttribute(name, value);
  frame.srcdoc = runnerBootDocument(key);
  const loaded = loadOf(frame);
  document.body.appendChild(frame);
  return { frame, key, loaded };
}

async function startFrame(events: RunnerEvents, early: RunnerFrame | null): Promise<RunnerConnection | null> {
  const [{ RUNNER_SOURCE, WORKER_SOURCES }, { frame, key, loaded }] = await Promise.all([loadSources(), early ?? makeFrame()]);
  await loaded;
  frame.contentWindow?.postMessage({ type: RUNNER_BOOT_MESSAGE, source: RUNNER_SOURCE }, "*");
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
  }, key).catch((error: unknown) => ({ isolated: false, problem: error instanceof Error ? error.message : String(error) }));
  if (!ready.isolated) {
    port.close();
    frame.remove();
    console.warn(`playground: the runner's frame cannot be used: ${ready.problem ?? "it is not cross-origin isolated"}`);
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
  if (preferInline) early?.frame.remove();
  if (!preferInline) {
    const framed = await startFrame(events, early);
    if (framed) return framed;
    console.warn("playground: running in the page instead (an out-of-memory run will take the tab down)");
  }
  return startInline(events);
}
