// The timeline header's "Open in Perfetto" button, beside Export JSON.
// The work is in open-in-perfetto.ts; this shows what the learner must do
// when it cannot happen: no run has traced yet, or the browser blocked the
// new tab (then Export JSON is the way round). The button stays enabled
// before a run, unlike the other exports, so that a click says why
// nothing opened instead of doing nothing.

import { useEffect, useState } from "react";

import { useApp, useTimelineState } from "../state/hooks";
import { useLanguage, useStrings } from "../i18n/language";
import { openInPerfetto } from "./open-in-perfetto";

const STRINGS = {
  en: {
    open: "Open in Perfetto",
    openTitle: "Open this run's trace in Perfetto (ui.perfetto.dev), in a new tab",
    blocked: "The browser blocked the Perfetto tab. Allow pop-ups for this site and click again, or use Export JSON and open the file in ui.perfetto.dev.",
    empty: "There is no trace yet: run a snippet first, then open it in Perfetto.",
    dismiss: "Dismiss",
  },
  zh: {
    open: "在 Perfetto 中打开",
    openTitle: "在新标签页的 Perfetto（ui.perfetto.dev）中打开这次运行的跟踪",
    blocked: "浏览器阻止了 Perfetto 标签页。请允许本网站弹出窗口后再点一次，或者用“导出 JSON”保存文件，再在 ui.perfetto.dev 中打开它。",
    empty: "还没有跟踪数据：请先运行代码，再在 Perfetto 中打开。",
    dismiss: "关闭",
  },
};

/** Long enough to read twice; the learner can also close it. */
const NOTICE_MS = 12_000;

export function PerfettoButton() {
  const app = useApp();
  const language = useLanguage();
  const s = useStrings(STRINGS);
  const [notice, setNotice] = useState<"blocked" | "empty" | null>(null);
  const hasTrace = useTimelineState((st) => st.model !== null);
  // "run a snippet first" is stale once a run has traced.
  if (hasTrace && notice === "empty") setNotice(null);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  const open = () => {
    const outcome = openInPerfetto(app.stores, language);
    setNotice(outcome === "opened" ? null : outcome);
  };

  return (
    <>
      <button type="button" className="tl-button" onClick={open} title={s.openTitle} data-testid="open-in-perfetto">
        {s.open}
      </button>
      {notice && (
        <div className="tl-notice" role="alert" data-testid="perfetto-notice" data-notice={notice}>
          <p>{notice === "blocked" ? s.blocked : s.empty}</p>
          <button type="button" className="tl-notice-close" onClick={() => setNotice(null)} aria-label={s.dismiss} title={s.dismiss}>×</button>
        </div>
      )}
    </>
  );
}
