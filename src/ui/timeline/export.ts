// Exports of the last run: Chrome Trace Event JSON (also what
// window.playground.getTrace() returns) and a PNG of the timeline as drawn.

import { toChromeTrace, type ChromeTrace } from "../../trace/chrome-trace";
import type { PlaygroundStores } from "../state/stores";

/** The current or last run's trace, or null before any run has traced. */
export function traceOfLastRun(stores: PlaygroundStores): ChromeTrace | null {
  const { model, live, nowMs } = stores.timeline.getState();
  if (!model) return null;
  const result = stores.run.getState().lastResult;
  const settled = !live && result;
  return toChromeTrace(model, {
    endMs: settled ? result.durationMs : nowMs ? nowMs() : model.maxMs,
    output: settled ? result.output : undefined,
    deadlock: settled ? result.deadlock : undefined,
    droppedEvents: settled ? result.stats.droppedEvents : model.droppedEvents + model.unrecordedEvents,
  });
}

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function stamp(): string {
  return new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
}

export function downloadTrace(stores: PlaygroundStores): boolean {
  const trace = traceOfLastRun(stores);
  if (!trace) return false;
  download(new Blob([JSON.stringify(trace)], { type: "application/json" }), `playground-trace-${stamp()}.json`);
  return true;
}

export function downloadPng(canvas: HTMLCanvasElement): void {
  canvas.toBlob((blob) => {
    if (blob) download(blob, `playground-timeline-${stamp()}.png`);
  }, "image/png");
}
