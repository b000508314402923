// Run and Stop, as the full page's toolbar and the embed's slim one show
// them: they call the run controller and nothing else. `shortcut` adds the
// key hint to Run (the full page has room for it).

import { runShortcutLabel } from "../format";
import { useStrings, type Strings } from "../i18n/language";
import { useApp, useRunState } from "../state/hooks";

const STRINGS: Strings<{ run: string; runTitle: (shortcut: string) => string; cannotRun: string; stop: string; stopTitle: string }> = {
  en: {
    run: "Run", runTitle: (shortcut) => `Run (${shortcut})`, cannotRun: "Running needs a cross-origin isolated page",
    stop: "Stop", stopTitle: "Stop every thread of the run",
  },
  zh: {
    run: "运行", runTitle: (shortcut) => `运行（${shortcut}）`, cannotRun: "运行需要页面处于跨源隔离状态",
    stop: "停止", stopTitle: "停止本次运行的所有线程",
  },
};

export function RunStopButtons({ shortcut = false }: { shortcut?: boolean }) {
  const app = useApp();
  const t = useStrings(STRINGS);
  const running = useRunState((s) => s.phase === "running");
  const canRun = app.controller.canRun;
  const keys = runShortcutLabel();
  return (
    <>
      <button
        type="button"
        className="button primary"
        onClick={() => void app.controller.run()}
        disabled={!canRun}
        title={canRun ? t.runTitle(keys) : t.cannotRun}
        data-testid="run"
      >
        <span aria-hidden="true" className="icon">▶</span> {t.run} {shortcut && <kbd>{keys}</kbd>}
      </button>
      <button type="button" className="button" onClick={() => app.controller.stop()} disabled={!running} title={t.stopTitle} data-testid="stop">
        <span aria-hidden="true" className="icon">■</span> {t.stop}
      </button>
    </>
  );
}
