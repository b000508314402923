// The automation API of shared/API.md §9: `window.playground` for tests and
// scripts in the page; the same requests by postMessage, for a course page
// that embeds the playground, are frame-requests.ts's. Both go through the
// run controller, so an automated run is drawn exactly as a Run click is.

import type { RunResult, RunSettings } from "../runtime/types";
import type { PlaygroundApp } from "./playground-app";
import type { RunRequest } from "./run-controller";
import type { ChromeTrace } from "../trace/chrome-trace";
import type { RenderBenchResult } from "../timeline/bench";
import { layoutLanes } from "../timeline/layout";
import { poolTaskBoxes, type PoolTaskBox } from "../timeline/task-boxes";
import { EN_WORDS, ZH_WORDS } from "../timeline/words";
import { DEFAULT_SETTINGS } from "../runtime/settings";
import { traceOfLastRun } from "./timeline/export";
import { coroutineTasks } from "../trace/coroutine-list";
import { objectName, stateName } from "../trace/names";
import { SCHEDULER_TURN_REF } from "../trace/object-kinds";
import { buildShareUrl } from "./share/share-link";
import { shareSettings } from "./state/stores";
import { MAX_CODE_CHARS, codeTooLong } from "../session/playground-runtime";
import type { ExploreRequest, ExploreResult } from "../session/explore";
import { exploreInPage, SearchStopped, type PageSearch } from "./controlled/explore-in-page";
import type { StepView } from "./step-mode";
import { controlledSession } from "./controlled/controlled-session";

export interface PlaygroundAutomation {
  /** resolves when the page can take requests */
  ready: Promise<void>;
  /** resolves when Monaco has loaded (or failed to load, leaving the plain editor) */
  editorReady: Promise<void>;
  run(request?: RunRequest): Promise<RunResult>;
  stop(): void;
  getCode(): string;
  setCode(code: string): void;
  /** Chrome Trace Event JSON of the last run (of the current one while it runs); null before any run */
  getTrace(): ChromeTrace | null;
  /** a link that reopens this snippet: its code, settings and example (share/share-link.ts) */
  shareUrl(): string;
  /** search controlled runs for a failing interleaving, or every outcome (API.md §10); a failure found is opened in the page */
  explore(request?: ExploreRequest & { code?: string }): Promise<ExploreResult>;
  /** step mode (API.md §10) */
  stepStart(request?: { code?: string; settings?: RunSettings }): Promise<StepView>;
  step(thread: string): Promise<StepView>;
  stepBack(): Promise<StepView>;
  /** for tests and benchmarks, not a contract */
  debug: PlaygroundDebug;
}

export interface PlaygroundDebug {
  /** the toolbar's settings back to their defaults, step mode and the search's answer closed (for tests that share one page) */
  resetSettings(): void;
  /** where runs happen ("frame": a sandboxed frame of its own process; "inline": the page) and the runner's live workers */
  runner(): ReturnType<PlaygroundApp["runtime"]["runner"]>;
  /** the timeline's lanes for the last run, as laid out */
  timelineLanes(): { kind: string; label: string }[];
  /** how each thread's lane of the last run ends: its end state's name, or null while it is drawn as still going (a pause) */
  threadEnds(): { thread: string; ended: string | null }[];
  /** the state each thread's lane of the last run is drawn in at its end (or at a pause), since when, and whether it waits for the scheduler's turn */
  threadStates(): { thread: string; state: string; sinceMs: number; onTurn: boolean }[];
  /** the asyncio tasks the timeline draws: per task its thread, name and running stretches [start, end] in ms */
  coroutineTasks(): { thread: string; name: string; row: number; startMs: number; endMs: number; failed: boolean; cancelled: boolean; runs: [number, number][] }[];
  /** every lock of the last run: its name, acquisitions, and every hold the timeline draws (shared: a read of an RWLock) */
  lockHolds(): { name: string; acquisitions: number; holds: { thread: string; startMs: number; endMs: number; shared: boolean }[] }[];
  /** every pool task box of the last run: its worker, pool, items, its text and its hover card, in English or Chinese */
  poolTasks(lang?: "en" | "zh"): PoolTaskBox[];
  /** every GIL hand-over of the last run: taker, giver, when, and how long the GIL lay free (µs) */
  gilHandovers(): { to: string; from: string; tMs: number; latencyUs: number }[];
  /** where the last run's timeline stops being a record (the cap, or a cut: the run ended before the rest of its trace reached the page), or null */
  notRecordedAfter(): { atMs: number; cut: boolean } | null;
  /** keep at most `events` trace events from the next run on (null: the usual 50 M), to test the cap in seconds */
  setTraceCap(events: number | null): void;
  /** the runner reads its own clock `ms` off its workers' (at most a second either way), as a frame's clock may be off by itself */
  skewRunnerClock(ms: number): void;
  /** the same sweep over the last run's own trace, what its model holds in memory, and how many of its events are folded lock pairs (stored as none) */
  renderBenchLastRun(widthPx?: number, heightPx?: number): Promise<RenderBenchResult & { bytes: number; folded: number }>;
  /** draw a pan/zoom sweep over a synthetic trace of about `events` events (timeline/bench.ts) */
  renderBench(events?: number, widthPx?: number, heightPx?: number): Promise<RenderBenchResult>;
}

declare global {
  interface Window {
    playground?: PlaygroundAutomation;
  }
}

export function createAutomation(app: PlaygroundApp): PlaygroundAutomation {
  const editor = app.stores.editor;
  // The page's step panel shows the steps a course page takes, too.
  const stepper = controlledSession(app);
  // Stop ends a search too: the run in progress stops, and no other starts.
  let search: PageSearch | null = null;
  return {
    ready: app.ready,
    editorReady: app.editorReady,
    run: (request = {}) => app.controller.run(request),
    stop: () => {
      search?.stop();
      app.runtime.stop();
      app.controller.stop();
    },
    getCode: () => editor.getState().code,
    setCode: (code) => {
      const text = String(code);
      if (text.length > MAX_CODE_CHARS) throw new RangeError(codeTooLong(text.length));
      editor.getState().setCode(text);
    },
    getTrace: () => traceOfLastRun(app.stores),
    // The search's runs are not drawn; the failure it finds is, replayed as the Run button runs it.
    explore: async (request = {}) => {
      search?.stop();
      const current = (search = exploreInPage(app, request));
      try {
        return await current.result;
      } catch (error) {
        // Stopped: what it ran is the answer, with nothing found.
        if (error instanceof SearchStopped) return { schedulesRun: error.schedulesRun, exhaustive: false, outcomes: [] };
        throw error;
      } finally {
        if (search === current) search = null;
      }
    },
    stepStart: (request) => stepper.start(request),
    step: (thread) => stepper.step(String(thread)),
    stepBack: () => stepper.back(),
    shareUrl: () => {
      const { code, exampleId } = editor.getState();
      return buildShareUrl(location.href, { code, exampleId, settings: shareSettings(app.stores.settings) }).url;
    },
    debug: {
      resetSettings: () => {
        // First: leaving step mode puts back the seed and schedule it found.
        stepper.reset();
        app.controller.traceCap = null;
        // The defaults have no seed or schedule: a controlled run's are cleared, not left for the next test.
        app.stores.settings.setState({ ...DEFAULT_SETTINGS, seed: undefined, schedule: undefined });
      },
      runner: () => app.runtime.runner(),
      skewRunnerClock: (ms) => app.runtime.skewRunnerClock?.(Number(ms)),
      setTraceCap: (events) => {
        app.controller.traceCap = events === null ? null : Math.max(1, Math.floor(Number(events)) || 1);
      },
      notRecordedAfter: () => {
        const model = app.stores.timeline.getState().model;
        return model?.cappedAtMs != null ? { atMs: model.cappedAtMs, cut: model.traceCut } : null;
      },
      timelineLanes: () => {
        const model = app.stores.timeline.getState().model;
        return model ? layoutLanes(model).lanes.map((lane) => ({ kind: lane.kind, label: lane.label })) : [];
      },
      threadEnds: () => {
        const model = app.stores.timeline.getState().model;
        return model ? [...model.threads.values()].map((t) => ({ thread: t.name, ended: Number.isNaN(t.endedMs) ? null : stateName(t.endedState) })) : [];
      },
      threadStates: () => {
        const model = app.stores.timeline.getState().model;
        return model ? [...model.threads.values()].map((t) => ({ thread: t.name, state: stateName(t.state), sinceMs: t.stateSinceMs, onTurn: t.stateObj === SCHEDULER_TURN_REF })) : [];
      },
      coroutineTasks: () => {
        const model = app.stores.timeline.getState().model;
        return model ? coroutineTasks(model) : [];
      },
      poolTasks: (lang = "en") => {
        const model = app.stores.timeline.getState().model;
        const endMs = app.stores.run.getState().lastResult?.durationMs ?? model?.maxMs ?? 0;
        return model ? poolTaskBoxes(model, endMs, lang === "zh" ? ZH_WORDS : EN_WORDS) : [];
      },
      gilHandovers: () => {
        const model = app.stores.timeline.getState().model;
        if (!model) return [];
        const name = (ident: number) => model.threads.get(ident)?.name ?? String(ident);
        return [...model.threads.values()].flatMap((t) =>
          Array.from({ length: t.gilTakes.length }, (_, i) => ({ to: t.name, from: name(t.gilFrom.data[i]), tMs: t.gilTakes.data[i], latencyUs: t.gilLatencyUs.data[i] })),
        );
      },
      lockHolds: () => {
        const model = app.stores.timeline.getState().model;
        if (!model) return [];
        return [...model.locks.values()].map((lock) => ({
          name: objectName(model, lock.id),
          acquisitions: lock.acquisitions,
          holds: [...lock.holds].flatMap(([ident, list]) =>
            Array.from({ length: list.length }, (_, i) => ({
              thread: model.threads.get(ident)?.name ?? String(ident), startMs: list.starts.data[i], endMs: list.ends.data[i], shared: list.tags.data[i] === 1,
            }))),
        }));
      },
      renderBenchLastRun: async (widthPx = 1400, heightPx = 720) => {
        const model = app.stores.timeline.getState().model;
        if (!model) throw new Error("no run yet");
        const [{ sweep }, { heldBytes }] = await Promise.all([import("../timeline/bench"), import("../trace/model-bytes")]);
        const canvas = document.createElement("canvas");
        canvas.width = widthPx;
        canvas.height = heightPx;
        const ctx = canvas.getContext("2d", { alpha: false, willReadFrequently: false })!;
        const runMs = app.stores.run.getState().lastResult?.durationMs ?? model.maxMs;
        return { ...sweep(ctx, model, runMs, widthPx, heightPx, () => void ctx.getImageData(0, 0, 1, 1)), bytes: heldBytes(model), folded: model.foldedEvents };
      },
      renderBench: async (events = 1_000_000, widthPx = 1400, heightPx = 720) => {
        const { renderBench } = await import("../timeline/bench");
        const canvas = document.createElement("canvas");
        canvas.width = widthPx;
        canvas.height = heightPx;
        const ctx = canvas.getContext("2d", { alpha: false, willReadFrequently: false })!;
        // A one-pixel readback makes the browser finish drawing, so frames are timed whole.
        return renderBench(ctx, widthPx, heightPx, events, () => void ctx.getImageData(0, 0, 1, 1));
      },
    },
  };
}
