// How times and run outcomes read on the page: one place, so the toolbar,
// the output panel and the summary line say the same thing.

import type { RunResult } from "../runtime/types";
import { currentLanguage, type Language, type Strings } from "./i18n/language";
import type { RunPhase } from "./state/stores";
import { localizeCompilerMessage } from "./editor/compiler-words";

/** Under 0.1 ms, in µs: a controlled run's virtual clock counts a µs a step, which "0.0 ms" would hide. */
function microseconds(ms: number): string | null {
  return ms > 0 && ms < 0.1 ? `${Math.round(ms * 1000)} µs` : null;
}

/** A time on the run's clock, for output rows: `12.3 ms`, `14 µs`. */
export function formatRunTime(tMs: number): string {
  return Number.isFinite(tMs) ? (microseconds(tMs) ?? `${tMs.toFixed(1)} ms`) : "";
}

/** A duration for the status text: `15 µs`, `840 ms`, `3.25 s`, `2 min 5 s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "";
  const small = microseconds(ms);
  if (small) return small;
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms - minutes * 60_000) / 1000)} s`;
}

/**
 * A run's time in the toolbar's status: as formatDuration up to a minute,
 * then minutes:seconds ("2:05"), which is no wider than "59.9 s": the
 * status keeps one width (layout.css), so the toolbar never wraps mid-run.
 */
export function formatElapsed(ms: number): string {
  if (!(ms >= 60_000)) return formatDuration(ms);
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

const WORDS: Strings<{
  phases: Record<RunPhase, string>;
  exitCode: (code: number) => string;
  errors: (n: number) => string;
  dropped: (n: number) => string;
  waits: (thread: string, what: string, holder: string) => string;
  at: (line: number, column?: number) => string;
  controlled: (seed: number, steps: number, preemptions: number) => string;
  paused: string;
  /** the status of step mode's pause (its run ended "stopped" at the next step) */
  pausedPhase: string;
}> = {
  en: {
    phases: { idle: "Ready", running: "Running…", ok: "Finished", error: "Error", deadlock: "Deadlock", stopped: "Stopped", timeout: "Timed out" },
    exitCode: (code) => `exit code ${code}`,
    errors: (n) => (n === 1 ? "1 error" : `${n} errors`),
    dropped: (n) => `${n} trace events dropped`,
    waits: (thread, what, holder) => (what === holder ? `${thread} waits for ${what} to finish` : `${thread} waits for ${what}, held by ${holder}`),
    at: (line, column) => ` (line ${line}${column !== undefined ? `:${column}` : ""})`,
    paused: "Paused: pick the thread that takes the next step",
    pausedPhase: "Paused",
    controlled: (seed, steps, preemptions) =>
      `controlled: seed ${seed} · ${steps} ${steps === 1 ? "step" : "steps"} · ${preemptions} ${preemptions === 1 ? "preemption" : "preemptions"}`,
  },
  zh: {
    phases: { idle: "就绪", running: "运行中…", ok: "已完成", error: "出错", deadlock: "死锁", stopped: "已停止", timeout: "超时" },
    exitCode: (code) => `退出码 ${code}`,
    errors: (n) => `${n} 个错误`,
    dropped: (n) => `丢失 ${n} 个跟踪事件`,
    waits: (thread, what, holder) => (what === holder ? `${thread} 在等待 ${what} 结束` : `${thread} 在等待 ${what}，它被 ${holder} 持有`),
    at: (line, column) => `（第 ${line} 行${column !== undefined ? `，第 ${column} 列` : ""}）`,
    paused: "已暂停：选择下一步由哪个线程执行",
    pausedPhase: "已暂停",
    controlled: (seed, steps, preemptions) => `受控运行：种子 ${seed} · ${steps} 步 · ${preemptions} 次抢占`,
  },
};

/** `paused`: the run is step mode's pause, which ended "stopped" only to go on from there. */
export function phaseLabel(phase: RunPhase, language: Language = currentLanguage(), paused = false): string {
  return paused && phase === "stopped" ? WORDS[language].pausedPhase : WORDS[language].phases[phase];
}

/** The line that closes a run's output. */
/** `paused`: a step-mode run that stopped at its next step, which is no failure to report an exit code for. */
export function summarize(result: RunResult, language: Language = currentLanguage(), paused = false): string {
  const words = WORDS[language];
  const parts = paused ? [words.paused] : [words.phases[result.status], formatDuration(result.durationMs), words.exitCode(result.exitCode), words.errors(result.errors.length)];
  if (result.stats.droppedEvents > 0) parts.push(words.dropped(result.stats.droppedEvents));
  // A controlled run says what replays it: its seed, and how long and how switchy its schedule was.
  if (result.seed !== undefined) parts.push(words.controlled(result.seed, result.steps ?? 0, result.preemptions ?? 0));
  return parts.join(" · ");
}

/** Extra lines under the summary: the deadlock cycle, errors without a traceback line. */
export function summaryDetails(result: RunResult, language: Language = currentLanguage()): string[] {
  const details: string[] = [];
  for (const edge of result.deadlock?.cycle ?? []) details.push(WORDS[language].waits(edge.thread, edge.waitsFor, edge.heldBy));
  const stderr = result.output.filter((line) => line.stream === "stderr").map((line) => line.text);
  for (const error of result.errors.slice(0, 20)) {
    // The runtime usually printed a traceback already; say it again only if not.
    if (stderr.some((text) => text.includes(error.message))) continue;
    const where = error.line !== undefined ? WORDS[language].at(error.line, error.column) : "";
    details.push(`${error.thread}: ${localizeCompilerMessage(error.message, language)}${where}`);
  }
  return details;
}

/** "Ctrl+Enter", or "⌘+Enter" on Apple platforms. */
export function runShortcutLabel(): string {
  const platform =
    (navigator as Navigator & { userAgentData?: { platform?: string } }).userAgentData?.platform ?? navigator.platform;
  return /mac|iphone|ipad/i.test(platform) ? "⌘+Enter" : "Ctrl+Enter";
}
