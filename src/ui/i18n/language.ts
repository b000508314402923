// The interface language: English or Chinese (the tutorials are Chinese, and
// so are many of their readers). The choice is, in order: `?lang=` in the
// page's address (course pages and share links), what the learner last
// picked (localStorage), the browser's preferred languages, English.
// Strings live beside the component that shows them, as a `Strings` table
// with one entry per language, so features never edit a shared file.

import { createStore } from "zustand/vanilla";
import { useStore } from "zustand";

export type Language = "en" | "zh";
export const LANGUAGES: readonly Language[] = ["en", "zh"];
export const LANGUAGE_NAMES: Record<Language, string> = { en: "English", zh: "中文" };

/** One table of strings per language; `zh` must have every key `en` has. */
export type Strings<T> = Record<Language, T>;

const STORAGE_KEY = "playground.language";

export function parseLanguage(value: string | null | undefined): Language | null {
  if (!value) return null;
  const tag = value.trim().toLowerCase();
  if (tag === "zh" || tag.startsWith("zh-")) return "zh";
  if (tag === "en" || tag.startsWith("en-")) return "en";
  return null;
}

/** The first of the browser's languages we have, else English. */
export function browserLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const language = parseLanguage(tag);
    if (language) return language;
  }
  return "en";
}

function readStored(): Language | null {
  try {
    return parseLanguage(localStorage.getItem(STORAGE_KEY));
  } catch {
    return null; // storage disabled (privacy mode, sandboxed frame)
  }
}

function initialLanguage(): Language {
  if (typeof window === "undefined") return "en";
  const fromUrl = parseLanguage(new URLSearchParams(location.search).get("lang"));
  return fromUrl ?? readStored() ?? browserLanguage(navigator.languages ?? [navigator.language]);
}

interface LanguageState {
  language: Language;
  setLanguage(language: Language): void;
}

export const languageStore = createStore<LanguageState>()((set) => ({
  language: initialLanguage(),
  setLanguage: (language) => {
    try {
      localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // not remembered, still switched
    }
    set({ language });
  },
}));

if (typeof document !== "undefined") {
  const apply = (language: Language) => { document.documentElement.lang = language === "zh" ? "zh-CN" : "en"; };
  apply(languageStore.getState().language);
  languageStore.subscribe((s) => apply(s.language));
}

export function currentLanguage(): Language {
  return languageStore.getState().language;
}

export function useLanguage(): Language {
  return useStore(languageStore, (s) => s.language);
}

/** The table of `strings` for the current language; re-renders on a switch. */
export function useStrings<T>(strings: Strings<T>): T {
  return strings[useLanguage()];
}
