// Step mode's panel (API.md §10): each thread with its state and what its
// next step does ("read counter · line 5"), a button per thread that can
// run to make it take that one step, and Back, Run to end and Exit. The
// learner is the scheduler, as in The Deadlock Empire; each click replays
// the run up to the new step (controlled-session.ts), so the timeline and
// the output below show the steps so far.

import { useStore } from "zustand";
import { useApp } from "../state/hooks";
import { useLanguage, useStrings, type Strings } from "../i18n/language";
import { threadColorClass } from "../output/thread-colors";
import { encodeSchedule } from "../../runtime/control/schedule-codec";
import { controlledSession } from "./controlled-session";
import { stepRefusalText, stepText } from "./explain-words";
import { StepState } from "./StepState";
import type { StepView } from "../step-mode";
import { visibleText } from "../../base/visible-text";

type ThreadState = StepView["threads"][number]["state"];

const STRINGS: Strings<{
  title: string; hint: string; loading: string; states: Record<ThreadState, string>; line: (n: number) => string;
  step: string; stepTitle: (name: string) => string; back: string; runToEnd: string; runToEndTitle: string; exit: string;
  ended: (status: string) => string; threads: string;
}> = {
  en: {
    title: "Step mode",
    hint: "You are the scheduler: pick the thread that takes the next step.",
    loading: "Replaying the steps so far…",
    states: { runnable: "can run", blocked: "blocked", sleeping: "sleeping", done: "done" },
    line: (n) => `line ${n}`,
    step: "Step",
    stepTitle: (name) => `${name} takes its next step`,
    back: "Back",
    runToEnd: "Run to end",
    runToEndTitle: "Keep the steps taken so far and let the scheduler choose the rest",
    exit: "Exit",
    ended: (status) => `The run has ended (${status}). Go back, or exit step mode.`,
    threads: "Threads",
  },
  zh: {
    title: "单步模式",
    hint: "你来当调度器：选择由哪个线程执行下一步。",
    loading: "正在重放已走的步骤…",
    states: { runnable: "可运行", blocked: "阻塞", sleeping: "休眠", done: "已结束" },
    line: (n) => `第 ${n} 行`,
    step: "单步",
    stepTitle: (name) => `${name} 执行下一步`,
    back: "后退",
    runToEnd: "运行到结束",
    runToEndTitle: "保留已走的步骤，其余由调度器选择",
    exit: "退出",
    ended: (status) => `运行已结束（${status}）。可以后退，或退出单步模式。`,
    threads: "线程",
  },
};

const NO_STEPS = encodeSchedule([]);

export function StepPanel() {
  const session = controlledSession(useApp());
  const view = useStore(session.store, (s) => s.view);
  const busy = useStore(session.store, (s) => s.busy);
  const error = useStore(session.store, (s) => s.error);
  const language = useLanguage();
  const t = useStrings(STRINGS);
  // A refusal is shown in the panel; the promise's rejection has nothing more to say.
  const act = (action: () => Promise<unknown>) => void action().catch(() => {});

  return (
    <div className="step-panel" data-testid="step-panel" aria-busy={busy}>
      <div className="step-head">
        <p className="step-hint"><strong>{t.title}</strong> {view ? t.hint : t.loading}</p>
        <div className="step-actions">
          <button type="button" className="button" data-testid="step-back" disabled={busy || !view || view.schedule === NO_STEPS} onClick={() => act(() => session.back())}>
            ← {t.back}
          </button>
          <button type="button" className="button" data-testid="step-run-to-end" title={t.runToEndTitle} disabled={busy || !view} onClick={() => act(() => session.runToEnd())}>
            {t.runToEnd}
          </button>
          <button type="button" className="button" data-testid="step-exit" disabled={busy} onClick={() => session.exit()}>
            {t.exit}
          </button>
        </div>
      </div>
      {view && (
        <ul className="step-threads" aria-label={t.threads}>
          {view.threads.map((thread) => (
            <li key={thread.name} className={`step-thread step-${thread.state}`} data-testid="step-thread" data-thread={thread.name} data-state={thread.state}>
              <button
                type="button"
                className="button step-button"
                data-testid={`step-btn-${thread.name}`}
                title={t.stepTitle(thread.name)}
                aria-label={`${t.step} ${thread.name}`}
                disabled={busy || view.done || thread.state !== "runnable"}
                onClick={() => act(() => session.step(thread.name))}
              >
                {t.step}
              </button>
              <span className={`step-thread-name ${threadColorClass(thread.name)}`} title={visibleText(thread.name)}>{visibleText(thread.name)}</span>
              <span className="step-state">{t.states[thread.state]}</span>
              <span className="step-next" data-testid="step-next">
                {thread.state !== "done" && thread.next ? stepText(thread.next, language) : ""}
                {thread.state !== "done" && thread.line !== undefined && <span className="step-line"> · {t.line(thread.line)}</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
      {view && <StepState view={view} />}
      {view?.done && view.result && <p className="step-ended" role="status">{t.ended(view.result.status)}</p>}
      {error && <p className="step-error" role="alert" data-testid="step-error">{stepRefusalText(error, language)}</p>}
    </div>
  );
}
