// Rectangles collected per fill colour and drawn with one path and one
// fill() per colour: a frame of thousands of bars costs a handful of canvas
// state changes (the "batch fills by colour" habit of Perfetto and DevTools).
// Buffers are kept between frames, so drawing allocates nothing once warm.

export interface RectTarget {
  fillStyle: string | CanvasGradient | CanvasPattern;
  beginPath(): void;
  rect(x: number, y: number, w: number, h: number): void;
  fill(): void;
}

class ColorRects {
  data = new Float32Array(256);
  count = 0;

  push(x: number, y: number, w: number, h: number): void {
    const at = this.count * 4;
    if (at + 4 > this.data.length) {
      const next = new Float32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[at] = x;
    this.data[at + 1] = y;
    this.data[at + 2] = w;
    this.data[at + 3] = h;
    this.count++;
  }
}

export class RectBatch {
  private readonly byColor = new Map<string, ColorRects>();
  /** rectangles added since the last flush, for the render statistics */
  added = 0;

  add(color: string, x: number, y: number, w: number, h: number): void {
    if (!(w > 0) || !(h > 0)) return;
    let rects = this.byColor.get(color);
    if (!rects) this.byColor.set(color, (rects = new ColorRects()));
    rects.push(x, y, w, h);
    this.added++;
  }

  /** Draw everything added, one fill per colour, in the order colours first appeared. */
  flush(ctx: RectTarget): void {
    for (const [color, rects] of this.byColor) {
      if (rects.count === 0) continue;
      ctx.fillStyle = color;
      ctx.beginPath();
      const d = rects.data;
      for (let i = 0, n = rects.count * 4; i < n; i += 4) ctx.rect(d[i], d[i + 1], d[i + 2], d[i + 3]);
      ctx.fill();
      rects.count = 0;
    }
    this.added = 0;
  }
}
