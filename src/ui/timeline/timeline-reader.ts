// The reader's actions on the timeline, outside React: select a range and
// zoom to it, fit a lane, search and step through the matches, move the
// keyboard's bar and say what it is, and follow a bar to its source line
// in the editor where the trace knows one. Each turns into a viewport step
// and a change of the reading store (reading-store.ts); the view redraws.
//
// Source lines: a thread's end in error and the bar that ran into it know
// the line it threw at (RunResult.errors); a wait of a millisecond or more
// knows the call that waited (trace/source-lines.ts), and the running bar
// after it goes on from there.

import type { ThreadTrack, TraceModel } from "../../trace/model";
import { ThreadState, isBlockedState } from "../../trace/events";
import { PROGRAM_END, unpackPosition } from "../../trace/source-lines";
import { barSpan, focusHit, isValidFocus, stepBar, threadLifetime, type BarStep } from "../../timeline/bar-nav";
import { describeHit } from "../../timeline/describe";
import type { Hit } from "../../timeline/geometry";
import type { TimelineLayout } from "../../timeline/layout";
import { normalizeRange } from "../../timeline/range-stats";
import { searchTrace } from "../../timeline/search";
import type { TimelineWords } from "../../timeline/words";
import { editorLink } from "../editor/editor-link";
import { currentLanguage, type Strings } from "../i18n/language";
import { threadColorIndex } from "../output/thread-colors";
import type { PlaygroundStores } from "../state/stores";
import { EMPTY_READING, type ReadingStore } from "./reading-store";
import { reveal, type Viewport } from "./viewport";

/** What the reader needs of the canvas view (timeline-view.ts). */
export interface ReaderHost {
  readonly view: Viewport;
  setView(view: Viewport): void;
  endMs(): number;
  currentLayout(): TimelineLayout | null;
  currentWords(): TimelineWords;
  visibleLanesPx(): number;
}

/** The hover card's row for a bar that knows its source line. */
type SourceWhy = "threw" | "waited" | "resumed";

const SOURCE_WORDS: Strings<{ line: string; at: Record<SourceWhy, (line: number) => string>; programEnd: Record<"waited" | "resumed", string> }> = {
  en: {
    line: "line",
    programEnd: {
      waited: "after the last (the program's end: as Python's shutdown, it waits for the threads and executors still running)",
      resumed: "after the last (the program's end, after a wait for the threads and executors still running)",
    },
    at: {
      threw: (line) => `${line} (threw here; click to show it in the editor)`,
      waited: (line) => `${line} (the call that waited; click to show it in the editor)`,
      resumed: (line) => `${line} (went on from the call that waited here; click to show it)`,
    },
  },
  zh: {
    line: "行",
    programEnd: {
      waited: "最后一行之后（程序结束处：和 Python 退出时一样，等待仍在运行的线程和执行器）",
      resumed: "最后一行之后（程序结束处，等待仍在运行的线程和执行器之后）",
    },
    at: {
      threw: (line) => `第 ${line} 行（在此抛出异常；点击在编辑器中查看）`,
      waited: (line) => `第 ${line} 行（在此调用处等待；点击在编辑器中查看）`,
      resumed: (line) => `第 ${line} 行（从此处等待结束后继续运行；点击查看）`,
    },
  },
};

/** Zooming to a range leaves this fraction of it free either side. */
const ZOOM_MARGIN = 0.04;

export class TimelineReader {
  constructor(private readonly host: ReaderHost, private readonly stores: PlaygroundStores, readonly store: ReadingStore) {}

  private model(): TraceModel | null {
    return this.stores.timeline.getState().model;
  }

  /** A new run: nothing of the old one's picks applies. */
  reset(): void {
    this.store.setState(EMPTY_READING);
    editorLink(this.stores).getState().clear();
  }

  select(aMs: number, bMs: number): void {
    this.store.setState({ selection: normalizeRange(aMs, bMs, this.host.endMs()) });
  }

  clearSelection(): void {
    this.store.setState({ selection: null });
  }

  zoomTo(startMs: number, endMs: number): void {
    const spanMs = Math.max(endMs - startMs, 0.01);
    const margin = spanMs * ZOOM_MARGIN;
    const v = this.host.view;
    this.host.setView({ ...v, scale: v.scale.withWindow(startMs - margin, endMs + margin), follow: false, fit: false });
  }

  zoomToSelection(): boolean {
    const sel = this.store.getState().selection;
    if (!sel || sel.endMs <= sel.startMs) return false;
    this.zoomTo(sel.startMs, sel.endMs);
    return true;
  }

  /** Zoom to one thread's lifetime (its first state to its end). */
  fitLane(ident: number): void {
    const model = this.model();
    const life = model && threadLifetime(model, ident, this.host.endMs());
    if (life) this.zoomTo(life.startMs, life.endMs);
  }

  /** The lane of the keyboard's bar, else none. */
  fitFocusedLane(): boolean {
    const focus = this.store.getState().focus;
    if (!focus) return false;
    this.fitLane(focus.ident);
    return true;
  }

  search(query: string): void {
    const model = this.model();
    if (!model || query.trim() === "") {
      this.store.setState({ query, result: null, current: -1 });
      return;
    }
    const result = searchTrace(model, query, this.host.endMs(), this.host.currentWords());
    // Start at the first match in view, as a find bar does.
    const fromMs = this.host.view.scale.startMs;
    let current = result.matches.findIndex((m) => m.endMs >= fromMs);
    if (current < 0) current = result.matches.length > 0 ? 0 : -1;
    this.store.setState({ query, result, current });
    if (current >= 0) this.showMatch(current);
  }

  stepMatch(delta: number): void {
    const { result, current } = this.store.getState();
    const n = result?.matches.length ?? 0;
    if (n === 0) return;
    const next = (((current + delta) % n) + n) % n;
    this.store.setState({ current: next });
    this.showMatch(next);
  }

  private showMatch(index: number): void {
    const m = this.store.getState().result?.matches[index];
    if (!m) return;
    const layout = this.host.currentLayout();
    const lane = m.lane === "thread" ? layout?.threads.get(m.laneId) : m.lane === "lock" ? layout?.locks.get(m.laneId) : layout?.queues.get(m.laneId);
    this.showSpan(m.startMs, m.endMs, lane ? { y: lane.y, height: lane.height } : null);
  }

  /** Bring a bar into view: zoom out to it when it is wider than the view, else centre it; scroll its lane in. */
  private showSpan(startMs: number, endMs: number, lane: { y: number; height: number } | null): void {
    const v = this.host.view;
    let view = endMs - startMs > v.scale.spanMs * 0.9 ? { ...v, scale: v.scale.withWindow(startMs - (endMs - startMs) * 0.05, endMs + (endMs - startMs) * 0.05), follow: false, fit: false } : v;
    if (startMs < view.scale.startMs || endMs > view.scale.endMs) view = reveal(view, (startMs + endMs) / 2);
    else view = { ...view, follow: false, fit: false };
    const visible = this.host.visibleLanesPx();
    if (lane && (lane.y < view.scrollY || lane.y + lane.height > view.scrollY + visible)) view = { ...view, scrollY: Math.max(0, lane.y - visible / 3) };
    this.host.setView(view);
  }

  /** Arrow keys: move the keyboard's bar and announce it. */
  moveFocus(step: BarStep): boolean {
    const model = this.model();
    const layout = this.host.currentLayout();
    if (!model || !layout) return false;
    const untilMs = this.host.endMs();
    const focus = stepBar(model, layout, this.store.getState().focus, step, untilMs, Math.max(0, this.host.view.scale.startMs));
    if (!focus) return false;
    const hit = focusHit(model, focus, untilMs);
    const d = describeHit(model, hit, undefined, this.host.currentWords());
    const announcement = d ? [d.title, ...d.rows.filter(([k]) => k).map(([k, v]) => `${k} ${v}`)].join(", ") : "";
    this.store.setState({ focus, announcement });
    const span = barSpan(model, focus, untilMs);
    const lane = layout.threads.get(focus.ident);
    this.showSpan(span.startMs, span.endMs, lane ?? null);
    this.linkToSource(hit, false);
    return true;
  }

  /** The keyboard's bar as {ident, startMs, endMs}, for drawing. */
  focusBar(): { ident: number; startMs: number; endMs: number } | null {
    const model = this.model();
    const focus = this.store.getState().focus;
    if (!model || !focus || !isValidFocus(model, focus)) return null;
    return { ident: focus.ident, ...barSpan(model, focus, this.host.endMs()) };
  }

  /** The source line a hit stands for, when the trace knows it (see the header). */
  sourceLine(hit: Hit | null): { line: number; column?: number; thread: string; why: SourceWhy } | null {
    const model = this.model();
    if (!model || !hit || (hit.kind !== "final" && hit.kind !== "state")) return null;
    const track = model.threads.get(hit.ident);
    if (!track) return null;
    const n = track.states.length;
    if (track.endedState === ThreadState.Error) {
      // The error marker itself, or the last bar before it (the code that threw ran in it).
      const last = n >= 2 && track.states.data[n - 1] >= ThreadState.Done ? n - 2 : n - 1;
      if (hit.kind === "final" || hit.index === last) {
        const error = this.stores.run.getState().lastResult?.errors.find((e) => e.thread === track.name && e.line !== undefined);
        if (error?.line !== undefined) return { line: error.line, column: error.column, thread: track.name, why: "threw" };
      }
    }
    if (hit.kind !== "state" || hit.index >= n) return null;
    const state = track.states.data[hit.index];
    const waited = isBlockedState(state);
    // A running bar goes on from the call whose wait ended it.
    const position = this.positionOf(track, hit.index);
    if (position <= 0) return null;
    return { ...unpackPosition(position), thread: track.name, why: waited ? "waited" : "resumed" };
  }

  /** The packed position of state `index`'s wait (a running bar: of the wait it went on from), PROGRAM_END, or 0. */
  private positionOf(track: ThreadTrack, index: number): number {
    const state = track.states.data[index];
    return isBlockedState(state) ? track.sources.at(index) : state === ThreadState.Running && index > 0 ? track.sources.at(index - 1) : 0;
  }

  /** The hover card's "line" row for a hit that knows its line, or that it was in the program's end; else null. */
  sourceRow(hit: Hit | null): [string, string] | null {
    const words = SOURCE_WORDS[currentLanguage()];
    const place = this.sourceLine(hit);
    if (place) return [words.line, words.at[place.why](place.line)];
    if (hit?.kind !== "state") return null;
    const track = this.model()?.threads.get(hit.ident);
    if (!track || hit.index >= track.states.length || this.positionOf(track, hit.index) !== PROGRAM_END) return null;
    return [words.line, words.programEnd[isBlockedState(track.states.data[hit.index]) ? "waited" : "resumed"]];
  }

  /** Hover (highlight only) or click (move the cursor) a bar that knows its line. */
  linkToSource(hit: Hit | null, click: boolean): void {
    const place = this.sourceLine(hit);
    const link = editorLink(this.stores).getState();
    if (!place) {
      if (!click && link.link && !link.link.moveCursor) link.clear();
      return;
    }
    const current = link.link;
    if (!click && current?.line === place.line && current.colorIndex === threadColorIndex(place.thread)) return;
    link.showLine(place.line, { column: place.column, colorIndex: threadColorIndex(place.thread), moveCursor: click });
  }
}
