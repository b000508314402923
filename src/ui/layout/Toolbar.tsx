// The bar above the panes: title, Run and Stop, the GIL setting, and the
// run's status. Buttons call the run controller; nothing is decided here.

import { useEffect, useState } from "react";
import { formatDuration, phaseLabel, runShortcutLabel } from "../format";
import { useApp, useRunState, useSettings } from "../state/hooks";

export function Toolbar() {
  const app = useApp();
  const phase = useRunState((s) => s.phase);
  const running = phase === "running";
  const canRun = app.controller.canRun;
  const shortcut = runShortcutLabel();

  return (
    <header className="toolbar">
      <h1 className="title">Concurrency Playground</h1>
      <div className="toolbar-actions">
        <button
          type="button"
          className="button primary"
          onClick={() => void app.controller.run()}
          disabled={!canRun}
          title={canRun ? `Run (${shortcut})` : "Running needs a cross-origin isolated page"}
          data-testid="run"
        >
          <span aria-hidden="true" className="icon">▶</span> Run <kbd>{shortcut}</kbd>
        </button>
        <button
          type="button"
          className="button"
          onClick={() => app.controller.stop()}
          disabled={!running}
          title="Stop every thread of the run"
          data-testid="stop"
        >
          <span aria-hidden="true" className="icon">■</span> Stop
        </button>
      </div>
      <GilSetting />
      <StatusText />
    </header>
  );
}

function GilSetting() {
  const app = useApp();
  const gil = useSettings((s) => s.gil);
  const switchIntervalMs = useSettings((s) => s.switchIntervalMs);
  const update = app.stores.settings.getState().update;
  return (
    <div className="setting" title="Simulate CPython's global interpreter lock: one thread of a process runs at a time">
      <label>
        <input type="checkbox" checked={gil} onChange={(e) => update({ gil: e.target.checked })} /> GIL
      </label>
      {gil && (
        <label className="setting-interval">
          switch every
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
          ms
        </label>
      )}
    </div>
  );
}

function StatusText() {
  const phase = useRunState((s) => s.phase);
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
      {phaseLabel(phase)}
      {elapsed !== null && phase !== "idle" && <span className="status-time">{formatDuration(elapsed)}</span>}
    </div>
  );
}
