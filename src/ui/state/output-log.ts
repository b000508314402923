// The rows the output panel shows, kept outside React and outside immutable
// state: a run can print hundreds of thousands of lines, and copying an
// immutable array on every batch would make appending quadratic. The store
// holds this log plus a version number that changes on every append.
//
// Lines are kept in the order they were printed, as the run's result has
// them: a thread's exception comes to the page straight from the runner,
// its prints through the drainer, a moment later, so a print made before
// the exception can arrive after its traceback. Such a line goes in before
// the later ones (rare, and counted in `reordered`, which tells the panel
// that rows moved); every other line is appended.

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
  /** the run's final status, on summary rows */
  status?: RunStatus;
}

/** Rows kept in memory at most; older rows are dropped and counted (the run result keeps them all). */
export const MAX_OUTPUT_ROWS = 100_000;

export class OutputLog {
  private readonly kept: OutputRow[] = [];
  /** rows removed from the front to stay under `maxRows` */
  dropped = 0;
  /** output lines appended since the last clear, dropped ones included */
  printed = 0;
  /** times a line went in before rows already kept (the rows after it moved down) */
  reordered = 0;

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
    this.reordered = 0;
  }

  appendLines(lines: readonly OutputLine[]): void {
    this.printed += lines.length;
    for (const line of lines) {
      const stderr = line.stream === "stderr";
      // Coerced, because one malformed line must not take the panel down.
      const thread = String(line.thread ?? "");
      const full = String(line.text ?? "");
      const t = Number(line.t);
      // One row per text line keeps every row the same height, which the
      // panel's windowed rendering relies on.
      const parts = full.includes("\n") ? full.replace(/\n$/, "").split("\n") : [full];
      const rows = parts.map((text, i): OutputRow => ({ kind: "line", thread, t, text, stderr, continued: i > 0 }));
      // After every kept line printed at or before it (a multi-row line's rows share its time, so none is split).
      let at = this.kept.length;
      while (at > 0 && this.kept[at - 1].kind === "line" && this.kept[at - 1].t > t) at--;
      if (at === this.kept.length) {
        for (const row of rows) this.kept.push(row);
      } else {
        this.kept.splice(at, 0, ...rows);
        this.reordered++;
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
    }
  }
}
