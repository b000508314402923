// The toolbar's GIL box and switch interval. It shows the setting in force
// (gil-in-force.ts), not only the toolbar's own value: when the code's
// pragma sets the GIL, the box shows the pragma's value, says "set by the
// code" and cannot be changed (changing it would not change the run); the
// learner edits line 1 instead.

import { useMemo } from "react";
import { parsePragmas } from "../../compile/pragmas";
import { useApp, useEditorState, useRunState, useSettings } from "../state/hooks";
import { useStrings, type Strings } from "../i18n/language";
import { firstLine, gilInForce } from "./gil-in-force";

const STRINGS: Strings<{ gilTitle: string; switchEvery: string; ms: string; byCode: string; byCodeTitle: string }> = {
  en: {
    gilTitle: "Simulate CPython's global interpreter lock: one thread of a process runs at a time",
    switchEvery: "switch every", ms: "ms",
    byCode: "set by the code",
    byCodeTitle: "Line 1 of the code (// playground: gil=...) sets this; edit that line to change it",
  },
  zh: {
    gilTitle: "模拟 CPython 的全局解释器锁（GIL）：同一进程中同一时刻只有一个线程在运行",
    switchEvery: "切换间隔", ms: "毫秒",
    byCode: "由代码设定",
    byCodeTitle: "代码第 1 行（// playground: gil=...）设定了这一项；要改它，请修改那一行",
  },
};

export function GilSetting() {
  const app = useApp();
  const toolbarGil = useSettings((s) => s.gil);
  const toolbarInterval = useSettings((s) => s.switchIntervalMs);
  const running = useRunState((s) => s.inForce);
  const line1 = useEditorState((s) => firstLine(s.code));
  const codePragmas = useMemo(() => parsePragmas(line1).pragmas, [line1]);
  const shown = gilInForce({ gil: toolbarGil, switchIntervalMs: toolbarInterval }, codePragmas, running);
  const update = app.stores.settings.getState().update;
  const t = useStrings(STRINGS);
  return (
    <div className="setting" title={shown.byCode ? t.byCodeTitle : t.gilTitle} data-testid="gil-setting" data-gil-by={shown.byCode ? "code" : "toolbar"}>
      <label>
        <input
          type="checkbox"
          checked={shown.on}
          disabled={shown.byCode}
          aria-describedby={shown.byCode ? "gil-by-code" : undefined}
          onChange={(e) => update({ gil: e.target.checked })}
        />{" "}
        GIL
      </label>
      {shown.byCode && <span id="gil-by-code" className="setting-source" data-testid="gil-by-code">{t.byCode}</span>}
      {shown.on && (
        <label className="setting-interval">
          {t.switchEvery}
          <input
            type="number"
            min={1}
            max={1000}
            value={shown.switchIntervalMs}
            disabled={shown.intervalByCode}
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
