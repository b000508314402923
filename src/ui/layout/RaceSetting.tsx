// The toolbar's race detector switch (API.md §11): with it on, the next run
// checks every access of shared memory and reports data races in the
// output, the editor and the timeline. Share links carry it (`race=1`).

import { useApp, useSettings } from "../state/hooks";
import { useStrings, type Strings } from "../i18n/language";

const STRINGS: Strings<{ label: string; title: string }> = {
  en: {
    label: "Race detector",
    title: "Check every access of shared variables, arrays and fields, and report two threads that touch the same one with nothing ordering them (like Go's -race). Runs slower.",
  },
  zh: {
    label: "竞争检测",
    title: "检查每次对共享变量、数组和字段的访问，报告两个线程在没有任何同步的情况下访问同一处（类似 Go 的 -race）。运行会变慢。",
  },
};

export function RaceSetting() {
  const app = useApp();
  const on = useSettings((s) => s.raceDetector);
  const update = app.stores.settings.getState().update;
  const t = useStrings(STRINGS);
  return (
    <div className="setting" title={t.title}>
      <label>
        <input type="checkbox" data-testid="race-detector" checked={on} onChange={(e) => update({ raceDetector: e.target.checked })} /> {t.label}
      </label>
    </div>
  );
}
