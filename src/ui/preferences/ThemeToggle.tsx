// The theme button: system → light → dark, shown by its icon and named in
// its label, so a screen reader says what it will do.

import { useStore } from "zustand";
import { nextPreference, schemeStore, type SchemePreference } from "../color-scheme";
import { useStrings, type Strings } from "../i18n/language";

const ICONS: Record<SchemePreference, string> = { system: "◐", light: "☀", dark: "☾" };

const STRINGS: Strings<{ names: Record<SchemePreference, string>; label: (now: string, next: string) => string }> = {
  en: {
    names: { system: "as the system", light: "light", dark: "dark" },
    label: (now, next) => `Theme: ${now}. Switch to ${next}`,
  },
  zh: {
    names: { system: "跟随系统", light: "浅色", dark: "深色" },
    label: (now, next) => `主题：${now}。切换为${next}`,
  },
};

export function ThemeToggle() {
  const preference = useStore(schemeStore, (s) => s.preference);
  const t = useStrings(STRINGS);
  const next = nextPreference(preference);
  const label = t.label(t.names[preference], t.names[next]);
  return (
    <button
      type="button"
      className="button icon-button"
      aria-label={label}
      title={label}
      data-testid="theme-toggle"
      onClick={() => schemeStore.getState().setPreference(next)}
    >
      <span aria-hidden="true">{ICONS[preference]}</span>
    </button>
  );
}
