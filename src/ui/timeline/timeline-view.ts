// The timeline's canvas, outside React: the one requestAnimationFrame owner
// that redraws when the model or the view changed (while a run is live,
// since "now" moves, paced: draw-pacing.ts), the canvas sized to its box at
// the device's pixel ratio, hover hit-testing (told to the page by
// hover-report.ts), and the links to and from the output.
// Input handling (timeline-input.ts) only changes the viewport and asks
// for a frame. The canvas and the hover card speak the page's language:
// a switch re-lays out the lanes (their labels are words too) and redraws.

import { onColorSchemeChange } from "../color-scheme";
import { currentLanguage, languageStore, type Strings } from "../i18n/language";
import type { StoreApi } from "zustand/vanilla";
import type { TraceModel } from "../../trace/model";
import { type FrameInput } from "../../timeline/frame";
import { hitTest } from "../../timeline/hit-test";
import { layoutLanes, type TimelineLayout } from "../../timeline/layout";
import { TimelineRenderer, type RenderStats } from "../../timeline/render";
import type { TimelineTheme } from "../../timeline/theme";
import { EN_WORDS, ZH_WORDS, type TimelineWords } from "../../timeline/words";
import type { PlaygroundStores } from "../state/stores";
import type { TimelineState } from "../state/timeline-store";
import { themeFromCss } from "./theme-from-css";
import { frameViewport, initialViewport, reveal, type Viewport } from "./viewport";
import { installInput } from "./timeline-input";
import { nearestOutputRow } from "./output-link";
import { AXIS_PX, GUTTER_PX, type Hit } from "../../timeline/geometry";
import { laneAt } from "../../timeline/layout";
import { createReadingStore, type ReadingStore } from "./reading-store";
import { TimelineReader } from "./timeline-reader";
import { DrawPacing } from "./draw-pacing";
import { HoverReport, type HoverInfo } from "./hover-report";

export type { HoverInfo } from "./hover-report";

export interface ViewCallbacks {
  onHover(info: HoverInfo | null): void;
  onFollowChange(follow: boolean): void;
}

/** The timeline's words (words.ts) per interface language. */
export const TIMELINE_WORDS: Strings<TimelineWords> = { en: EN_WORDS, zh: ZH_WORDS };

/** How long a revealed moment stays highlighted, fading out. */
const HIGHLIGHT_MS = 2500;

export class TimelineView {
  view: Viewport = initialViewport(GUTTER_PX, 800);
  readonly renderer = new TimelineRenderer();
  lastStats: RenderStats | null = null;
  private readonly ctx: CanvasRenderingContext2D;
  private theme: TimelineTheme;
  private words: TimelineWords = TIMELINE_WORDS[currentLanguage()];
  private layout: TimelineLayout | null = null;
  private layoutKey: { model: TraceModel | null; version: number; words: TimelineWords | null } = { model: null, version: -1, words: null };
  private widthPx = 0;
  private heightPx = 0;
  private frame = 0;
  /** when live redraws and layouts come (draw-pacing.ts) */
  private readonly pacing = new DrawPacing();
  private pointer: { x: number; y: number } | null = null;
  private hit: Hit | null = null;
  private highlight: { tMs: number; ident: number; at: number } | null = null;
  private readonly cleanups: (() => void)[] = [];
  /** range selection, search, keyboard bar, links to the editor (timeline-reader.ts) */
  readonly reader: TimelineReader;
  /** what the page is told the pointer is over (hover-report.ts) */
  private readonly hover: HoverReport;

  constructor(
    readonly host: HTMLElement,
    readonly canvas: HTMLCanvasElement,
    private readonly stores: PlaygroundStores,
    private readonly callbacks: ViewCallbacks,
    reading: ReadingStore = createReadingStore(),
  ) {
    this.reader = new TimelineReader(this, stores, reading);
    this.hover = new HoverReport((info) => callbacks.onHover(info), this.reader, stores);
    this.cleanups.push(reading.subscribe(() => this.invalidate()));
    this.ctx = canvas.getContext("2d", { alpha: false })!;
    this.theme = themeFromCss(host);
    const resize = new ResizeObserver(() => this.resize());
    resize.observe(host);
    this.cleanups.push(() => resize.disconnect());
    this.cleanups.push(onColorSchemeChange(() => { this.theme = themeFromCss(host); this.invalidate(); }));
    this.cleanups.push(languageStore.subscribe((s) => {
      const words = TIMELINE_WORDS[s.language];
      if (words !== this.words) { this.words = words; this.invalidate(); }
    }));
    this.cleanups.push(stores.timeline.subscribe((s, prev) => this.onStore(s, prev)));
    this.cleanups.push(stores.run.subscribe((s, prev) => { if (s.lastResult !== prev.lastResult) this.invalidate(); }));
    this.cleanups.push(installInput(this));
    this.resize();
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
    this.pacing.dispose();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  get state(): StoreApi<TimelineState> {
    return this.stores.timeline;
  }

  /** Ask for a frame; several asks before it comes cost one frame. */
  invalidate(): void {
    if (!this.frame) this.frame = requestAnimationFrame(this.onFrame);
  }

  /** A redraw because the run moved on, not because the learner did something: paced (draw-pacing.ts). */
  private liveRedraw(): void {
    if (this.frame || this.pacing.waiting()) return;
    const model = this.stores.timeline.getState().model;
    const busy = model !== null && model.runningNow >= (navigator.hardwareConcurrency || 1);
    this.pacing.redrawLive(busy, () => this.invalidate());
  }

  setView(view: Viewport): void {
    if (view.follow !== this.view.follow) this.callbacks.onFollowChange(view.follow);
    this.view = view;
    this.invalidate();
  }

  setPointer(pointer: { x: number; y: number } | null): void {
    this.pointer = pointer;
    this.invalidate();
  }

  /** The end of the trace: "now" while live, else the run's end. */
  endMs(): number {
    const { model, nowMs, live } = this.stores.timeline.getState();
    const result = this.stores.run.getState().lastResult;
    const runEnd = !live && result ? result.durationMs : 0;
    return Math.max(model?.maxMs ?? 0, live && nowMs ? nowMs() : runEnd);
  }

  /** The pointer's x when it is over the time area, else null. */
  pointerX(): number | null {
    const x = this.pointer?.x;
    return x !== undefined && x >= this.view.scale.leftPx && x <= this.view.scale.rightPx ? x : null;
  }

  live(): boolean {
    return this.stores.timeline.getState().live;
  }

  lanesHeightPx(): number {
    return this.layout?.heightPx ?? 0;
  }

  visibleLanesPx(): number {
    return this.heightPx - AXIS_PX;
  }

  /** What the pointer is over (for clicks): computed at the last frame. */
  currentHit(): Hit | null {
    return this.hit;
  }

  /** What is at (x, y) now: a click may come before the frame that would have hit-tested the pointer's move. */
  hitAt(x: number, y: number): Hit | null {
    const input = this.input();
    return input ? hitTest(input, x, y) : null;
  }

  currentLayout(): TimelineLayout | null {
    return this.layout;
  }

  currentWords(): TimelineWords {
    return this.words;
  }

  /** The thread whose lane is at canvas y, or null. */
  threadLaneAt(y: number): number | null {
    if (!this.layout || y < AXIS_PX) return null;
    const lane = laneAt(this.layout, y - AXIS_PX + this.view.scrollY);
    return lane?.kind === "thread" ? lane.id : null;
  }

  /** A print tick was clicked: show its output line. */
  openPrint(ident: number, tMs: number): void {
    const { model } = this.stores.timeline.getState();
    const name = model?.threads.get(ident)?.name;
    if (!name) return;
    const log = this.stores.run.getState().output;
    const index = nearestOutputRow(log.rows, ident, name, tMs);
    if (index >= 0) this.stores.timeline.getState().focusOutputRow(log.dropped + index);
  }

  input(): FrameInput | null {
    const { model, live } = this.stores.timeline.getState();
    if (!model || !this.layout) return null;
    const result = this.stores.run.getState().lastResult;
    const h = this.highlight;
    const alpha = h ? 1 - (performance.now() - h.at) / HIGHLIGHT_MS : 0;
    const reading = this.reader.store.getState();
    return {
      model,
      layout: this.layout,
      scale: this.view.scale,
      widthPx: this.widthPx,
      heightPx: this.heightPx,
      scrollY: this.view.scrollY,
      theme: this.theme,
      words: this.words,
      untilMs: this.endMs(),
      live,
      deadlock: live ? null : result?.deadlock ?? null,
      races: live ? null : result?.races ?? null,
      highlight: h && alpha > 0 ? { tMs: h.tMs, ident: h.ident, alpha } : null,
      hover: this.hit,
      cursorX: this.pointer?.x ?? null,
      selection: reading.selection,
      matches: reading.result?.matches,
      currentMatch: reading.current,
      focusBar: this.reader.focusBar(),
    };
  }

  private onStore(s: TimelineState, prev: TimelineState): void {
    if (s.model !== prev.model) {
      this.highlight = null;
      this.hit = null;
      this.reader.reset();
      this.setView({ ...initialViewport(GUTTER_PX, Math.max(GUTTER_PX + 1, this.widthPx)), scrollY: 0 });
    }
    if (s.reveal && s.reveal !== prev.reveal) this.revealMoment(s.reveal.tMs, s.reveal.thread, s.reveal.ident);
    if (s.model !== prev.model || s.live !== prev.live || s.reveal !== prev.reveal) this.invalidate();
    else this.liveRedraw();
  }

  private revealMoment(tMs: number, thread: string, ident?: number): void {
    const model = this.stores.timeline.getState().model;
    const track = !model ? undefined : ident !== undefined && model.threads.has(ident) ? model.threads.get(ident) : [...model.threads.values()].find((t) => t.name === thread);
    this.highlight = { tMs, ident: track?.ident ?? -1, at: performance.now() };
    let view = reveal(this.view, tMs);
    const lane = track && this.layout?.threads.get(track.ident);
    if (lane && (lane.y < view.scrollY || lane.y + lane.height > view.scrollY + this.visibleLanesPx())) {
      view = { ...view, scrollY: Math.max(0, lane.y - this.visibleLanesPx() / 3) };
    }
    this.setView(view);
  }

  private resize(): void {
    const rect = this.host.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    this.widthPx = Math.max(1, Math.floor(rect.width));
    this.heightPx = Math.max(1, Math.floor(rect.height));
    this.canvas.width = Math.round(this.widthPx * dpr);
    this.canvas.height = Math.round(this.heightPx * dpr);
    this.canvas.style.width = `${this.widthPx}px`;
    this.canvas.style.height = `${this.heightPx}px`;
    this.view = { ...this.view, scale: this.view.scale.withPixels(GUTTER_PX, Math.max(GUTTER_PX + 1, this.widthPx)) };
    this.draw();
  }

  private onFrame = () => {
    this.frame = 0;
    this.draw();
    const { live } = this.stores.timeline.getState();
    const fading = this.highlight !== null && performance.now() - this.highlight.at < HIGHLIGHT_MS;
    if (fading) this.invalidate();
    else if (live) this.liveRedraw();
  };

  /** Draw now (also for the PNG export, which must not wait for a frame). */
  draw(): void {
    const began = performance.now();
    this.paint();
    this.pacing.drew(began);
  }

  private paint(): void {
    const { model, live } = this.stores.timeline.getState();
    const key = this.layoutKey;
    if (model && (model !== key.model || this.words !== key.words || (model.structureVersion !== key.version && this.pacing.layoutDue(live)))) {
      const start = performance.now();
      this.layout = layoutLanes(model, this.words);
      this.layoutKey = { model, version: model.structureVersion, words: this.words };
      this.pacing.laidOut(start);
    }
    const view = frameViewport(this.view, this.endMs(), live);
    if (view !== this.view) this.view = view;
    const dpr = this.canvas.width / Math.max(1, this.widthPx);
    this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const input = this.input();
    if (!input) {
      this.ctx.fillStyle = this.theme.background;
      this.ctx.fillRect(0, 0, this.widthPx, this.heightPx);
      this.hit = null;
      return;
    }
    this.hit = this.pointer ? hitTest(input, this.pointer.x, this.pointer.y) : null;
    input.hover = this.hit;
    this.lastStats = this.renderer.draw(this.ctx, input);
    this.publishWindow();
    this.hover.report(model!, this.pointer, this.hit, this.words);
  }

  private lastWindow = "";

  /** The window on the canvas element (data-start-ms, data-end-ms, data-left-px), so tests can aim at a moment. */
  private publishWindow(): void {
    const { scale } = this.view;
    const text = `${scale.startMs}|${scale.endMs}|${scale.leftPx}|${scale.rightPx}|${this.view.scrollY}`;
    if (text === this.lastWindow) return;
    this.lastWindow = text;
    Object.assign(this.canvas.dataset, { startMs: String(scale.startMs), endMs: String(scale.endMs), leftPx: String(scale.leftPx), rightPx: String(scale.rightPx), scrollY: String(this.view.scrollY) });
  }
}
