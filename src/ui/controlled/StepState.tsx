// The shared state at a step-mode pause, beside the threads: each shared
// global's value, who holds each lock and what each queue holds (its items
// oldest first, as the run recorded them), as Python Tutor shows the
// variables of a frame. A learner stepping
// through a lost update sees counter stay at 1 after both writes.

import { useStrings, type Strings } from "../i18n/language";
import type { StepView } from "../step-mode";
import { visibleText } from "../../base/visible-text";

/** items shown of one queue; the rest are counted */
const SHOWN_ITEMS = 8;

const STRINGS: Strings<{ title: string; held: (lock: string, thread: string) => string; items: (queue: string, n: number) => string; more: (n: number) => string; none: string }> = {
  en: {
    title: "Shared now", held: (lock, thread) => `${lock} held by ${thread}`,
    items: (queue, n) => `${queue}: ${n} ${n === 1 ? "item" : "items"}`, more: (n) => `and ${n} more`, none: "no shared variables or held locks",
  },
  zh: {
    title: "当前共享状态", held: (lock, thread) => `${lock} 由 ${thread} 持有`,
    items: (queue, n) => `${queue}：${n} 项`, more: (n) => `另有 ${n} 项`, none: "没有共享变量，也没有被持有的锁",
  },
};

export function StepState({ view }: { view: StepView }) {
  const t = useStrings(STRINGS);
  const empty = view.globals.length === 0 && view.locks.length === 0 && view.queues.length === 0;
  return (
    <div className="step-state-list" data-testid="step-shared" aria-label={t.title}>
      <strong>{t.title}</strong>{" "}
      {empty && <span className="step-line">{t.none}</span>}
      {view.globals.map((g) => (
        <code key={`g:${g.name}`} className="step-value" data-testid="step-global" data-name={g.name}>
          {g.name} = {String(g.value)}
        </code>
      ))}
      {view.locks.map((l) => (
        <span key={`l:${l.lock}`} className="step-value" data-testid="step-lock">{t.held(visibleText(l.lock), visibleText(l.thread))}</span>
      ))}
      {view.queues.map((q) => (
        <span key={`q:${q.queue}`} className="step-value" data-testid="step-queue" data-name={q.queue}>
          {t.items(q.queue, q.items)}
          {q.contents && q.contents.length > 0 && (
            <>
              {" "}
              <code className="step-items" data-testid="step-queue-items">
                [{q.contents.slice(0, SHOWN_ITEMS).join(", ")}{q.contents.length > SHOWN_ITEMS ? `, ${t.more(q.contents.length - SHOWN_ITEMS)}` : ""}]
              </code>
            </>
          )}
        </span>
      ))}
    </div>
  );
}
