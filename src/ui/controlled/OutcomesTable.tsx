// The answer of "All outcomes" (API.md §10, explore mode "outcomes"): each
// distinct way the program can end (what it printed, and its status), how
// many of the interleavings tried end that way, and a button that replays
// one of them in the page; above it, whether those were all the
// interleavings there are. The classic table of "x can end as 1 or 2".

import { phaseLabel } from "../format";
import { useLanguage, useStrings, type Strings } from "../i18n/language";
import type { RunPhase } from "../state/stores";
import type { ExploreResult } from "../../session/explore";
import { groupedCount } from "../../base/grouped-count";

const STRINGS: Strings<{
  summary: (outcomes: number, runs: number, exhaustive: boolean) => string;
  output: string; ends: string; count: string; replay: string; replayTitle: string; nothing: string;
  unlisted: (runs: number) => string;
}> = {
  en: {
    summary: (n, runs, exhaustive) =>
      `${n} ${n === 1 ? "way" : "different ways"} to end, in ${exhaustive ? "all " : ""}${groupedCount(runs)} ${runs === 1 ? "interleaving" : "interleavings"}` +
      (exhaustive ? " (every one there is)" : " (not all there are: the search stopped at its limit)"),
    output: "Output", ends: "Ends", count: "Interleavings", replay: "Replay",
    replayTitle: "Run this interleaving in the page, step by step as it was found",
    nothing: "(prints nothing)",
    unlisted: (runs) => `${groupedCount(runs)} more ${runs === 1 ? "interleaving ends" : "interleavings end"} in ways not listed: the table keeps at most 1,000 different ways.`,
  },
  zh: {
    summary: (n, runs, exhaustive) =>
      `${n} 种不同的结局，来自${exhaustive ? "全部 " : " "}${groupedCount(runs)} 种交错` + (exhaustive ? "（已穷尽所有交错）" : "（不是全部：搜索到达上限后停止）"),
    output: "输出", ends: "结束状态", count: "交错数", replay: "重放",
    replayTitle: "在页面中按找到时的样子逐步运行这个交错",
    nothing: "（没有输出）",
    unlisted: (runs) => `另有 ${groupedCount(runs)} 种交错的结局未列出：表中最多保留 1,000 种不同的结局。`,
  },
};

export function OutcomesTable({ found, onReplay }: { found: Pick<ExploreResult, "outcomes" | "schedulesRun" | "exhaustive" | "unlistedSchedules">; onReplay: (schedule: string) => void }) {
  const t = useStrings(STRINGS);
  const language = useLanguage();
  const rows = [...found.outcomes].sort((a, b) => b.count - a.count);
  return (
    <div className="controlled-outcomes" data-testid="outcomes">
      <p className="controlled-answer" role="status" data-testid="outcomes-summary" data-exhaustive={found.exhaustive}>
        {t.summary(rows.length, found.schedulesRun, found.exhaustive)}
      </p>
      {found.unlistedSchedules ? <p className="controlled-answer" data-testid="outcomes-unlisted">{t.unlisted(found.unlistedSchedules)}</p> : null}
      <table className="outcomes-table" data-testid="outcomes-table">
        <thead>
          <tr><th scope="col">{t.output}</th><th scope="col">{t.ends}</th><th scope="col">{t.count}</th><th scope="col" aria-label={t.replay} /></tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            // (by its schedule: two long outputs may show the same first characters)
            <tr key={row.schedule || i} data-testid="outcome-row">
              <td>{row.output ? <code className="outcome-output">{row.output}</code> : <span className="tl-muted">{t.nothing}</span>}</td>
              <td>{phaseLabel(row.status as RunPhase, language)}</td>
              <td className="outcome-count">{groupedCount(row.count)}</td>
              <td>
                <button type="button" className="button" title={t.replayTitle} disabled={!row.schedule} onClick={() => onReplay(row.schedule)} data-testid="outcome-replay">
                  {t.replay}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
