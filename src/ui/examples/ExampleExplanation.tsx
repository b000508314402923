// What the loaded example shows, in the interface language: the title and
// explanation of the editor's current example (exampleId), above the panes.
// Dismissing hides it until an example is loaded again. A box that is
// too small for the whole explanation (a phone, an embed) says so with a
// "Read all" button, instead of a scroll area that looks cut mid-sentence.

import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { findExample } from "../../examples/catalog";
import { pythonCallsOf } from "../../examples/python-calls";
import { useLanguage, useStrings } from "../i18n/language";
import { useApp, useEditorState } from "../state/hooks";
import { followLanguage, isExampleCode } from "./load-example";
import "./examples.css";

const STRINGS = {
  en: { label: "About this example", dismiss: "Dismiss", more: "Read all", less: "Show less", inPython: "In Python:" },
  zh: { label: "关于这个示例", dismiss: "关闭", more: "展开全文", less: "收起", inPython: "对应的 Python：" },
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
  const shown = example && dismissedId !== example.id ? example : undefined;
  const text = shown?.text[language];
  const [expanded, setExpanded] = useState(false);
  const [overflows, setOverflows] = useState(false);
  const textRef = useRef<HTMLDivElement>(null);
  useEffect(() => setExpanded(false), [exampleId]);
  // Whether the clamped box hides part of the text: measured after layout, and again when the box is resized.
  useLayoutEffect(() => {
    const el = textRef.current;
    if (!el) return;
    const measure = () => setOverflows(el.scrollHeight > el.clientHeight + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [text, expanded]);

  if (!shown || !text) return null;
  return (
    <section className="example-explanation" aria-label={s.label} data-testid="example-explanation">
      <div className={`example-explanation-text${expanded ? " expanded" : ""}`} ref={textRef}>
        <h2 className="example-explanation-title">{text.title}</h2>
        <p className="example-explanation-body">{text.explanation}</p>
        {/* which call of the learner's Python tutorial each TypeScript call is */}
        <p className="example-explanation-python" data-testid="example-python-calls">
          <span>{s.inPython}</span>
          {pythonCallsOf(shown.code).map((call) => (
            <span key={call.ts} className="example-python-call"><code>{call.ts}</code> → <code>{call.py}</code></span>
          ))}
        </p>
      </div>
      {(overflows || expanded) && (
        <button type="button" className="button example-explanation-more" aria-expanded={expanded} onClick={() => setExpanded((e) => !e)} data-testid="example-explanation-more">
          {expanded ? s.less : s.more}
        </button>
      )}
      <button
        type="button"
        className="example-explanation-dismiss"
        aria-label={s.dismiss}
        title={s.dismiss}
        onClick={() => setDismissedId(shown.id)}
        data-testid="example-explanation-dismiss"
      >
        <span aria-hidden="true">×</span>
      </button>
    </section>
  );
}
