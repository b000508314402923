// What the editor starts with, in order: a share link in the page's hash,
// else the learner's draft (full page only: an embed shows its own snippet
// and must not take over, or overwrite, the learner's work), else the
// starter snippet. A link is only loaded, never run: running code from a
// link someone sent is the learner's decision (autorun is an embed option a
// course page sets, not part of a link). A damaged link falls back to the
// starter and leaves a notice saying why (LinkNotice.tsx shows it).
// An embed shows a gallery example that came unedited with the comments of
// its own language (a course page's lang=zh gets Chinese comments whatever
// language the teacher copied it in).

import { createStore } from "zustand/vanilla";
import type { RunSettings } from "../../runtime/types";
import type { PlaygroundApp } from "../playground-app";
import { findExample } from "../../examples/catalog";
import { isStarterCode } from "../../examples/starter";
import { currentLanguage } from "../i18n/language";
import { exampleCode, isExampleCode } from "../examples/load-example";
import { installDraftSaver, readDraft, safeLocalStorage, type Draft } from "./draft";
import { decodeShareHash, isShareHash, type ShareErrorReason, type ShareWarning } from "./share-link";

export interface Startup {
  code: string;
  settings: RunSettings;
  exampleId: string | null;
  source: "link" | "draft" | "starter";
  /** the share link in the hash could not be read */
  linkError?: { reason: ShareErrorReason; detail?: string };
  /** the link was read, but some of it was adjusted (clamped settings ...) */
  warnings: ShareWarning[];
}

export function chooseStartup(hash: string, starter: string, draft: Draft | null): Startup {
  if (isShareHash(hash)) {
    const decoded = decodeShareHash(hash);
    if (decoded.ok) return { ...decoded.snippet, source: "link", warnings: decoded.warnings };
    return { code: starter, settings: {}, exampleId: null, source: "starter", linkError: { reason: decoded.reason, detail: decoded.detail }, warnings: [] };
  }
  if (draft) return { ...draft, source: "draft", warnings: [] };
  return { code: starter, settings: {}, exampleId: null, source: "starter", warnings: [] };
}

// ── the notice about the link, for LinkNotice.tsx ──────────────────────

export interface LinkNoticeState {
  linkError: Startup["linkError"] | null;
  /** the page started with the starter because of it (else the code on screen was kept) */
  showsStarter: boolean;
  warnings: ShareWarning[];
  dismiss(): void;
}

export const linkNoticeStore = createStore<LinkNoticeState>()((set) => ({
  linkError: null,
  showsStarter: false,
  warnings: [],
  dismiss: () => set({ linkError: null, warnings: [] }),
}));

/**
 * Reads the page's address and storage, and returns what the editor starts
 * with (and sets the link notice); applyStartup then puts it in the stores.
 */
export function readStartup(starter: string, embedded: boolean): Startup {
  const startup = chooseStartup(location.hash, starter, embedded ? null : readDraft(safeLocalStorage()));
  // A draft or link that is the untouched starter comes in the reader's language, as the starter does.
  if (isStarterCode(startup.code)) startup.code = starter;
  linkNoticeStore.setState({ linkError: startup.linkError ?? null, showsStarter: !!startup.linkError, warnings: startup.warnings });
  return startup;
}

/**
 * Puts the startup's settings and example into the stores and, on the full
 * page, keeps the draft and follows links pasted into the address bar.
 */
export function applyStartup(app: PlaygroundApp, startup: Startup, embedded: boolean): void {
  const { editor, settings } = app.stores;
  settings.getState().update(startup.settings);
  if (startup.exampleId) editor.getState().loadExample(startup.exampleId, embedded ? inLanguage(startup) : startup.code);
  if (embedded) return;

  let loadingLink = false;
  // Once the learner changes the snippet, the link in the address bar no
  // longer describes it: drop it, so a reload shows their draft, not the
  // link's original code.
  installDraftSaver(app.stores, safeLocalStorage(), () => {
    if (!loadingLink && isShareHash(location.hash)) history.replaceState(history.state, "", location.pathname + location.search);
  });

  // A link pasted into the address bar of an open playground changes only
  // the hash: no reload, so load it here (still without running it). A
  // damaged one keeps the code on screen, which may be the learner's work.
  window.addEventListener("hashchange", () => {
    if (!isShareHash(location.hash)) return;
    const decoded = decodeShareHash(location.hash);
    if (!decoded.ok) {
      linkNoticeStore.setState({ linkError: { reason: decoded.reason, detail: decoded.detail }, showsStarter: false, warnings: [] });
      return;
    }
    loadingLink = true;
    try {
      settings.getState().update(decoded.snippet.settings);
      editor.setState({ code: decoded.snippet.code, exampleId: decoded.snippet.exampleId });
    } finally {
      loadingLink = false;
    }
    linkNoticeStore.setState({ linkError: null, showsStarter: false, warnings: decoded.warnings });
  });
}

/** The startup's code, with the comments of the page's language if it is an unedited gallery example. */
function inLanguage(startup: Startup): string {
  const example = startup.exampleId ? findExample(startup.exampleId) : undefined;
  return example && isExampleCode(example, startup.code) ? exampleCode(example, currentLanguage()) : startup.code;
}
