// The bar above the panes: title, Run and Stop, the examples, the run mode
// setting, the run's status, share and embed, and the preferences. Buttons
// call the run controller; nothing is decided here.

import { useEffect, useState } from "react";
import { formatElapsed, phaseLabel } from "../format";
import { RunStopButtons } from "./RunStopButtons";
import { RaceSetting } from "./RaceSetting";
import { useRunState } from "../state/hooks";
import { ModeSetting } from "./ModeSetting";
import { ExamplesMenu } from "../examples/ExamplesMenu";
import { ShareButtons } from "../share/ShareButton";
import { Preferences } from "../preferences/Preferences";
import { useLanguage, useStrings, type Strings } from "../i18n/language";

const STRINGS: Strings<{ title: string }> = {
  en: { title: "Concurrency Playground" },
  zh: { title: "并发演练场" },
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
      <ModeSetting />
      <RaceSetting />
      <StatusText />
      <ShareButtons />
      <Preferences />
    </header>
  );
}

export function StatusText() {
  const phase = useRunState((s) => s.phase);
  const language = useLanguage();
  const startedAt = useRunState((s) => s.startedAt);
  const durationMs = useRunState((s) => s.durationMs);
  const paused = useRunState((s) => s.paused);
  const [now, setNow] = useState(() => performance.now());

  useEffect(() => {
    if (phase !== "running") return;
    // Four times a second: each tick is a render, a layout and a frame, taken from the run's threads.
    const timer = setInterval(() => setNow(performance.now()), 250);
    return () => clearInterval(timer);
  }, [phase]);

  const elapsed = phase === "running" && startedAt !== null ? Math.max(0, now - startedAt) : durationMs;
  return (
    <div className={`status status-${paused && phase === "stopped" ? "paused" : phase}`} role="status" data-testid="status">
      <span className="status-dot" aria-hidden="true" />
      {phaseLabel(phase, language, paused)}
      {elapsed !== null && phase !== "idle" && <span className="status-time">{formatElapsed(elapsed)}</span>}
    </div>
  );
}
