// The state colours, named: what a learner needs to read the bars.

import { ThreadState } from "../../trace/events";

const ITEMS: [ThreadState, string, string][] = [
  [ThreadState.Running, "running", "--st-running"],
  [ThreadState.Runnable, "waiting for the GIL", "--st-gil"],
  [ThreadState.Blocked, "blocked on a lock", "--st-blocked"],
  [ThreadState.Waiting, "waiting (condition, event, join, barrier)", "--st-waiting"],
  [ThreadState.Sleeping, "sleeping", "--st-sleeping"],
  [ThreadState.QueueWait, "waiting on a queue or pipe", "--st-queue"],
  [ThreadState.Done, "done", "--st-done"],
  [ThreadState.Error, "error", "--st-error"],
  [ThreadState.Stopped, "stopped", "--st-stopped"],
];

export function Legend() {
  return (
    <ul className="tl-legend" aria-label="Legend">
      {ITEMS.map(([state, label, cssVar]) => (
        <li key={state} title={label}>
          <span className={state >= ThreadState.Done ? "tl-swatch tl-swatch-end" : "tl-swatch"} style={{ background: `var(${cssVar})` }} />
          {label.replace(/ \(.*\)$/, "")}
        </li>
      ))}
      <li title="a thread printed a line here (click it to find the line)"><span className="tl-swatch tl-swatch-tick" />print</li>
      <li title="mark(label)"><span className="tl-swatch tl-swatch-mark" />mark</li>
    </ul>
  );
}
