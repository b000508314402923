// The learner's draft: the editor's code, the run settings and the example
// id, kept in localStorage so that a reload (or closing the tab by mistake)
// does not lose work. Saved a moment after the last change (a save per
// keystroke would serialise the whole snippet each time) and at once when
// the page is hidden, so a reload right after typing keeps the last edit.
// Storage may be missing or refuse writes (privacy modes, sandboxed or
// third-party frames, a full quota): the page then simply has no draft.

import type { StoreApi } from "zustand/vanilla";
import type { RunSettings } from "../../runtime/types";
import type { EditorState, SettingsState } from "../state/stores";
import { SETTING_LIMITS } from "./share-link";

export const DRAFT_KEY = "playground.draft.v1";
export const DRAFT_SAVE_DELAY_MS = 400;

export interface Draft {
  code: string;
  settings: RunSettings;
  exampleId: string | null;
}

/** localStorage, or null where reading it throws (a sandboxed frame) or it is absent. */
export function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}

/** The stored draft, or null if there is none or it is unreadable. */
export function readDraft(storage: Storage | null): Draft | null {
  if (!storage) return null;
  try {
    const value: unknown = JSON.parse(storage.getItem(DRAFT_KEY) ?? "null");
    if (typeof value !== "object" || value === null) return null;
    const d = value as Record<string, unknown>;
    if (typeof d.code !== "string") return null;
    return { code: d.code, settings: sanitizeSettings(d.settings), exampleId: typeof d.exampleId === "string" ? d.exampleId : null };
  } catch {
    return null; // storage refused, or the JSON was damaged
  }
}

/** Whether the draft was stored. */
export function writeDraft(storage: Storage | null, draft: Draft): boolean {
  if (!storage) return false;
  try {
    storage.setItem(DRAFT_KEY, JSON.stringify(draft));
    return true;
  } catch {
    return false; // quota exceeded or storage disabled
  }
}

/** Only known settings within their limits survive: the stored JSON is not trusted. */
export function sanitizeSettings(value: unknown): RunSettings {
  if (typeof value !== "object" || value === null) return {};
  const s = value as Record<string, unknown>;
  const settings: RunSettings = {};
  if (typeof s.gil === "boolean") settings.gil = s.gil;
  for (const key of ["switchIntervalMs", "maxThreads"] as const) {
    const n = s[key];
    if (typeof n !== "number" || !Number.isFinite(n)) continue;
    const { min, max } = SETTING_LIMITS[key];
    settings[key] = Math.min(max, Math.max(min, key === "maxThreads" ? Math.round(n) : n));
  }
  return settings;
}

interface DraftStores {
  editor: StoreApi<EditorState>;
  settings: StoreApi<SettingsState>;
}

function snapshot({ editor, settings }: DraftStores): Draft {
  const { code, exampleId } = editor.getState();
  const { gil, switchIntervalMs, maxThreads } = settings.getState();
  return { code, exampleId, settings: { gil, switchIntervalMs, maxThreads } };
}

// (Field by field: it runs at every change of the editor's store, a run's markers included.)
const sameDraft = (a: Draft, b: Draft) =>
  a.code === b.code && a.exampleId === b.exampleId && a.settings.gil === b.settings.gil
  && a.settings.switchIntervalMs === b.settings.switchIntervalMs && a.settings.maxThreads === b.settings.maxThreads;

/**
 * Saves the draft whenever code, settings or example change (not for other
 * store changes such as diagnostics); `onChange` runs at each such change.
 * Returns an uninstaller that also saves what is pending.
 */
export function installDraftSaver(stores: DraftStores, storage: Storage | null, onChange?: () => void, delayMs = DRAFT_SAVE_DELAY_MS): () => void {
  let saved = snapshot(stores);
  let timer: ReturnType<typeof setTimeout> | null = null;

  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const now = snapshot(stores);
    if (sameDraft(now, saved)) return;
    saved = now;
    writeDraft(storage, now);
  };
  const onStoreChange = () => {
    if (sameDraft(snapshot(stores), saved)) return;
    onChange?.();
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(flush, delayMs);
  };
  const onHide = () => { if (document.visibilityState === "hidden") flush(); };

  const unsubscribers = [stores.editor.subscribe(onStoreChange), stores.settings.subscribe(onStoreChange)];
  const hasDocument = typeof document !== "undefined";
  if (hasDocument) {
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", onHide);
  }
  return () => {
    flush();
    for (const unsubscribe of unsubscribers) unsubscribe();
    if (hasDocument) {
      window.removeEventListener("pagehide", flush);
      document.removeEventListener("visibilitychange", onHide);
    }
  };
}
