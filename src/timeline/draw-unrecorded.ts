// The time past the trace's cap (TraceModel.cappedAtMs): the run went on,
// its figures were counted, but its events were not kept; or past the
// moment from which the run's end dropped some thread's events before they
// reached the page (TraceModel.traceCut), where nothing was counted
// either. It is hatched over every lane and says so, opaquely, so that
// nothing drawn there (a hold or a state that straddled the cap) reads as
// a record of what happened. (What setTracing(false) left out is
// draw-untraced.ts's.)

import { frameWords, type Frame } from "./frame";
import { AXIS_PX } from "./geometry";
import { hatch } from "./hatch";

export function drawUnrecorded(frame: Frame): void {
  const { input } = frame;
  const cappedAtMs = input.model.cappedAtMs;
  if (cappedAtMs === null) return;
  const { scale, heightPx } = input;
  const words = frameWords(input);
  hatch(frame, Math.max(scale.leftPx, scale.msToPx(cappedAtMs)), scale.rightPx, AXIS_PX, heightPx - AXIS_PX, input.model.traceCut ? words.notReceived : words.notRecorded);
}
