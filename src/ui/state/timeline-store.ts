// The live trace the timeline draws, and the two-way link between the
// output panel and the timeline, as a vanilla store so the run controller
// (which fills it) and the canvas view (which reads it without React) need
// no component in between.
//
// The model itself is mutable and large: the store holds a reference plus
// a `version` that bumps once per drained batch, which is what views watch.

import { createStore, type StoreApi } from "zustand/vanilla";
import type { OutputLine } from "../../runtime/types";
import type { TraceModel } from "../../trace/model";

export interface TimelineState {
  model: TraceModel | null;
  /** the run's clock while it runs, for drawing "now" */
  nowMs: (() => number) | null;
  /** true from the trace's start until the run settles */
  live: boolean;
  version: number;
  /** an output line was clicked: show this moment of this thread */
  reveal: { tMs: number; thread: string; ident?: number; seq: number } | null;
  /** a print tick was clicked: show this output row (index counted from the first row ever appended, see OutputLog.dropped) */
  outputFocus: { row: number; seq: number } | null;
  start(model: TraceModel, nowMs: () => number): void;
  touch(): void;
  addPrints(lines: readonly OutputLine[]): void;
  end(): void;
  clear(): void;
  /** `ident`: the thread's, where known (a name may repeat, or have changed since) */
  revealMoment(tMs: number, thread: string, ident?: number): void;
  focusOutputRow(row: number): void;
}

export function createTimelineStore(): StoreApi<TimelineState> {
  let seq = 0;
  return createStore<TimelineState>()((set, get) => ({
    model: null,
    nowMs: null,
    live: false,
    version: 0,
    reveal: null,
    outputFocus: null,
    start: (model, nowMs) => set((s) => ({ model, nowMs, live: true, version: s.version + 1, reveal: null, outputFocus: null })),
    touch: () => set((s) => ({ version: s.version + 1 })),
    addPrints: (lines) => {
      const model = get().model;
      if (!model) return;
      for (const line of lines) if (line.stream !== "stderr") model.addPrint(line.thread, line.t, line.ident);
      set((s) => ({ version: s.version + 1 }));
    },
    end: () => set((s) => ({ live: false, version: s.version + 1 })),
    clear: () => set((s) => ({ model: null, nowMs: null, live: false, version: s.version + 1, reveal: null, outputFocus: null })),
    revealMoment: (tMs, thread, ident) => {
      if (Number.isFinite(tMs)) set({ reveal: { tMs, thread, ident, seq: ++seq } });
    },
    focusOutputRow: (row) => set({ outputFocus: { row, seq: ++seq } }),
  }));
}
