// The hover card: what is under the pointer, with exact times. Positioned
// next to the pointer and kept inside the panel.

import type { HoverInfo } from "./timeline-view";
import { visibleText } from "../../base/visible-text";

const STATE_VARS = ["--st-starting", "--st-running", "--st-gil", "--st-blocked", "--st-waiting", "--st-sleeping", "--st-queue", "--st-done", "--st-error", "--st-stopped"];

export function TimelineTooltip({ hover, width, height }: { hover: HoverInfo | null; width: number; height: number }) {
  if (!hover) return null;
  const { x, y, description } = hover;
  const cardWidth = 300;
  const left = x + 16 + cardWidth > width ? Math.max(4, x - 16 - cardWidth) : x + 16;
  const top = Math.min(y + 14, Math.max(4, height - 24 - 22 * (description.rows.length + 1)));
  return (
    <div className="tl-tooltip" style={{ left, top, maxWidth: cardWidth }} role="tooltip">
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
