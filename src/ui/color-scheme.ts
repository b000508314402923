// Light or dark: the learner's choice (the toolbar's theme button, kept in
// localStorage), or the system's (`prefers-color-scheme`) when they chose
// "system". The resolved scheme is written to <html data-theme>, which is
// what the CSS themes key on; listeners are for what CSS cannot reach
// (Monaco's theme, the timeline canvas).

import { createStore } from "zustand/vanilla";

export type ColorScheme = "light" | "dark";
export type SchemePreference = ColorScheme | "system";

const STORAGE_KEY = "playground.theme";
const query = () => (typeof window !== "undefined" ? window.matchMedia?.("(prefers-color-scheme: dark)") : undefined);

function readPreference(): SchemePreference {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored === "light" || stored === "dark" ? stored : "system";
  } catch {
    return "system";
  }
}

const resolve = (preference: SchemePreference): ColorScheme =>
  preference === "system" ? (query()?.matches ? "dark" : "light") : preference;

interface SchemeState {
  preference: SchemePreference;
  scheme: ColorScheme;
  setPreference(preference: SchemePreference): void;
}

export const schemeStore = createStore<SchemeState>()((set) => ({
  preference: typeof window === "undefined" ? "system" : readPreference(),
  scheme: typeof window === "undefined" ? "light" : resolve(readPreference()),
  setPreference: (preference) => {
    try {
      if (preference === "system") localStorage.removeItem(STORAGE_KEY);
      else localStorage.setItem(STORAGE_KEY, preference);
    } catch {
      // not remembered, still applied
    }
    set({ preference, scheme: resolve(preference) });
  },
}));

if (typeof document !== "undefined") {
  const apply = (scheme: ColorScheme) => {
    document.documentElement.dataset.theme = scheme;
    document.documentElement.style.colorScheme = scheme;
  };
  apply(schemeStore.getState().scheme);
  schemeStore.subscribe((s, prev) => { if (s.scheme !== prev.scheme) apply(s.scheme); });
  query()?.addEventListener("change", () => {
    const { preference } = schemeStore.getState();
    if (preference === "system") schemeStore.setState({ scheme: resolve("system") });
  });
}

export function currentColorScheme(): ColorScheme {
  return schemeStore.getState().scheme;
}

export function onColorSchemeChange(listener: (scheme: ColorScheme) => void): () => void {
  return schemeStore.subscribe((s, prev) => { if (s.scheme !== prev.scheme) listener(s.scheme); });
}

/** The theme button's cycle: system → light → dark → system. */
export function nextPreference(preference: SchemePreference): SchemePreference {
  return preference === "system" ? "light" : preference === "light" ? "dark" : "system";
}
