// A step-mode pause draws each thread as it stands. A thread that waited
// (on a lock, a join, a condition, a queue) and can now go on, as the
// scheduler says and the step panel shows ("can run"), has recorded
// nothing since it began to wait: it has not run since. Drawn from its own
// trace alone, its lane said "blocked on a lock" up to the pause beside a
// panel that said it can run. The scheduler's enabled sets and step times
// (ControlReport) say when it could go on: from the step after which it
// could take every decision up to the pause. That step's events (a
// release, a thread's end) all carry its moment, since a controlled run's
// clock moves only between steps, a microsecond a step; from then on the
// thread is drawn waiting for the scheduler's turn, as a thread that can go
// on and was not chosen is. A deadline lets a thread go only at a decision
// (the scheduler looks at deadlines when it decides): a sleeper, a wait
// that timed out, or any thread the clock jumped to (every thread slept or
// waited, and the clock went to the first deadline) is drawn from that
// decision's moment.

import type { ControlReport } from "../runtime/types";
import { couldRun } from "../runtime/search/schedule-search";
import { EventKind, ThreadState } from "../trace/events";
import { SCHEDULER_TURN_REF } from "../trace/object-kinds";
import type { TraceModel } from "../trace/model";

/** the states of a thread that waits for another to let it go on */
const WAITS = new Set<number>([ThreadState.Blocked, ThreadState.Waiting, ThreadState.QueueWait, ThreadState.Sleeping]);

/** more than a step's microsecond between two decisions: the clock jumped to a deadline (ms) */
const JUMP_MS = 0.0015;

/**
 * Draws each thread the paused scheduler lets go on, and that its trace
 * leaves waiting, waiting for its turn since it could go on; `pauseMs`:
 * the pause's moment (the next decision's).
 */
export function drawWakes(model: TraceModel, control: ControlReport, pauseMs: number): void {
  const { enabled, times, steps } = control;
  const decided = (k: number) => (k < steps ? times[k] : pauseMs);
  for (const thread of control.threads) {
    // (A thread numbered 32 or more shares bit 0 of the enabled sets with every other such thread: not told apart.)
    if (thread.status !== "runnable" || thread.n >= 32 || thread.n < 1) continue;
    const track = model.threads.get(thread.ident);
    if (!track || !WAITS.has(track.state) || track.stateObj === SCHEDULER_TURN_REF) continue;
    // The decisions up to the pause at which it could have been chosen: the step before the first of them let it go.
    let first = steps;
    while (first > 0 && couldRun(enabled[first - 1], thread.n)) first--;
    if (first === 0) continue;
    const byDeadline = track.state === ThreadState.Sleeping || thread.timedOut === true || decided(first) - decided(first - 1) > JUMP_MS;
    // (Never past the pause: the times come from memory the snippet could write, checked only for order.)
    const since = Math.min(byDeadline ? decided(first) : decided(first - 1), pauseMs);
    if (since > track.stateSinceMs) model.add(thread.ident, since, EventKind.State, ThreadState.Waiting, SCHEDULER_TURN_REF);
  }
}
