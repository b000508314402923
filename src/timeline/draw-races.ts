// Data races on the timeline (API.md §11): both accesses of each race the
// detector reported, as red diamonds on their threads' bars at the moment
// they happened, joined by a dashed red line, and the variable's name by the
// later one. Nothing joins them on the timeline otherwise: no arrow of a
// lock, queue or join runs between the two, which is the point.

import { LANE } from "./layout";
import { threadBarMiddle, type Frame, type TimelineRace } from "./frame";

/** more than this many and the chart would be red confetti: the output lists them all */
const MAX_DRAWN = 40;
const SIZE = 5;

export function drawRaces(frame: Frame): void {
  const { ctx, input, labels } = frame;
  const races = input.races;
  if (!races || races.length === 0) return;
  const { model, scale, theme } = input;
  const byName = new Map([...model.threads.values()].map((t) => [t.name, t.ident]));
  const point = (a: TimelineRace["first"]): [number, number] | null => {
    const ident = byName.get(a.thread);
    const y = ident === undefined ? null : threadBarMiddle(input, ident, LANE.pad, LANE.bar);
    const x = scale.msToPx(a.t);
    return y === null || x < scale.leftPx - SIZE || x > scale.rightPx + SIZE ? null : [x, y];
  };
  ctx.save();
  ctx.strokeStyle = ctx.fillStyle = theme.error;
  ctx.lineWidth = 1.5;
  for (const race of races.slice(0, MAX_DRAWN)) {
    const a = point(race.first);
    const b = point(race.second);
    if (a && b) {
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.moveTo(a[0], a[1]);
      ctx.lineTo(b[0], b[1]);
      ctx.stroke();
      ctx.setLineDash([]);
    }
    for (const p of [a, b]) {
      if (!p) continue;
      ctx.beginPath();
      ctx.moveTo(p[0], p[1] - SIZE);
      ctx.lineTo(p[0] + SIZE, p[1]);
      ctx.lineTo(p[0], p[1] + SIZE);
      ctx.lineTo(p[0] - SIZE, p[1]);
      ctx.closePath();
      ctx.fill();
    }
    const last = b ?? a;
    if (last) labels.push({ x: last[0] + SIZE + 2, y: last[1] - LANE.bar / 2 - 4, maxPx: 160, text: `${input.words?.race ?? "race"}: ${race.variable}`, color: theme.error, background: theme.background });
  }
  ctx.restore();
}
