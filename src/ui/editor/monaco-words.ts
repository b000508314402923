// Monaco's own words (a hover's "View Problem", the find widget, the
// context menu) in the interface's language. Monaco looks each of its
// sentences up, by number, in globalThis._VSCODE_NLS_MESSAGES when it shows
// it, and falls back to the English built into it when that is unset;
// monaco-editor ships the Chinese table as a module that sets the global.
// So the table is loaded (once, a chunk of its own) only for a Chinese
// page, and set or unset as the language changes. What Monaco words once,
// as it loads (its menus' entries), keeps the language the editor loaded in.

import { languageStore } from "../i18n/language";

interface MonacoNls {
  _VSCODE_NLS_MESSAGES?: unknown;
  _VSCODE_NLS_LANGUAGE?: string;
}

const nls = globalThis as MonacoNls;
let chinese: Promise<unknown> | null = null;

/** Monaco's Chinese table (undefined if its chunk failed to load: Monaco then speaks English). */
function chineseTable(): Promise<unknown> {
  chinese ??= import("monaco-editor/nls/lang/zh-cn").then(
    () => nls._VSCODE_NLS_MESSAGES,
    () => undefined,
  );
  return chinese;
}

async function speak(): Promise<void> {
  const table = languageStore.getState().language === "zh" ? await chineseTable() : undefined;
  // (From the choice in force now: the learner may have switched back while the table loaded.)
  const zh = languageStore.getState().language === "zh" && table !== undefined;
  nls._VSCODE_NLS_MESSAGES = zh ? table : undefined;
  nls._VSCODE_NLS_LANGUAGE = zh ? "zh-cn" : undefined;
}

let following = false;

/** Sets Monaco's words for the page's language, before Monaco loads, and keeps them so as it changes. */
export async function followLanguageInMonaco(): Promise<void> {
  if (!following) {
    following = true;
    languageStore.subscribe((s, previous) => {
      if (s.language !== previous.language) void speak();
    });
  }
  await speak();
}
