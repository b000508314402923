// The page's state, in zustand vanilla stores so that the run controller,
// the automation API and the editor glue can read and change it without
// React. Components subscribe through the thin hooks in hooks.ts.

import { createStore, type StoreApi } from "zustand/vanilla";
import type { OutputLine, RunResult, RunStatus, SnippetDiagnostic } from "../../runtime/types";
import { DEFAULT_SETTINGS, type ResolvedSettings, type RunSettings } from "../../runtime/settings";
import { OutputLog } from "./output-log";
import type { ShareSettings } from "../share/share-link";
import { createTimelineStore, type TimelineState } from "./timeline-store";

// ── the snippet and what the compiler says about it ──────────────────────

export interface EditorState {
  code: string;
  /** the compiler's diagnostics of the current code */
  diagnostics: SnippetDiagnostic[];
  /**
   * What the last run found in the code (the race detector's warnings). Kept
   * apart from the compiler's, whose answer for the same code may arrive
   * after the run; they go when the code changes or the next run starts.
   */
  runDiagnostics: SnippetDiagnostic[];
  /** "placeholder" until Monaco has loaded, "monaco" after, "failed" if it could not load */
  editorKind: "placeholder" | "monaco" | "failed";
  /** the gallery example the code came from (share links restore it); null once unknown */
  exampleId: string | null;
  setCode(code: string): void;
  /** replaces the code with an example's, remembering which one it is */
  loadExample(exampleId: string, code: string): void;
  setDiagnostics(diagnostics: SnippetDiagnostic[]): void;
  addRunDiagnostics(diagnostics: SnippetDiagnostic[]): void;
  clearRunDiagnostics(): void;
  setEditorKind(kind: EditorState["editorKind"]): void;
}

export function createEditorStore(initialCode: string): StoreApi<EditorState> {
  return createStore<EditorState>()((set, get) => ({
    code: initialCode,
    diagnostics: [],
    runDiagnostics: [],
    editorKind: "placeholder",
    exampleId: null,
    setCode: (code) => { if (code !== get().code) set({ code, runDiagnostics: [] }); },
    loadExample: (exampleId, code) => set(code === get().code ? { exampleId } : { exampleId, code, runDiagnostics: [] }),
    setDiagnostics: (diagnostics) => set({ diagnostics }),
    addRunDiagnostics: (diagnostics) => set({ runDiagnostics: [...get().runDiagnostics, ...diagnostics] }),
    clearRunDiagnostics: () => { if (get().runDiagnostics.length) set({ runDiagnostics: [] }); },
    setEditorKind: (editorKind) => set({ editorKind }),
  }));
}

// ── run settings (API.md §7, §9) ─────────────────────────────────────────

/** The toolbar's settings (a share link or an embed's address sets them when the page opens). */
export interface SettingsState extends ResolvedSettings {
  update(settings: RunSettings): void;
}

export function createSettingsStore(): StoreApi<SettingsState> {
  return createStore<SettingsState>()((set) => ({
    ...DEFAULT_SETTINGS,
    update: (settings) => {
      // Only defined keys: `{ gil: undefined }` must not erase a setting.
      const defined: Partial<ResolvedSettings> = Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined));
      // A seed chosen on its own (the seed field, a request's seed) is the
      // run wanted: a schedule still held from an earlier replay would
      // override it, and a run for another seed would replay that instead.
      if (settings.seed !== undefined && settings.schedule === undefined) defined.schedule = undefined;
      set(defined);
    },
  }));
}

// ── the current or last run ──────────────────────────────────────────────

export type RunPhase = "idle" | "running" | RunStatus;

export interface RunState {
  phase: RunPhase;
  /** performance.now() when the current run started, for the live elapsed time */
  startedAt: number | null;
  durationMs: number | null;
  output: OutputLog;
  /** changes whenever `output` changes; what components subscribe to */
  outputVersion: number;
  lastResult: RunResult | null;
  /** the last run is step mode's pause (ended "stopped" at the next step, to go on from there) */
  paused: boolean;
  /**
   * The settings the current run resolved (runtime/settings.ts: toolbar <
   * pragma < request) and the ones its code's pragma gave: what the toolbar
   * shows while the run goes on. Null between runs.
   */
  inForce: { settings: ResolvedSettings; fromCode: RunSettings } | null;
  begin(): void;
  setInForce(inForce: RunState["inForce"]): void;
  appendOutput(lines: readonly OutputLine[]): void;
  appendNotice(text: string, stderr?: boolean): void;
  /** a note on what the run did or did not show (examples/lesson-notes.ts) */
  appendLesson(text: string): void;
  finish(result: RunResult, summary: string, paused?: boolean): void;
}

export function createRunStore(): StoreApi<RunState> {
  return createStore<RunState>()((set, get) => ({
    phase: "idle",
    startedAt: null,
    durationMs: null,
    output: new OutputLog(),
    outputVersion: 0,
    lastResult: null,
    paused: false,
    inForce: null,
    begin: () => {
      get().output.clear();
      set((s) => ({ phase: "running", startedAt: performance.now(), durationMs: null, inForce: null, paused: false, outputVersion: s.outputVersion + 1 }));
    },
    setInForce: (inForce) => set({ inForce }),
    appendOutput: (lines) => {
      if (lines.length === 0) return;
      get().output.appendLines(lines);
      set((s) => ({ outputVersion: s.outputVersion + 1 }));
    },
    appendNotice: (text, stderr = false) => {
      get().output.appendNotice(text, stderr);
      set((s) => ({ outputVersion: s.outputVersion + 1 }));
    },
    appendLesson: (text) => {
      get().output.appendNotice(text, false, "lesson");
      set((s) => ({ outputVersion: s.outputVersion + 1 }));
    },
    finish: (result, summary, paused = false) => {
      get().output.appendSummary(summary, result.status);
      set((s) => ({
        phase: result.status,
        paused,
        startedAt: null,
        durationMs: result.durationMs,
        lastResult: result,
        inForce: null,
        outputVersion: s.outputVersion + 1,
      }));
    },
  }));
}

export interface PlaygroundStores {
  editor: StoreApi<EditorState>;
  settings: StoreApi<SettingsState>;
  run: StoreApi<RunState>;
  timeline: StoreApi<TimelineState>;
}

export function createPlaygroundStores(initialCode: string): PlaygroundStores {
  return { editor: createEditorStore(initialCode), settings: createSettingsStore(), run: createRunStore(), timeline: createTimelineStore() };
}

/** The settings a share link carries (share/share-link.ts); a controlled run's seed and schedule go only with controlled. */
export function shareSettings(store: StoreApi<SettingsState>): ShareSettings {
  const { gil, switchIntervalMs, maxThreads, raceDetector, controlled, seed, schedule } = store.getState();
  return { gil, switchIntervalMs, maxThreads, raceDetector, controlled, ...(controlled ? { seed, schedule } : {}) };
}

/** The toolbar's settings: the store's values, without its actions. */
export function currentSettings(store: StoreApi<SettingsState>): RunSettings {
  const { gil, switchIntervalMs, maxThreads, controlled, seed, schedule, raceDetector } = store.getState();
  return { gil, switchIntervalMs, maxThreads, controlled, seed, schedule, raceDetector };
}
