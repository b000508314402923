// The spans in which a thread had its per-operation events off
// (setTracing(false): trace/model-untraced.ts). Its states were still
// recorded, but not its acquires, releases, puts and gets, so only the
// object lanes are hatched there, and see-through: what the other threads
// recorded is drawn and true, but the lane may miss that thread's part (a
// hold that seems to last through such a span, or a depth that seems to
// stay), and says whose.
//
// Each lane's hatch runs on past the span while what is drawn there still
// rests on what it left out (unknownUntil); the spans of a lane are merged
// where they meet, or come within MERGE_PX of each other, so that a
// thread toggling its tracing costs a frame a few hatches, not one per
// toggle.

import type { TraceModel } from "../trace/model";
import { lowerBound, upperBound } from "../trace/model-series";
import type { UntracedSpan } from "../trace/model-untraced";
import { threadName } from "../trace/names";
import type { Lane } from "./layout";
import { frameWords, laneTop, type Frame } from "./frame";
import { hatch } from "./hatch";

const MERGE_PX = 4;

export function drawUntraced(frame: Frame, visible: Lane[]): void {
  const { input } = frame;
  const { scale, model } = input;
  const { spans, full } = model.untraced;
  if (spans.length === 0) return;
  const words = frameWords(input);
  for (const lane of visible) {
    if (lane.kind !== "lock" && lane.kind !== "queue" && lane.kind !== "pool") continue;
    const pieces: { x0: number; x1: number; ident: number }[] = [];
    for (const span of spans) {
      // (Culled to the view before what it leaves unknown is looked up: that searches the lane's holds.)
      const x0 = scale.msToPx(span.from);
      if (x0 >= scale.rightPx) continue;
      const x1 = scale.msToPx(Math.min(unknownUntil(model, lane, span), input.untilMs));
      if (x1 > scale.leftPx) pieces.push({ x0, x1, ident: span.ident });
    }
    pieces.sort((a, b) => a.x0 - b.x0);
    let run: { x0: number; x1: number; idents: Set<number> } | null = null;
    const flush = () => {
      if (!run) return;
      const [only] = run.idents;
      const text = !full && run.idents.size === 1 ? words.notTraced(threadName(model, only)) : words.notTracedMany;
      hatch(frame, Math.max(run.x0, scale.leftPx), Math.min(Math.max(run.x1, run.x0 + 2), scale.rightPx), laneTop(input, lane), lane.height, text, false);
    };
    for (const piece of pieces) {
      if (run && piece.x0 <= run.x1 + MERGE_PX) {
        run.x1 = Math.max(run.x1, piece.x1);
        run.idents.add(piece.ident);
        continue;
      }
      flush();
      run = { x0: piece.x0, x1: piece.x1, idents: new Set([piece.ident]) };
    }
    flush();
  }
}

/**
 * Until when an object lane is not a record because of `span`: its end;
 * for a lock, on to its next hold that is recorded to begin after it (a
 * hold the thread took unrecorded may last until then), and to the end of
 * a hold the thread had as its events went off, as drawn (its release went
 * unrecorded); for a queue, its next recorded put or get (the depth drawn
 * until then is the one before the span's unrecorded puts and gets).
 */
function unknownUntil(model: TraceModel, lane: Lane, span: UntracedSpan): number {
  let until = span.to;
  if (lane.kind === "lock") {
    const lock = model.locks.get(lane.id);
    const own = lock?.holds.get(span.ident);
    const i = own ? upperBound(own.starts.data, own.length, span.from) - 1 : -1;
    if (own && i >= 0 && own.ends.data[i] > span.from) until = Math.max(until, own.ends.data[i]);
    let next = Infinity;
    for (const list of lock?.holds.values() ?? []) {
      const k = lowerBound(list.starts.data, list.length, span.to);
      if (k < list.length) next = Math.min(next, list.starts.data[k]);
    }
    until = Math.max(until, next);
  } else if (lane.kind === "queue") {
    const queue = model.queues.get(lane.id);
    let next = Infinity;
    for (const log of queue ? [queue.puts, queue.gets] : []) {
      log.ensureSorted();
      const k = lowerBound(log.times.data, log.length, span.to);
      if (k < log.length) next = Math.min(next, log.times.data[k]);
    }
    until = Math.max(until, next);
  }
  return until;
}
