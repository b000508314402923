// State bars as pixel strips: one row of pixels per thread lane, written
// as 32-bit words, uploaded with one putImageData and stretched to the
// bar's height with one drawImage per lane. Zoomed out, a lane is a pixel
// of a different state every pixel or two; as rectangles that is ~15,000
// fills a frame, which a software canvas rasterises slowly (≈0.7 µs each).
// As strips it is a few hundred KB of memory writes. Bars from the LOD
// emitter are whole pixels (state-bars.ts), so a strip is exact.
// Needs OffscreenCanvas; without it (Node tests) the renderer uses rects.

export interface StripTarget {
  imageSmoothingEnabled: boolean;
  drawImage(image: OffscreenCanvas, sx: number, sy: number, sw: number, sh: number, dx: number, dy: number, dw: number, dh: number): void;
}

const rgbaCache = new Map<string, number>();

/** A CSS colour as a little-endian RGBA word (what a Uint32Array over ImageData holds); #rgb, #rrggbb, rgb() and rgba() only. */
export function rgbaWord(color: string): number {
  let word = rgbaCache.get(color);
  if (word !== undefined) return word;
  let r = 0, g = 0, b = 0, a = 255;
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  const fn = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$/i.exec(color.trim());
  if (hex) {
    const h = hex[1].length === 3 ? hex[1].replace(/./g, (c) => c + c) : hex[1];
    [r, g, b] = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
  } else if (fn) {
    [r, g, b] = [fn[1], fn[2], fn[3]].map(Number);
    if (fn[4] !== undefined) a = Math.round(255 * (fn[4].endsWith("%") ? parseFloat(fn[4]) / 100 : Number(fn[4])));
  } else {
    a = 255; // unknown syntax: opaque black rather than nothing
  }
  word = ((a << 24) | (b << 16) | (g << 8) | r) >>> 0;
  rgbaCache.set(color, word);
  return word;
}

export class BarStrips {
  private canvas: OffscreenCanvas | null = null;
  private image: ImageData | null = null;
  pixels = new Uint32Array(0);
  width = 0;
  rows = 0;

  static available(): boolean {
    return typeof OffscreenCanvas !== "undefined" && typeof ImageData !== "undefined";
  }

  /** Room for `rows` rows of `width` pixels, all transparent. */
  reset(width: number, rows: number): void {
    width = Math.max(1, Math.ceil(width));
    rows = Math.max(1, rows);
    if (!this.image || width !== this.width || rows > this.image.height) {
      this.canvas = new OffscreenCanvas(width, rows);
      this.image = new ImageData(width, rows);
      this.pixels = new Uint32Array(this.image.data.buffer);
    } else {
      this.pixels.fill(0, 0, width * rows);
    }
    this.width = width;
    this.rows = rows;
  }

  /** Colour pixels [x0, x1) of `row` (x relative to the strip's left). */
  fill(row: number, x0: number, x1: number, word: number): void {
    const from = Math.max(0, Math.round(x0));
    const to = Math.min(this.width, Math.round(x1));
    if (to > from) this.pixels.fill(word, row * this.width + from, row * this.width + to);
  }

  /** Upload the rows, ready for draw(). */
  upload(): void {
    this.canvas!.getContext("2d")!.putImageData(this.image!, 0, 0, 0, 0, this.width, this.rows);
  }

  /** Stretch `row` over the rectangle at (x, y), `height` px tall. */
  draw(ctx: StripTarget, row: number, x: number, y: number, height: number): void {
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(this.canvas!, 0, row, this.width, 1, x, y, this.width, height);
  }
}
