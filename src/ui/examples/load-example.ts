// Loading a gallery example: its code into the editor (remembering which
// example it is) and its settings into the run settings. Chinese readers get
// the same program with Chinese comments (codeZh) where the example has it.
// An example that does not ask for the GIL turns it off, so that "threads run
// in parallel" examples never inherit the GIL from the one loaded before.
// Share links and drafts keep whichever code is in the editor, as for any
// snippet, with the example's id beside it.

import type { Example } from "../../examples/catalog";
import { isStarterCode, starterCode } from "../../examples/starter";
import { currentLanguage, type Language } from "../i18n/language";
import type { PlaygroundStores } from "../state/stores";

/** The example's code for readers of `language`: codeZh for Chinese when there is one, else code. */
export function exampleCode(example: Example, language: Language): string {
  return language === "zh" && example.codeZh !== undefined ? example.codeZh : example.code;
}

/** Whether `code` is the example's code as loaded, in either language (not edited since). */
export function isExampleCode(example: Example, code: string): boolean {
  return code === example.code || code === example.codeZh;
}

export function applyExample(
  stores: Pick<PlaygroundStores, "editor" | "settings">,
  example: Example,
  language: Language = currentLanguage(),
): void {
  stores.settings.getState().update({ ...example.settings, gil: example.settings?.gil ?? false, controlled: example.settings?.controlled ?? false });
  // An example's seed (or none) replaces whatever seed or schedule the last run left in the toolbar.
  stores.settings.setState({ seed: example.settings?.seed, schedule: undefined });
  stores.editor.getState().loadExample(example.id, exampleCode(example, language));
}

/**
 * An example left as it was loaded follows a language switch: its comments
 * change language, the program stays the same. So does the untouched
 * starter. Edited code is never touched.
 */
export function followLanguage(stores: Pick<PlaygroundStores, "editor">, findExample: (id: string) => Example | undefined, language: Language): void {
  const { exampleId, code } = stores.editor.getState();
  if (!exampleId && isStarterCode(code)) {
    const next = starterCode(language);
    if (next !== code) stores.editor.getState().setCode(next);
    return;
  }
  const example = exampleId ? findExample(exampleId) : undefined;
  if (!example || !isExampleCode(example, code)) return;
  const next = exampleCode(example, language);
  if (next !== code) stores.editor.getState().setCode(next);
}
