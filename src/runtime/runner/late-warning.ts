// What a run says of code a thread left running after it ended (an async
// call it did not await), whose steps no lane shows (supervisor.ts
// lateNotice): in Python's words for a coroutine never awaited. The page
// shows it in the learner's language (ui/output/runtime-words.ts).

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/**
 * `events`, `lines`: what the thread's closed rings refused, a floor
 * (thread-main.ts); `timers`, `hostCalls`: its timers, and the host's
 * answers to its calls, that came after its end and were dropped unrun
 * (thread-timers.ts, thread-host-calls.ts).
 */
export function lateWarning(thread: string, events: number, lines: number, timers = 0, hostCalls = 0): string {
  if (events === 0 && lines === 0) {
    const waiting = [timers > 0 ? `${plural(timers, "timer")} still set` : "", hostCalls > 0 ? `${plural(hostCalls, "host callback")} still pending` : ""];
    return `RuntimeWarning: ${thread} ended with ${waiting.filter(Boolean).join(" and ")}: ${timers + hostCalls === 1 ? "it" : "they"} came after its end and did not run, as a thread's event loop ends with it.`;
  }
  const what = [events > 0 ? plural(events, "timeline event") : "", lines > 0 ? plural(lines, "printed line") : ""].filter(Boolean).join(" and ");
  const left = [timers > 0 ? `${plural(timers, "timer")} it set` : "", hostCalls > 0 ? `${plural(hostCalls, "host callback")} it waited for` : ""].filter(Boolean).join(" and ");
  const dropped = left ? ` ${left} came after its end and did not run: a thread's event loop ends with it.` : "";
  return `RuntimeWarning: ${thread} ended while code it started was still running (an async call it did not await). ` +
    `What that code did after the end is not shown (at least ${what}); a lock or queue it used may be drawn as it was before.${dropped}`;
}

/** once more threads than the run names have done so */
export const LATE_WARNING_MORE = "RuntimeWarning: more threads left code running after they ended; their later steps are not shown either";
