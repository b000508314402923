// The bar under the toolbar while the run mode is Controlled (API.md §10):
// Step (step mode, StepPanel.tsx), Find a failing interleaving (with Stop
// while it searches, and its answer in one sentence), All outcomes (the
// distinct ways the program can end, OutcomesTable.tsx), the seed the next run
// uses, the recorded schedule a link brought, and Copy replay link (a share
// link with the last run's seed and schedule: "this exact interleaving").

import { useMemo } from "react";
import { useStore } from "zustand";
import { parsePragmas } from "../../compile/pragmas";
import { useApp, useEditorState, useRunState, useSettings } from "../state/hooks";
import { useLanguage, useStrings, type Strings } from "../i18n/language";
import { controlledInForce, firstLine } from "../layout/gil-in-force";
import { checkSetting } from "../../runtime/settings";
import { controlledSession, type SearchState } from "./controlled-session";
import { searchWords } from "./explain-words";
import { ReplayLinkButton } from "./ReplayLinkButton";
import { StepPanel } from "./StepPanel";
import { OutcomesTable } from "./OutcomesTable";
import "./controlled.css";
import { groupedCount } from "../../base/grouped-count";

const STRINGS: Strings<{
  label: string; step: string; stepTitle: string; find: string; findTitle: string; searching: string; stop: string;
  outcomes: string; outcomesTitle: string; searchingAll: string;
  seed: string; seedTitle: string; random: string; schedule: string; scheduleTitle: string; clearSchedule: string;
  tried: (n: number) => string; stopped: (n: number) => string; failed: (message: string) => string;
}> = {
  en: {
    label: "Controlled run",
    step: "Step",
    stepTitle: "Run the code one step at a time, choosing which thread goes next",
    find: "Find a failing interleaving",
    findTitle: "Try schedules with few preemptions first, then random ones, until one makes the program fail (an error, a failed assert, a deadlock)",
    searching: "Searching for a failing interleaving…",
    outcomes: "All outcomes",
    outcomesTitle: "Run every interleaving of this program (a small one) and list the different ways it can end",
    searchingAll: "Trying every interleaving…",
    stop: "Stop",
    seed: "seed",
    seedTitle: "The scheduler's seed: the same code and seed give the same interleaving every time. Empty: a new one each run",
    random: "random",
    schedule: "replays a recorded schedule",
    scheduleTitle: "Runs follow the interleaving this link recorded, step by step",
    clearSchedule: "Stop replaying the recorded schedule",
    tried: (n) => `(${groupedCount(n)} ${n === 1 ? "schedule" : "schedules"} tried)`,
    stopped: (n) => `Search stopped after ${groupedCount(n)} ${n === 1 ? "schedule" : "schedules"}.`,
    failed: (message) => `The search could not run: ${message}`,
  },
  zh: {
    label: "受控运行",
    step: "单步执行",
    stepTitle: "一次执行一步，由你选择下一步由哪个线程执行",
    find: "查找出错的交错",
    findTitle: "先尝试抢占次数少的调度，再尝试随机调度，直到某个调度让程序出错（异常、assert 失败、死锁）",
    searching: "正在查找出错的交错…",
    outcomes: "所有结果",
    outcomesTitle: "运行这个（小）程序的每一种交错，列出它可能的不同结局",
    searchingAll: "正在尝试每一种交错…",
    stop: "停止",
    seed: "种子",
    seedTitle: "调度器的种子：相同的代码和种子每次都得到相同的交错。留空：每次运行换一个",
    random: "随机",
    schedule: "重放记录的调度",
    scheduleTitle: "运行按这个链接记录的交错逐步进行",
    clearSchedule: "不再重放记录的调度",
    tried: (n) => `（尝试了 ${groupedCount(n)} 种调度）`,
    stopped: (n) => `搜索在 ${groupedCount(n)} 种调度后停止。`,
    failed: (message) => `无法进行搜索：${message}`,
  },
};

export function ControlledBar() {
  const app = useApp();
  const session = controlledSession(app);
  const stepping = useStore(session.store, (s) => s.stepping);
  const search = useStore(session.store, (s) => s.search);
  const toolbarControlled = useSettings((s) => s.controlled);
  const running = useRunState((s) => s.inForce);
  const line1 = useEditorState((s) => firstLine(s.code));
  const pragmas = useMemo(() => parsePragmas(line1).pragmas, [line1]);
  const controlled = controlledInForce({ controlled: toolbarControlled }, pragmas, running);
  const t = useStrings(STRINGS);
  if (!controlled.on && !stepping && search === null) return null;

  const searching = search?.phase === "searching";
  const act = (action: () => Promise<unknown>) => void action().catch(() => {});
  return (
    <section className="controlled-bar" aria-label={t.label} data-testid="controlled-bar">
      <div className="controlled-actions">
        {/* Kept while stepping, pressed: removed, it moved the buttons after it under the pointer. */}
        <button type="button" className="button" data-testid="step-start" title={t.stepTitle} aria-pressed={stepping} disabled={searching || stepping} onClick={() => act(() => session.start())}>
          {t.step}
        </button>
        {searching ? (
          <>
            <span className="controlled-searching" role="status">{search.mode === "outcomes" ? t.searchingAll : t.searching}</span>
            <button type="button" className="button" data-testid="find-stop" onClick={() => session.stopSearch()}>{t.stop}</button>
          </>
        ) : (
          <>
            <button type="button" className="button" data-testid="find-failure" title={t.findTitle} onClick={() => act(() => session.find())}>
              {t.find}
            </button>
            <button type="button" className="button" data-testid="all-outcomes" title={t.outcomesTitle} onClick={() => act(() => session.allOutcomes())}>
              {t.outcomes}
            </button>
          </>
        )}
        <SeedField pragmaSeed={pragmas.seed} />
        <ScheduleChip />
        <ReplayLinkButton />
      </div>
      {search?.phase === "outcomes" && <OutcomesTable found={search} onReplay={(schedule) => act(() => session.replay(schedule))} />}
      {search && search.phase !== "searching" && search.phase !== "outcomes" && <SearchAnswer search={search} t={t} />}
      {stepping && <StepPanel />}
    </section>
  );
}

function SearchAnswer({ search, t }: { search: Exclude<SearchState, { phase: "searching" | "outcomes" }>; t: (typeof STRINGS)["en"] }) {
  const language = useLanguage();
  const text =
    search.phase === "found" ? `${search.explanation} ${t.tried(search.schedulesRun)}`
      : search.phase === "none" ? searchWords(language).none(search.schedulesRun, search.exhaustive)
        : search.phase === "stopped" ? t.stopped(search.schedulesRun)
          : t.failed(search.message);
  return <p className={`controlled-answer controlled-answer-${search.phase}`} role="status" data-testid="explore-result" data-phase={search.phase}>{text}</p>;
}

/** The seed the next controlled run uses: the toolbar's (a link's, the last found failure's) or, when line 1 sets one, the code's. */
function SeedField({ pragmaSeed }: { pragmaSeed: number | undefined }) {
  const app = useApp();
  const seed = useSettings((s) => s.seed);
  const t = useStrings(STRINGS);
  const shown = pragmaSeed ?? seed;
  return (
    <label className="controlled-seed" title={t.seedTitle}>
      {t.seed}
      <input
        type="number"
        min={0}
        data-testid="seed"
        placeholder={t.random}
        value={shown ?? ""}
        disabled={pragmaSeed !== undefined}
        onChange={(e) => {
          const text = e.target.value.trim();
          const value = Number(text);
          if (text === "") app.stores.settings.setState({ seed: undefined });
          else if (checkSetting("seed", value) === null) app.stores.settings.getState().update({ seed: value });
        }}
      />
    </label>
  );
}

function ScheduleChip() {
  const app = useApp();
  const schedule = useSettings((s) => s.schedule);
  const stepping = useStore(controlledSession(app).store, (s) => s.stepping);
  const t = useStrings(STRINGS);
  // In step mode the schedule is the steps taken so far: the panel shows those.
  if (!schedule || stepping) return null;
  return (
    <span className="setting-source controlled-schedule" title={t.scheduleTitle} data-testid="schedule-chip">
      {t.schedule}
      <button type="button" className="chip-clear" aria-label={t.clearSchedule} title={t.clearSchedule} onClick={() => app.stores.settings.setState({ schedule: undefined })}>
        ×
      </button>
    </span>
  );
}
