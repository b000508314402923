// One frame's inputs and the small shared helpers the lane drawers use.
// Everything a frame draws is a pure function of FrameInput: the model, the
// lanes, the time scale and the viewport (plus hover and highlight), in the
// colours of its theme and the words of its language.

import type { TraceModel } from "../trace/model";
import type { TimeScale } from "../trace/time-scale";
import type { Lane, TimelineLayout } from "./layout";
import type { RectBatch } from "./rect-batch";
import type { TimelineTheme } from "./theme";

import { EN_WORDS, type TimelineWords } from "./words";
import { AXIS_PX, type Hit } from "./geometry";
import type { SearchMatch } from "./search";

export type Ctx2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** a data race the detector reported (draw-races.ts) */
export interface TimelineRace {
  variable: string;
  first: { thread: string; t: number; access: "read" | "write" };
  second: { thread: string; t: number; access: "read" | "write" };
}

export interface DeadlockCycle {
  cycle: { thread: string; waitsFor: string; heldBy: string }[];
}

export interface FrameInput {
  model: TraceModel;
  layout: TimelineLayout;
  /** the time area: leftPx = GUTTER_PX, rightPx = widthPx */
  scale: TimeScale;
  widthPx: number;
  heightPx: number;
  /** vertical scroll of the lanes, px */
  scrollY: number;
  theme: TimelineTheme;
  /** the text drawn on the canvas, in the page's language; English when left out */
  words?: TimelineWords;
  /** where intervals still open end: "now" while running, the run's end after */
  untilMs: number;
  live: boolean;
  deadlock?: DeadlockCycle | null;
  /** data races the detector reported (draw-races.ts) */
  races?: readonly TimelineRace[] | null;
  /** a moment to point at (an output line was clicked), with its thread */
  highlight?: { tMs: number; ident: number; alpha: number } | null;
  hover?: Hit | null;
  /** the pointer's x, for the cursor line and its time in the axis */
  cursorX?: number | null;
  /** a dragged time range (draw-selection.ts) */
  selection?: { startMs: number; endMs: number } | null;
  /** bars a search found, earliest first, and which one is current */
  matches?: readonly SearchMatch[];
  currentMatch?: number;
  /** the bar the keyboard is on */
  focusBar?: { ident: number; startMs: number; endMs: number } | null;
}

export interface Label {
  x: number;
  y: number;
  maxPx: number;
  text: string;
  color: string;
  /** a backdrop, for text over busy bars (mark labels) */
  background?: string;
}

export interface Frame {
  ctx: Ctx2D;
  input: FrameInput;
  batch: RectBatch;
  /** text to draw after the bars under it */
  labels: Label[];
  stats: { intervals: number };
}

/** The frame's words (English unless the page gave others). */
export function frameWords(input: FrameInput): TimelineWords {
  return input.words ?? EN_WORDS;
}

/** Top of a lane on the canvas. */
export function laneTop(input: FrameInput, lane: Lane): number {
  return AXIS_PX + lane.y - input.scrollY;
}

export function laneVisible(input: FrameInput, lane: Lane): boolean {
  const top = laneTop(input, lane);
  return top + lane.height > AXIS_PX && top < input.heightPx;
}

/** The vertical middle of a thread's state bar, or null when it has no lane. */
export function threadBarMiddle(input: FrameInput, ident: number, barY: number, barPx: number): number | null {
  const lane = input.layout.threads.get(ident);
  return lane ? laneTop(input, lane) + barY + barPx / 2 : null;
}

/** A thread's own colour by ident. */
export function threadColor(input: FrameInput, ident: number): string {
  return input.theme.threadColor(input.model.threads.get(ident)?.name ?? "");
}

export function lanesIn(layout: TimelineLayout, input: FrameInput): Lane[] {
  return layout.lanes.filter((lane) => laneVisible(input, lane));
}
