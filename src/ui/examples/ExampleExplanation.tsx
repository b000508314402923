// What the loaded example shows, in the interface language: the title and
// explanation of the editor's current example (exampleId), above the panes.
// Dismissing hides it until an example is loaded again.

import { useEffect, useRef, useState } from "react";
import { findExample } from "../../examples/catalog";
import { useLanguage, useStrings } from "../i18n/language";
import { useApp, useEditorState } from "../state/hooks";
import { followLanguage, isExampleCode } from "./load-example";
import "./examples.css";

const STRINGS = {
  en: { label: "About this example", dismiss: "Dismiss" },
  zh: { label: "关于这个示例", dismiss: "关闭" },
};

export function ExampleExplanation() {
  const app = useApp();
  const language = useLanguage();
  const s = useStrings(STRINGS);
  const exampleId = useEditorState((state) => state.exampleId);
  const [dismissedId, setDismissedId] = useState<string | null>(null);

  // Loading the dismissed example again (its code comes back, in either
  // language) shows it again.
  useEffect(
    () =>
      app.stores.editor.subscribe((state, previous) => {
        if (state.code === previous.code || !state.exampleId) return;
        const example = findExample(state.exampleId);
        if (example && isExampleCode(example, state.code)) setDismissedId(null);
      }),
    [app],
  );

  // A language switch (not the first render: a shared link's code stays as it came).
  const shownLanguage = useRef(language);
  useEffect(() => {
    if (shownLanguage.current === language) return;
    shownLanguage.current = language;
    followLanguage(app.stores, findExample, language);
  }, [app, language]);

  const example = exampleId ? findExample(exampleId) : undefined;
  if (!example || dismissedId === example.id) return null;
  const text = example.text[language];
  return (
    <section className="example-explanation" aria-label={s.label} data-testid="example-explanation">
      <div className="example-explanation-text">
        <h2 className="example-explanation-title">{text.title}</h2>
        <p className="example-explanation-body">{text.explanation}</p>
      </div>
      <button
        type="button"
        className="example-explanation-dismiss"
        aria-label={s.dismiss}
        title={s.dismiss}
        onClick={() => setDismissedId(example.id)}
        data-testid="example-explanation-dismiss"
      >
        <span aria-hidden="true">×</span>
      </button>
    </section>
  );
}
