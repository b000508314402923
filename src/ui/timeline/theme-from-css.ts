// The renderer's colours from the page's CSS variables (theme.css and
// timeline.css), so the light and dark themes live in CSS alone. Re-read
// when the colour scheme changes.

import { ThreadState } from "../../trace/events";
import { LIGHT_THEME, type TimelineTheme } from "../../timeline/theme";
import { threadColorIndex } from "../output/thread-colors";

const STATE_VARS: Record<number, string> = {
  [ThreadState.Starting]: "--st-starting",
  [ThreadState.Running]: "--st-running",
  [ThreadState.Runnable]: "--st-gil",
  [ThreadState.Blocked]: "--st-blocked",
  [ThreadState.Waiting]: "--st-waiting",
  [ThreadState.Sleeping]: "--st-sleeping",
  [ThreadState.QueueWait]: "--st-queue",
  [ThreadState.EventLoopIdle]: "--st-idle",
  [ThreadState.Done]: "--st-done",
  [ThreadState.Error]: "--st-error",
  [ThreadState.Stopped]: "--st-stopped",
};

export function themeFromCss(element: Element): TimelineTheme {
  const css = getComputedStyle(element);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  const sans = v("--sans", "system-ui, sans-serif");
  const states = LIGHT_THEME.states.map((fallback, s) => v(STATE_VARS[s], fallback));
  const stateText = states.map((_, s) => v(`${STATE_VARS[s]}-text`, LIGHT_THEME.stateText[s]));
  const threadColors = Array.from({ length: 8 }, (_, i) => v(`--tc-${i}`, "#0969da"));
  return {
    font: `11px ${sans}`,
    fontBold: `600 11px ${sans}`,
    background: v("--bg-pane", LIGHT_THEME.background),
    laneStripe: v("--tl-stripe", LIGHT_THEME.laneStripe),
    raised: v("--bg-raised", LIGHT_THEME.raised),
    border: v("--border", LIGHT_THEME.border),
    grid: v("--tl-grid", LIGHT_THEME.grid),
    text: v("--text", LIGHT_THEME.text),
    textMuted: v("--text-muted", LIGHT_THEME.textMuted),
    accent: v("--accent", LIGHT_THEME.accent),
    error: v("--error", LIGHT_THEME.error),
    highlight: v("--tl-highlight", LIGHT_THEME.highlight),
    spanFill: v("--tl-span", LIGHT_THEME.spanFill),
    spanEdge: v("--tl-span-edge", LIGHT_THEME.spanEdge),
    spanText: v("--text", LIGHT_THEME.spanText),
    taskFill: v("--tl-task", LIGHT_THEME.taskFill),
    taskEdge: v("--tl-task-edge", LIGHT_THEME.taskEdge),
    taskText: v("--text", LIGHT_THEME.taskText),
    holdText: v("--tl-hold-text", LIGHT_THEME.holdText),
    counterFill: v("--tl-counter", LIGHT_THEME.counterFill),
    counterLine: v("--tl-counter-line", LIGHT_THEME.counterLine),
    states,
    stateText,
    threadColor: (name) => threadColors[threadColorIndex(name)],
  };
}
