// The colours and font the renderer draws with. The page builds one from
// its CSS variables (ui/timeline/theme-from-css.ts) so light and dark themes
// stay in CSS; the renderer never reads the DOM. LIGHT_THEME is for tests
// and the render benchmark.

import { ThreadState } from "../trace/events";

export interface TimelineTheme {
  /** CSS font for lane text, e.g. "11px system-ui" */
  font: string;
  fontBold: string;
  background: string;
  /** every other lane, faintly */
  laneStripe: string;
  /** group headers and the axis band */
  raised: string;
  border: string;
  grid: string;
  text: string;
  textMuted: string;
  accent: string;
  error: string;
  /** the moment an output line points at */
  highlight: string;
  /** fill per thread state, indexed by ThreadState */
  states: readonly string[];
  /** readable text on each state's fill */
  stateText: readonly string[];
  /** span() bars and their text */
  spanFill: string;
  spanEdge: string;
  spanText: string;
  /** pool task boxes, their left edge, and their text */
  taskFill: string;
  taskEdge: string;
  taskText: string;
  /** text on a thread-coloured lock hold */
  holdText: string;
  /** queue depth and pool pending areas */
  counterFill: string;
  counterLine: string;
  /** a thread's own colour (lock holds, queue arrows), as the output panel colours its name */
  threadColor(name: string): string;
}

const STATES_LIGHT: string[] = [];
STATES_LIGHT[ThreadState.Starting] = "#d8dde3";
STATES_LIGHT[ThreadState.Running] = "#3aa55d";
STATES_LIGHT[ThreadState.Runnable] = "#e2b93b";
STATES_LIGHT[ThreadState.Blocked] = "#e8743b";
STATES_LIGHT[ThreadState.Waiting] = "#9b8ae0";
STATES_LIGHT[ThreadState.Sleeping] = "#b7c0cb";
STATES_LIGHT[ThreadState.QueueWait] = "#5b9ee6";
STATES_LIGHT[ThreadState.EventLoopIdle] = "#c3e6cd";
STATES_LIGHT[ThreadState.Done] = "#8c959f";
STATES_LIGHT[ThreadState.Error] = "#cf222e";
STATES_LIGHT[ThreadState.Stopped] = "#9a6700";

export const LIGHT_THEME: TimelineTheme = {
  font: "11px system-ui, sans-serif",
  fontBold: "600 11px system-ui, sans-serif",
  background: "#fbfbfc",
  laneStripe: "rgba(0, 0, 0, 0.025)",
  raised: "#f3f4f6",
  border: "#e3e5e8",
  grid: "rgba(0, 0, 0, 0.06)",
  text: "#1f2328",
  textMuted: "#6a717b",
  accent: "#3178c6",
  error: "#cf222e",
  highlight: "#bf8700",
  spanFill: "#cfdcf3",
  spanEdge: "#3d7fcc",
  spanText: "#1f2328",
  taskFill: "#ddd0f7",
  taskEdge: "#8250df",
  taskText: "#1f2328",
  holdText: "#ffffff",
  counterFill: "rgba(91, 158, 230, 0.28)",
  counterLine: "#3d7fcc",
  states: STATES_LIGHT,
  stateText: STATES_LIGHT.map(() => "#1f2328"),
  threadColor: () => "#0969da",
};
