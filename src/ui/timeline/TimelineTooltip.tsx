// The hover card: what is under the pointer, with exact times. Positioned
// next to the pointer and kept inside the panel: its height is measured once
// drawn (a long value wraps to more lines than a row's estimate), and it
// moves up as far as it must.

import { useLayoutEffect, useRef, useState } from "react";
import type { HoverInfo } from "./timeline-view";
import { visibleText } from "../../base/visible-text";

const STATE_VARS = ["--st-starting", "--st-running", "--st-gil", "--st-blocked", "--st-waiting", "--st-sleeping", "--st-queue", "--st-done", "--st-error", "--st-stopped"];

export function TimelineTooltip({ hover, width, height }: { hover: HoverInfo | null; width: number; height: number }) {
  const card = useRef<HTMLDivElement>(null);
  const [measured, setMeasured] = useState<number | null>(null);
  useLayoutEffect(() => {
    const h = card.current?.offsetHeight ?? null;
    if (h !== measured) setMeasured(h);
  });
  if (!hover) return null;
  const { x, y, description } = hover;
  const cardWidth = 300;
  const left = x + 16 + cardWidth > width ? Math.max(4, x - 16 - cardWidth) : x + 16;
  const cardHeight = measured ?? 24 + 22 * (description.rows.length + 1);
  const top = Math.min(y + 14, Math.max(4, height - 4 - cardHeight));
  return (
    <div ref={card} className="tl-tooltip" style={{ left, top, maxWidth: cardWidth }} role="tooltip">
      <div className="tl-tooltip-title">
        {description.state >= 0 && <span className="tl-swatch" style={{ background: `var(${STATE_VARS[description.state]})` }} />}
        {visibleText(description.title)}
      </div>
      <table>
        <tbody>
          {description.rows.map(([key, value], i) => (
            <tr key={i}>
              <th>{key}</th>
              <td>{visibleText(value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
