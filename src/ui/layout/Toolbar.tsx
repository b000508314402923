// The bar above the panes: title, Run and Stop, the examples, the GIL
// setting, the run's status, share and embed, and the preferences. Buttons
// call the run controller; nothing is decided here.

import { useEffect, useState } from "react";
import { formatDuration, phaseLabel } from "../format";
import { RunStopButtons } from "./RunStopButtons";
import { RaceSetting } from "./RaceSetting";
import { useApp, useRunState, useSettings } from "../state/hooks";
import { ExamplesMenu } from "../examples/ExamplesMenu";
import { ShareButtons } from "../share/ShareButton";
import { Preferences } from "../preferences/Preferences";
import { useLanguage, useStrings, type Strings } from "../i18n/language";

const STRINGS: Strings<{ title: string; gilTitle: string; switchEvery: string; ms: string }> = {
  en: {
    title: "Concurrency Playground",
    gilTitle: "Simulate CPython's global interpreter lock: one thread of a process runs at a time",
    switchEvery: "switch every", ms: "ms",
  },
  zh: {
    title: "并发演练场",
    gilTitle: "模拟 CPython 的全局解释器锁（GIL）：同一进程中同一时刻只有一个线程在运行",
    switchEvery: "切换间隔", ms: "毫秒",
  },
};

export function Toolbar() {
  const t = useStrings(STRINGS);

  return (
    <header className="toolbar">
      <h1 className="title">{t.title}</h1>
      <div className="toolbar-actions">
        <RunStopButtons shortcut />
      </div>
      <ExamplesMenu />
      <GilSetting />
      <RaceSetting />
      <StatusText />
      <ShareButtons />
      <Preferences />
    </header>
  );
}

function GilSetting() {
  const app = useApp();
  const gil = useSettings((s) => s.gil);
  const switchIntervalMs = useSettings((s) => s.switchIntervalMs);
  const update = app.stores.settings.getState().update;
  const t = useStrings(STRINGS);
  return (
    <div className="setting" title={t.gilTitle}>
      <label>
        <input type="checkbox" checked={gil} onChange={(e) => update({ gil: e.target.checked })} /> GIL
      </label>
      {gil && (
        <label className="setting-interval">
          {t.switchEvery}
          <input
            type="number"
            min={1}
            max={1000}
            value={switchIntervalMs}
            onChange={(e) => {
              const ms = Number(e.target.value);
              if (Number.isFinite(ms) && ms > 0) update({ switchIntervalMs: ms });
            }}
          />
          {t.ms}
        </label>
      )}
    </div>
  );
}

export function StatusText() {
  const phase = useRunState((s) => s.phase);
  const language = useLanguage();
  const startedAt = useRunState((s) => s.startedAt);
  const durationMs = useRunState((s) => s.durationMs);
  const [now, setNow] = useState(() => performance.now());

  useEffect(() => {
    if (phase !== "running") return;
    const timer = setInterval(() => setNow(performance.now()), 100);
    return () => clearInterval(timer);
  }, [phase]);

  const elapsed = phase === "running" && startedAt !== null ? Math.max(0, now - startedAt) : durationMs;
  return (
    <div className={`status status-${phase}`} role="status" data-testid="status">
      <span className="status-dot" aria-hidden="true" />
      {phaseLabel(phase, language)}
      {elapsed !== null && phase !== "idle" && <span className="status-time">{formatDuration(elapsed)}</span>}
    </div>
  );
}
