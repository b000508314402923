// The dense rows of a frame — thread state bars, lock holds, lock waits —
// painted as pixel strips (strip.ts) when the canvas can, else as batched
// rectangles. Strips are rebuilt only when what they show changed (window,
// model, theme, words, lanes in view), so a redraw for hover reuses them;
// their labels are kept with them, so a language switch rebuilds them too.

import type { TraceModel } from "../trace/model";
import { emitLockLane } from "./draw-objects";
import { kindInfo, kindOf } from "../trace/object-kinds";
import { emitStateBars } from "./draw-threads";
import { frameWords, laneTop, type Frame } from "./frame";
import { LANE, threadRows, type Lane } from "./layout";
import type { StateBarEmitter } from "./state-bars";
import { BarStrips, rgbaWord } from "./strip";
import type { TimelineTheme } from "./theme";
import type { TimelineWords } from "./words";
import { ThreadState } from "../trace/events";
import { LOCK_HOLD_PX, LOCK_HOLD_Y, LOCK_WAIT_Y, SHARED_ROWS, type BarLabel } from "./geometry";

/** One painted row: where it goes in its lane, how tall, and its text. */
interface Row {
  /** its row in the strips */
  index: number;
  lane: Lane;
  y: number;
  height: number;
  labels: BarLabel[];
}

/** A lane's painted rows: a thread's state bar; a lock's waits, then its holds (several thin rows for a shared lock). */
function rowsOf(lane: Lane): { y: number; height: number }[] {
  if (lane.kind === "thread") return [{ y: threadRows(lane).barY, height: LANE.bar }];
  const rows = [{ y: LOCK_WAIT_Y, height: 3 }];
  if (!kindInfo(kindOf(lane.id)).shared) return [...rows, { y: LOCK_HOLD_Y, height: LOCK_HOLD_PX }];
  const thin = Math.floor(LOCK_HOLD_PX / SHARED_ROWS);
  for (let k = 0; k < SHARED_ROWS; k++) rows.push({ y: LOCK_HOLD_Y + k * thin, height: thin - 1 });
  return rows;
}

export class BarRows {
  private readonly strips = BarStrips.available() ? new BarStrips() : null;
  private key: { model: TraceModel; theme: TimelineTheme; words: TimelineWords; text: string } | null = null;
  private rows: Row[] = [];

  constructor(private readonly emitter: StateBarEmitter) {}

  draw(frame: Frame, lanes: Lane[]): void {
    const dense = lanes.filter((lane) => lane.kind === "thread" || lane.kind === "lock");
    const { ctx, input } = frame;
    if (!this.strips || !("drawImage" in ctx)) {
      this.paint(frame, dense, (row, x0, x1, color) => frame.batch.add(color, x0, laneTop(input, row.lane) + row.y, x1 - x0, row.height));
    } else {
      const strips = this.strips;
      const { scale, model, theme } = input;
      const text = `${model.eventCount}|${model.structureVersion}|${scale.startMs}|${scale.endMs}|${scale.leftPx}|${scale.rightPx}|${input.untilMs}|${dense.map((l) => `${l.kind}${l.id}`).join(",")}`;
      const words = frameWords(input);
      const key = this.key;
      if (!key || key.model !== model || key.theme !== theme || key.words !== words || key.text !== text) {
        this.key = { model, theme, words, text };
        strips.reset(scale.widthPx, dense.reduce((n, lane) => n + rowsOf(lane).length, 0));
        const left = scale.leftPx;
        this.paint(frame, dense, (row, x0, x1, color) => strips.fill(row.index, x0 - left, x1 - left, rgbaWord(color)));
        strips.upload();
      }
      for (const row of this.rows) strips.draw(ctx, row.index, scale.leftPx, laneTop(input, row.lane) + row.y, row.height);
    }
    for (const row of this.rows) {
      const y = laneTop(input, row.lane) + row.y + row.height / 2;
      for (const l of row.labels) frame.labels.push({ ...l, y });
    }
  }

  /** Lay out the rows of `lanes` and send every bar of every row to `fill`. */
  private paint(frame: Frame, lanes: Lane[], fill: (row: Row, x0: number, x1: number, color: string) => void): void {
    const { model, theme } = frame.input;
    this.rows = [];
    for (const lane of lanes) {
      const rows = rowsOf(lane).map(({ y, height }) => {
        const row: Row = { index: this.rows.length, lane, y, height, labels: [] };
        this.rows.push(row);
        return row;
      });
      if (lane.kind === "thread") {
        emitStateBars(frame, model.threads.get(lane.id)!, this.emitter, (x0, x1, state) => fill(rows[0], x0, x1, theme.states[state]), rows[0].labels);
      } else {
        const [waits, ...holds] = rows;
        const waitColor = theme.states[ThreadState.Blocked];
        const paintHold = (x0: number, x1: number, color: string, row: number) => {
          if (row < 0 || holds.length === 1) for (const hold of holds) fill(hold, x0, x1, color);
          else fill(holds[row], x0, x1, color);
        };
        emitLockLane(frame, model.locks.get(lane.id)!, paintHold, (x0, x1) => fill(waits, x0, x1, waitColor), holds[0].labels);
      }
    }
  }
}

