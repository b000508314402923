// A pool task's box, in one place: the text drawn in it, the hit its hover
// card describes, and both as plain data for tests and scripts that read the
// timeline without a pointer (the automation's debug.poolTasks). The canvas,
// the hit test and that list call the same functions, so what a test reads
// is what a learner sees.

import type { ThreadTrack, TraceModel } from "../trace/model";
import { labelText, objectName } from "../trace/names";
import { describeHit } from "./describe";
import type { Hit } from "./geometry";
import { EN_WORDS, type TimelineWords } from "./words";

/** A box this wide (px) has room for words ("items 4–7", "task #3 double(3)"); narrower, numbers only. */
const WORDS_PX = 60;

/** The hit for task `i` of `track`, cut at `endMs` where it was still running. */
export function taskHit(track: ThreadTrack, i: number, endMs: number): Extract<Hit, { kind: "task" }> {
  const t = track.tasks;
  return {
    kind: "task", ident: track.ident, index: i, startMs: t.starts.data[i], endMs: Math.min(t.ends.data[i], endMs),
    task: t.tags.data[i], poolId: t.extra(i), items: track.taskItems.data[i] ?? 0,
    chunksize: track.taskChunksizes.data[i] ?? 0, label: track.taskLabels.data[i] ?? 0, open: !Number.isFinite(t.ends.data[i]), cut: i === track.taskCut,
  };
}

/** The text in task `i`'s box, `widthPx` wide: a chunk by its items, a call by its number and what it runs. */
export function taskBoxText(model: TraceModel, track: ThreadTrack, i: number, widthPx: number, words: TimelineWords): string {
  const first = track.tasks.tags.data[i];
  const items = track.taskItems.data[i] ?? 0;
  const wide = widthPx > WORDS_PX;
  if (items > 0) return wide ? words.chunk(first, items) : items === 1 ? String(first) : `${first}–${first + items - 1}`;
  if (!wide) return `#${first}`;
  const label = track.taskLabels.data[i] ?? 0;
  return label ? `${words.task(first)} ${labelText(model, label)}` : words.task(first);
}

export interface PoolTaskBox {
  worker: string;
  pool: string;
  startMs: number;
  endMs: number;
  /** a call's number, or a chunk's first item */
  first: number;
  /** a chunk's items (0: a single call) and its chunksize (negative: map chose it; 0: not known) */
  items: number;
  chunksize: number;
  /** its text where the box has room for words, and its hover card */
  box: string;
  title: string;
  rows: [string, string][];
}

/** Every pool task box of the run, by worker and time. */
export function poolTaskBoxes(model: TraceModel, endMs: number, words: TimelineWords = EN_WORDS): PoolTaskBox[] {
  const out: PoolTaskBox[] = [];
  for (const track of model.threads.values()) {
    for (let i = 0; i < track.tasks.length; i++) {
      const hit = taskHit(track, i, endMs);
      const card = describeHit(model, hit, undefined, words)!;
      out.push({
        worker: track.name, pool: objectName(model, hit.poolId, words), startMs: hit.startMs, endMs: hit.endMs,
        first: hit.task, items: hit.items, chunksize: hit.chunksize,
        box: taskBoxText(model, track, i, Infinity, words), title: card.title, rows: card.rows,
      });
    }
  }
  return out;
}
