// The interface language: a small select in the toolbar, English or 中文.
// The default follows the browser (i18n/language.ts); a choice is kept.

import { LANGUAGE_NAMES, LANGUAGES, languageStore, useLanguage, useStrings, type Language, type Strings } from "../i18n/language";

const STRINGS: Strings<{ label: string }> = {
  en: { label: "Interface language" },
  zh: { label: "界面语言" },
};

export function LanguageSwitch() {
  const language = useLanguage();
  const t = useStrings(STRINGS);
  return (
    <select
      className="select-compact"
      aria-label={t.label}
      title={t.label}
      value={language}
      data-testid="language-switch"
      onChange={(e) => languageStore.getState().setLanguage(e.target.value as Language)}
    >
      {LANGUAGES.map((lang) => (
        <option key={lang} value={lang} lang={lang === "zh" ? "zh-CN" : "en"}>
          {LANGUAGE_NAMES[lang]}
        </option>
      ))}
    </select>
  );
}
