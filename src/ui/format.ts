// How times and run outcomes read on the page: one place, so the toolbar,
// the output panel and the summary line say the same thing.

import type { RunResult, RunStatus } from "../runtime/types";
import type { RunPhase } from "./state/stores";

/** A time on the run's clock, for output rows: `12.3 ms`. */
export function formatRunTime(tMs: number): string {
  return Number.isFinite(tMs) ? `${tMs.toFixed(1)} ms` : "";
}

/** A duration for the status text: `840 ms`, `3.25 s`, `2 min 5 s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "";
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms - minutes * 60_000) / 1000)} s`;
}

const STATUS_WORDS: Record<RunStatus, string> = {
  ok: "Finished",
  error: "Error",
  deadlock: "Deadlock",
  stopped: "Stopped",
  timeout: "Timed out",
};

export function phaseLabel(phase: RunPhase): string {
  if (phase === "idle") return "Ready";
  if (phase === "running") return "Running…";
  return STATUS_WORDS[phase];
}

/** The line that closes a run's output. */
export function summarize(result: RunResult): string {
  const parts = [
    STATUS_WORDS[result.status],
    formatDuration(result.durationMs),
    `exit code ${result.exitCode}`,
    result.errors.length === 1 ? "1 error" : `${result.errors.length} errors`,
  ];
  if (result.stats.droppedEvents > 0) parts.push(`${result.stats.droppedEvents} trace events dropped`);
  return parts.join(" · ");
}

/** Extra lines under the summary: the deadlock cycle, errors without a traceback line. */
export function summaryDetails(result: RunResult): string[] {
  const details: string[] = [];
  for (const edge of result.deadlock?.cycle ?? []) {
    details.push(`${edge.thread} waits for ${edge.waitsFor}, held by ${edge.heldBy}`);
  }
  const stderr = result.output.filter((line) => line.stream === "stderr").map((line) => line.text);
  for (const error of result.errors.slice(0, 20)) {
    // The runtime usually printed a traceback already; say it again only if not.
    if (stderr.some((text) => text.includes(error.message))) continue;
    const where = error.line !== undefined ? ` (line ${error.line}${error.column !== undefined ? `:${error.column}` : ""})` : "";
    details.push(`${error.thread}: ${error.message}${where}`);
  }
  return details;
}

/** "Ctrl+Enter", or "⌘+Enter" on Apple platforms. */
export function runShortcutLabel(): string {
  const platform =
    (navigator as Navigator & { userAgentData?: { platform?: string } }).userAgentData?.platform ?? navigator.platform;
  return /mac|iphone|ipad/i.test(platform) ? "⌘+Enter" : "Ctrl+Enter";
}
