// What the timeline tells the page about the pointer (timeline-view.ts
// draws, then reports): the hover card's text for what is under it, with
// the nearest printed line of that thread and the snippet's source line,
// and the editor's link to that line. Told only when it changed: a live run
// redraws many times a second, and the page re-renders its card for each
// report.

import type { TraceModel } from "../../trace/model";
import { describeHit, type HitDescription } from "../../timeline/describe";
import type { Hit } from "../../timeline/geometry";
import type { TimelineWords } from "../../timeline/words";
import type { PlaygroundStores } from "../state/stores";
import { nearestOutputRow } from "./output-link";
import type { TimelineReader } from "./timeline-reader";

export interface HoverInfo {
  x: number;
  y: number;
  description: HitDescription;
}

export class HoverReport {
  private lastKey = "";

  constructor(
    private readonly onHover: (info: HoverInfo | null) => void,
    private readonly reader: TimelineReader,
    private readonly stores: PlaygroundStores,
  ) {}

  /** The pointer at `pointer` is over `hit` of `model` (or over nothing): tell the page if that changed. */
  report(model: TraceModel, pointer: { x: number; y: number } | null, hit: Hit | null, words: TimelineWords): void {
    if (!pointer || !hit) {
      if (this.lastKey !== "") {
        this.onHover(null);
        this.reader.linkToSource(null, false);
      }
      this.lastKey = "";
      return;
    }
    const log = this.stores.run.getState().output;
    const description = describeHit(model, hit, (ident, tMs) => {
      const name = model.threads.get(ident)?.name ?? "";
      const i = nearestOutputRow(log.rows, ident, name, tMs);
      return i >= 0 ? log.rows[i].text : null;
    }, words);
    const sourceRow = this.reader.sourceRow(hit);
    if (description && sourceRow) description.rows.push(sourceRow);
    const key = description ? `${pointer.x},${pointer.y},${JSON.stringify(description)}` : "";
    if (key === this.lastKey) return;
    this.lastKey = key;
    this.reader.linkToSource(hit, false);
    this.onHover(description ? { x: pointer.x, y: pointer.y, description } : null);
  }
}
