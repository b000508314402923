// The toolbar's run mode: Parallel (threads really run at once), GIL (one
// thread of a process at a time, switched every few ms, as CPython) or
// Controlled (API.md §10: one thread at a time, switched only at steps by a
// seeded scheduler, so a run can be stepped, replayed and searched). It
// shows the mode in force (gil-in-force.ts), not only the toolbar's own
// value: when the code's first-line pragma sets the GIL or controlled, the
// choice it fixes says "set by the code" and cannot be changed (changing it
// would not change the run); the learner edits line 1 instead.

import { useMemo } from "react";
import { parsePragmas } from "../../compile/pragmas";
import { useApp, useEditorState, useRunState, useSettings } from "../state/hooks";
import { useStrings, type Strings } from "../i18n/language";
import { controlledInForce, firstLine, gilInForce } from "./gil-in-force";

type Mode = "parallel" | "gil" | "controlled";

const STRINGS: Strings<{
  mode: string; parallel: string; controlled: string; titles: Record<Mode, string>;
  switchEvery: string; ms: string; byCode: string; byCodeTitle: string;
  /** what `byCode` says where the toolbar has little room (layout.css) */
  byCodeShort: string;
}> = {
  en: {
    mode: "Run mode",
    parallel: "Parallel",
    controlled: "Controlled",
    titles: {
      parallel: "Threads run at the same time on real workers, as in Java, Go or Python without a GIL",
      gil: "Simulate CPython's global interpreter lock: one thread of a process runs at a time",
      controlled: "One thread at a time, switched only at reads, writes and API calls by a seeded scheduler: step through a run, replay it from a link, or let the playground find the interleaving that breaks it",
    },
    switchEvery: "switch every", ms: "ms",
    byCode: "set by the code",
    byCodeShort: "line 1",
    byCodeTitle: "Line 1 of the code (// playground: gil=... or controlled=...) sets this; edit that line to change it",
  },
  zh: {
    mode: "运行模式",
    parallel: "并行",
    controlled: "受控",
    titles: {
      parallel: "线程在真实的 Web Worker 上同时运行，如同 Java、Go 或没有 GIL 的 Python",
      gil: "模拟 CPython 的全局解释器锁（GIL）：同一进程中同一时刻只有一个线程在运行",
      controlled: "同一时刻只运行一个线程，只在读、写和 API 调用处由带种子的调度器切换：可以单步执行、用链接重放，或让演练场找出出错的交错",
    },
    switchEvery: "切换间隔", ms: "毫秒",
    byCode: "由代码设定",
    byCodeShort: "第 1 行",
    byCodeTitle: "代码第 1 行（// playground: gil=... 或 controlled=...）设定了这一项；要改它，请修改那一行",
  },
};

export function ModeSetting() {
  const app = useApp();
  const toolbarGil = useSettings((s) => s.gil);
  const toolbarInterval = useSettings((s) => s.switchIntervalMs);
  const toolbarControlled = useSettings((s) => s.controlled);
  const running = useRunState((s) => s.inForce);
  const line1 = useEditorState((s) => firstLine(s.code));
  const codePragmas = useMemo(() => parsePragmas(line1).pragmas, [line1]);
  const gil = gilInForce({ gil: toolbarGil, switchIntervalMs: toolbarInterval }, codePragmas, running);
  const controlled = controlledInForce({ controlled: toolbarControlled }, codePragmas, running);
  const settings = app.stores.settings;
  const t = useStrings(STRINGS);
  const mode: Mode = controlled.on ? "controlled" : gil.on ? "gil" : "parallel";

  // What a choice may be: everything is fixed when the code sets controlled;
  // when it sets only the GIL, the GIL choice it fixes stays open (it is the
  // way back from Controlled) and the other is closed.
  const disabled = (choice: Mode): boolean => {
    if (controlled.byCode) return true;
    if (choice === "controlled" || !gil.byCode) return false;
    const matches = (choice === "gil") === gil.on;
    return !matches || !controlled.on;
  };
  const choose = (choice: Mode) => {
    if (choice === "controlled") settings.getState().update({ controlled: true });
    // A seed or a recorded schedule means something to controlled runs only: leaving them drops the schedule.
    else settings.setState({ controlled: false, gil: choice === "gil", schedule: undefined });
  };
  const byCode = controlled.byCode || (gil.byCode && mode !== "controlled");
  const choices: { id: Mode; label: string }[] = [
    { id: "parallel", label: t.parallel },
    { id: "gil", label: "GIL" },
    { id: "controlled", label: t.controlled },
  ];

  return (
    <div className="setting mode-setting" title={byCode ? t.byCodeTitle : undefined} data-testid="gil-setting" data-gil-by={gil.byCode ? "code" : "toolbar"} data-mode={mode}>
      <div className="mode-choices" role="radiogroup" aria-label={t.mode} aria-describedby={byCode ? "gil-by-code" : undefined}>
        {choices.map((choice) => (
          <label key={choice.id} className={`mode-choice${mode === choice.id ? " mode-chosen" : ""}`} title={byCode ? t.byCodeTitle : t.titles[choice.id]}>
            <input
              type="radio"
              name="run-mode"
              value={choice.id}
              data-testid={`mode-${choice.id}`}
              checked={mode === choice.id}
              disabled={disabled(choice.id)}
              onChange={() => choose(choice.id)}
            />
            {choice.label}
          </label>
        ))}
      </div>
      {byCode && <span id="gil-by-code" className="setting-source" data-testid="gil-by-code">{t.byCode}</span>}
      {byCode && <span className="setting-source-short" aria-hidden="true">{t.byCodeShort}</span>}
      {mode === "gil" && (
        <label className="setting-interval" title={`${t.switchEvery} ${gil.switchIntervalMs} ${t.ms}`}>
          <span className="setting-interval-label">{t.switchEvery}</span>
          <input
            type="number"
            min={1}
            max={1000}
            value={gil.switchIntervalMs}
            disabled={gil.intervalByCode}
            onChange={(e) => {
              const ms = Number(e.target.value);
              if (Number.isFinite(ms) && ms > 0) settings.getState().update({ switchIntervalMs: ms });
            }}
          />
          <span className="setting-interval-unit">{t.ms}</span>
        </label>
      )}
    </div>
  );
}
