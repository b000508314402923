// Text on the canvas only where it fits: measuring is the costly part, so
// widths are cached per font and string, and a label that does not fit is
// shortened with an ellipsis or left out. Names come from the snippet: each
// is drawn made visible (base/visible-text.ts).

import { visibleText } from "../base/visible-text";

export interface TextMeasurer {
  font: string;
  measureText(text: string): { width: number };
}

const cache = new Map<string, number>();
const MAX_CACHED = 5000;

export function textWidth(ctx: TextMeasurer, text: string): number {
  const key = `${ctx.font}\u0000${text}`;
  let width = cache.get(key);
  if (width === undefined) {
    if (cache.size > MAX_CACHED) cache.clear();
    width = ctx.measureText(text).width;
    cache.set(key, width);
  }
  return width;
}

/** `text` (made visible: visibleText), or its longest prefix with "…" that fits `maxPx`, or null when not even two letters fit. */
export function fitText(ctx: TextMeasurer, raw: string, maxPx: number): string | null {
  if (maxPx <= 0) return null;
  const text = visibleText(raw);
  if (textWidth(ctx, text) <= maxPx) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (textWidth(ctx, text.slice(0, mid) + "…") <= maxPx) lo = mid;
    else hi = mid - 1;
  }
  return lo >= 2 ? text.slice(0, lo) + "…" : null;
}

/** How many of a name's last characters a shortened name keeps: "ThreadPoolExecutor-0_1" tells its lane from "…-0_2" by them. */
const NAME_TAIL = 6;

/**
 * `text` (made visible) as fitText, but a name that ends in a number is
 * shortened in the middle: numbered names of lanes differ at their ends
 * (Thread-11, Thread-12), so the end is kept ("ThreadPoolE…tor-0_1"). Null
 * when not even two letters fit.
 */
export function fitName(ctx: TextMeasurer, raw: string, maxPx: number): string | null {
  if (!/\d$/.test(raw)) return fitText(ctx, raw, maxPx);
  if (maxPx <= 0) return null;
  const text = visibleText(raw);
  if (textWidth(ctx, text) <= maxPx) return text;
  const cut = (n: number) => {
    const tail = Math.min(NAME_TAIL, n >> 1);
    return text.slice(0, n - tail) + "…" + text.slice(text.length - tail);
  };
  let lo = 0;
  let hi = text.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (textWidth(ctx, cut(mid)) <= maxPx) lo = mid;
    else hi = mid - 1;
  }
  return lo >= 2 ? cut(lo) : null;
}
