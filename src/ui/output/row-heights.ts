// Where each output row sits now that long lines wrap. Rows are monospace
// and break anywhere (CSS `word-break: break-all`), so a row's height is
// its text's width in columns over the columns that fit, times the line
// height: known without touching the DOM, which is what keeps the windowed
// list fast at 100k+ rows. Wide characters count two columns, tabs go to
// the next multiple of eight; where a font still disagrees (an emoji, a
// fallback font), the panel measures the rows it draws and corrects them.
//
// Heights are kept per row and summed into offsets incrementally: appending
// costs the new rows only, rows that moved (a line that went in before
// others: state/output-log.ts) the rows from there on; a new width or rows
// dropped from the front cost one pass.

export const LINE_PX = 20;

/** Display columns of `text` in a monospace font. */
export function textColumns(text: string): number {
  // Fast path (nearly every line): one column per UTF-16 unit until a tab or a wide or astral character.
  let i = 0;
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 9 || code >= 0x1100) break;
  }
  if (i === text.length) return i;
  let cols = i;
  for (const ch of text.slice(i)) {
    const code = ch.codePointAt(0)!;
    if (code === 9) cols += 8 - (cols % 8);
    else cols += isWide(code) ? 2 : 1;
  }
  return cols;
}

/** East Asian wide and fullwidth ranges, and the emoji planes. */
function isWide(code: number): boolean {
  return (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) || (code >= 0x1f300 && code <= 0x1faff) || (code >= 0x20000 && code <= 0x3fffd);
}

/** Lines a text of `cols` columns takes where `perLine` fit (at least one). */
export function wrappedLines(cols: number, perLine: number): number {
  return Math.max(1, Math.ceil(cols / Math.max(1, perLine)));
}

export class RowHeights {
  private heights = new Float64Array(0);
  /** offsets[i]: top of row i; offsets[count]: the total height */
  private offsets = new Float64Array(1);
  private count = 0;
  private perLine = 0;
  private dropped = -1;
  /** measured heights that differ from the estimate, by absolute row number (dropped + index) */
  private readonly measured = new Map<number, number>();

  /**
   * Brings the heights up to date with `texts` (the kept rows' texts, after
   * `dropped` rows left the front) at `perLine` columns a line; `movedFrom`:
   * the first row that moved since the last update.
   */
  update(texts: (i: number) => string, length: number, dropped: number, perLine: number, movedFrom = Infinity): void {
    if (movedFrom < this.count && dropped === this.dropped) {
      // Measured heights are kept by row number: those of the rows that moved no longer belong to them.
      for (const row of this.measured.keys()) if (row >= dropped + movedFrom) this.measured.delete(row);
      this.count = movedFrom;
    }
    if (perLine !== this.perLine || dropped !== this.dropped || length < this.count) {
      if (perLine !== this.perLine) this.measured.clear();
      this.perLine = perLine;
      this.dropped = dropped;
      this.count = 0;
    }
    if (length === this.count) return;
    if (this.heights.length < length) {
      const size = Math.max(length, this.heights.length * 2, 64);
      const heights = new Float64Array(size);
      heights.set(this.heights.subarray(0, this.count));
      const offsets = new Float64Array(size + 1);
      offsets.set(this.offsets.subarray(0, this.count + 1));
      this.heights = heights;
      this.offsets = offsets;
    }
    for (let i = this.count; i < length; i++) {
      const h = this.measured.get(dropped + i) ?? wrappedLines(textColumns(texts(i)), perLine) * LINE_PX;
      this.heights[i] = h;
      this.offsets[i + 1] = this.offsets[i] + h;
    }
    this.count = length;
  }

  /** A drawn row's real height; true when it differed (offsets were corrected). */
  correct(index: number, heightPx: number): boolean {
    if (index < 0 || index >= this.count || Math.abs(this.heights[index] - heightPx) < 0.5) return false;
    this.measured.set(this.dropped + index, heightPx);
    this.heights[index] = heightPx;
    for (let i = index; i < this.count; i++) this.offsets[i + 1] = this.offsets[i] + this.heights[i];
    return true;
  }

  top(index: number): number {
    return this.offsets[Math.max(0, Math.min(index, this.count))];
  }

  get totalPx(): number {
    return this.offsets[this.count];
  }

  /** The row at `y` px from the top (clamped to the rows there are). */
  indexAt(y: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.offsets[mid + 1] <= y) lo = mid + 1;
      else hi = mid;
    }
    return Math.min(lo, Math.max(0, this.count - 1));
  }
}
