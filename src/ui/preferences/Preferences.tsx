// The toolbar's right-hand group: interface language, theme, shortcuts help.

import { LanguageSwitch } from "./LanguageSwitch";
import { ShortcutsHelp } from "./ShortcutsHelp";
import { ThemeToggle } from "./ThemeToggle";
import "./preferences.css";

export function Preferences() {
  return (
    <div className="preferences">
      <LanguageSwitch />
      <ThemeToggle />
      <ShortcutsHelp />
    </div>
  );
}
