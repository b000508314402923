// The left band: lane names (thread colour chips, group headers in bold)
// and a short figure per lane where it helps (a lock's contention, a
// queue's largest depth, a thread that ended in error or was stopped).

import { ThreadState } from "../trace/events";
import { stateName } from "../trace/names";
import { frameWords, laneTop, type Frame, threadColor } from "./frame";
import type { Lane } from "./layout";
import { fitName, textWidth } from "./text";
import { GUTTER_PX } from "./geometry";

function detail(frame: Frame, lane: Lane): { text: string; color: string } | null {
  const { model, theme } = frame.input;
  const words = frameWords(frame.input);
  if (lane.kind === "thread") {
    const t = model.threads.get(lane.id)!;
    const last = t.states.length > 0 ? t.states.data[t.states.length - 1] : -1;
    if (last === ThreadState.Error) return { text: stateName(last, words), color: theme.error };
    if (last === ThreadState.Stopped) return { text: stateName(last, words), color: theme.states[ThreadState.Stopped] };
    return null;
  }
  if (lane.kind === "lock") {
    const lock = model.locks.get(lane.id)!;
    return lock.contended > 0 ? { text: words.lockWaited(lock.contended, lock.acquisitions), color: theme.textMuted } : null;
  }
  if (lane.kind === "queue") return { text: words.max(model.queues.get(lane.id)!.maxDepth), color: theme.textMuted };
  if (lane.kind === "pool") return { text: words.max(model.pools.get(lane.id)!.maxPending), color: theme.textMuted };
  return null;
}

/** the characters of a name the gutter shows at least, beside a figure (fewer, and the figure gives way) */
const MIN_NAME_CHARS = 6;

function namesEnough(shown: string | null, name: string): boolean {
  if (shown === null) return false;
  return shown === name || shown.length >= Math.min(name.length, MIN_NAME_CHARS);
}

export function drawGutter(frame: Frame, lanes: Lane[]): void {
  const { ctx, input } = frame;
  const { theme } = input;
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, 0, GUTTER_PX, input.heightPx);
  ctx.clip();
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, GUTTER_PX, input.heightPx);
  ctx.textBaseline = "middle";
  for (const lane of lanes) {
    const top = laneTop(input, lane);
    if (lane.kind === "group") {
      ctx.fillStyle = theme.raised;
      ctx.fillRect(0, top, GUTTER_PX, lane.height);
      ctx.font = theme.fontBold;
      ctx.fillStyle = theme.text;
      const text = fitName(ctx, lane.label, GUTTER_PX - 16);
      if (text) ctx.fillText(text, 8, top + lane.height / 2);
      continue;
    }
    const middle = top + Math.min(lane.height, 24) / 2;
    const indent = 16;
    if (lane.kind === "thread") {
      // (by the thread's name, as its holds and arrows are coloured, not by its label: "X (was Y)" after a rename)
      ctx.fillStyle = threadColor(input, lane.id);
      ctx.fillRect(8, top + 5, 3, Math.min(lane.height, 24) - 10);
    }
    ctx.font = theme.font;
    let extra = detail(frame, lane);
    let extraPx = extra ? textWidth(ctx, extra.text) + 6 : 0;
    ctx.fillStyle = lane.kind === "pool" ? theme.textMuted : theme.text;
    let text = fitName(ctx, lane.label, GUTTER_PX - indent - 8 - extraPx);
    // The lane's name before its figure: a long figure ("73/600000 次需等待") left a lock lane with no name at all.
    if (extra && !namesEnough(text, lane.label)) {
      extra = null;
      extraPx = 0;
      text = fitName(ctx, lane.label, GUTTER_PX - indent - 8);
    }
    if (text) ctx.fillText(text, indent, middle);
    if (extra) {
      ctx.fillStyle = extra.color;
      ctx.fillText(extra.text, GUTTER_PX - 6 - extraPx + 6, middle);
    }
  }
  ctx.restore();
  ctx.fillStyle = theme.border;
  ctx.fillRect(GUTTER_PX - 1, 0, 1, input.heightPx);
}
