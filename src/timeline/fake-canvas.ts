// A 2D context that records what is drawn, for unit tests of the renderer
// in Node (no canvas there): fills with their colour, text, and the
// rectangles drawing was clipped to.

export interface DrawnRect {
  color: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export function fakeContext() {
  const rects: DrawnRect[] = [];
  const texts: { text: string; x: number; y: number; color: string }[] = [];
  const clips: Omit<DrawnRect, "color">[] = [];
  let pending: Omit<DrawnRect, "color">[] = [];
  const ctx = {
    fillStyle: "#000" as unknown,
    strokeStyle: "#000" as unknown,
    lineWidth: 1,
    font: "11px sans-serif",
    textBaseline: "alphabetic",
    globalAlpha: 1,
    save() {},
    restore() {},
    clip() { clips.push(...pending); },
    beginPath() { pending = []; },
    closePath() {},
    moveTo() {},
    lineTo() {},
    bezierCurveTo() {},
    arc() {},
    stroke() {},
    setLineDash() {},
    strokeRect() {},
    rect(x: number, y: number, w: number, h: number) { pending.push({ x, y, w, h }); },
    fill() { for (const r of pending) rects.push({ ...r, color: String(ctx.fillStyle) }); },
    fillRect(x: number, y: number, w: number, h: number) { rects.push({ x, y, w, h, color: String(ctx.fillStyle) }); },
    fillText(text: string, x: number, y: number) { texts.push({ text, x, y, color: String(ctx.fillStyle) }); },
    measureText(text: string) { return { width: text.length * 6 }; },
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, rects, texts, clips };
}
