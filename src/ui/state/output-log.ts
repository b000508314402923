// The rows the output panel shows, kept outside React and outside immutable
// state: a run can print hundreds of thousands of lines, and copying an
// immutable array on every batch would make appending quadratic. The store
// holds this log plus a version number that changes on every append.
//
// Lines are kept in the order they were printed, as the run's result has
// them: a thread's exception comes to the page straight from the runner,
// its prints through the drainer, a moment later, so a print made before
// the exception can arrive after its traceback (and in a flood, one
// thread's chunk after another's). Such a line goes in before the later
// ones, a few rows back as a rule; `takeMoved` tells the panel from which
// row rows moved, so it re-measures from there only.

import type { OutputLine, RunStatus } from "../../runtime/types";

/** "lesson": a note on what the run did or did not show (examples/lesson-notes.ts) */
export type OutputRowKind = "line" | "summary" | "notice" | "lesson";

export interface OutputRow {
  kind: OutputRowKind;
  /** thread name; empty for summary, notice and lesson rows */
  thread: string;
  /** ms since the run started; NaN when the row has no time */
  t: number;
  text: string;
  stderr: boolean;
  /** a second or later row of one multi-line print: drawn without name and time */
  continued: boolean;
  /** the ident of the thread that printed it, where known: a renamed thread's lines carry each the name it printed under */
  ident?: number;
  /** the run's final status, on summary rows */
  status?: RunStatus;
  /** written by the playground itself, not by a thread of the snippet (one may be named "playground" too) */
  system?: true;
}

/** Rows kept in memory at most; older rows are dropped and counted (the run result keeps them all). */
export const MAX_OUTPUT_ROWS = 100_000;

/** A row's time for ordering: one with no time (a malformed line) goes last. */
function timeKey(t: number): number {
  return Number.isNaN(t) ? Infinity : t;
}

export class OutputLog {
  private readonly kept: OutputRow[] = [];
  /** rows removed from the front to stay under `maxRows` */
  dropped = 0;
  /** output lines appended since the last clear, dropped ones included */
  printed = 0;
  /** the first row that moved down since the panel last asked (Infinity: none) */
  private moved = Infinity;

  constructor(private readonly maxRows = MAX_OUTPUT_ROWS) {}

  get rows(): readonly OutputRow[] {
    return this.kept;
  }

  get length(): number {
    return this.kept.length;
  }

  clear(): void {
    this.kept.length = 0;
    this.dropped = 0;
    this.printed = 0;
    this.moved = Infinity;
  }

  /** The first row that moved since the last call (Infinity: none moved); the rows before it are as they were. */
  takeMoved(): number {
    const moved = this.moved;
    this.moved = Infinity;
    return moved;
  }

  appendLines(lines: readonly OutputLine[]): void {
    this.printed += lines.length;
    // One group of rows per line, in time order (stable); a multi-row line's rows stay together.
    const groups = lines.map((line) => {
      const stderr = line.stream === "stderr";
      // Coerced, because one malformed line must not take the panel down.
      const thread = String(line.thread ?? "");
      const full = String(line.text ?? "");
      const t = Number(line.t);
      // One row per text line keeps every row the same height, which the
      // panel's windowed rendering relies on.
      const parts = full.includes("\n") ? full.replace(/\n$/, "").split("\n") : [full];
      const system = line.system === true ? { system: true as const } : {};
      const ident = Number.isInteger(line.ident) ? { ident: line.ident } : {};
      return parts.map((text, i): OutputRow => ({ kind: "line", thread, t, text, stderr, continued: i > 0, ...system, ...ident }));
    });
    if (groups.length === 0) return;
    groups.sort((a, b) => timeKey(a[0].t) - timeKey(b[0].t));
    // After every kept line printed at or before the batch's first: the common case is the end.
    const first = timeKey(groups[0][0].t);
    const kept = this.kept;
    let at = kept.length;
    while (at > 0 && kept[at - 1].kind === "line" && timeKey(kept[at - 1].t) > first) at--;
    if (at < kept.length) this.moved = Math.min(this.moved, at);
    // Merge the rows from there with the batch, in one pass (a row kept before goes first on equal times).
    const tail = kept.splice(at);
    let i = 0;
    let g = 0;
    while (i < tail.length || g < groups.length) {
      if (g >= groups.length || (i < tail.length && timeKey(tail[i].t) <= timeKey(groups[g][0].t))) {
        do kept.push(tail[i++]); while (i < tail.length && tail[i].continued);
      } else {
        for (const row of groups[g++]) kept.push(row);
      }
    }
    this.trim();
  }

  appendSummary(text: string, status: RunStatus): void {
    this.kept.push({ kind: "summary", thread: "", t: Number.NaN, text, stderr: false, continued: false, status });
    this.trim();
  }

  appendNotice(text: string, stderr = false, kind: "notice" | "lesson" = "notice"): void {
    this.kept.push({ kind, thread: "", t: Number.NaN, text, stderr, continued: false });
    this.trim();
  }

  private trim(): void {
    const excess = this.kept.length - this.maxRows;
    // Drop in large slices so the splice cost is paid rarely.
    if (excess > 0) {
      const cut = Math.max(excess, Math.floor(this.maxRows / 10));
      this.kept.splice(0, cut);
      this.dropped += cut;
      if (this.moved !== Infinity) this.moved = Math.max(0, this.moved - cut);
    }
  }
}
