// The exported trace's asyncio tasks, as the timeline draws them: each of a
// thread's task rows a track of its own in the thread's process, under the
// thread ("MainThread · tasks 1"), with one slice per task's life ("task
// helper") and, nested in it, one per running stretch between its awaits
// ("running"); the gaps between are its waits at an await. Without them,
// Export JSON and Perfetto showed a thread's event loop but not which task
// ran when.

import type { ChromeTraceEvent } from "./chrome-trace-types";
import { coroutineTasks } from "./coroutine-list";
import type { TraceModel } from "./model";
import { toUs } from "./thread-slices";

/** Task tracks' ids: past any thread's ident (24 bits) in its process */
const TASK_TIDS = 2 ** 30;

export function addTaskTracks(model: TraceModel, endMs: number, out: ChromeTraceEvent[]): void {
  const recordedMs = Math.min(endMs, model.cappedAtMs ?? Infinity);
  const tids = new Map<string, number>();
  for (const task of coroutineTasks(model)) {
    if (task.startMs >= recordedMs) continue;
    const thread = { pid: task.pid, ident: task.ident };
    const key = `${thread.ident}/${task.row}`;
    let tid = tids.get(key);
    if (tid === undefined) {
      tids.set(key, (tid = TASK_TIDS + tids.size));
      out.push({ ph: "M", name: "thread_name", pid: thread.pid, tid, args: { name: `${task.thread} · tasks ${task.row + 1}` } });
      out.push({ ph: "M", name: "thread_sort_index", pid: thread.pid, tid, args: { sort_index: thread.ident + (task.row + 1) / 64 } });
    }
    const lifeEnd = toUs(Math.min(task.endMs, recordedMs));
    const lifeStart = toUs(task.startMs);
    out.push({ ph: "X", pid: thread.pid, tid, ts: lifeStart, dur: Math.max(0, lifeEnd - lifeStart), name: `task ${task.name}`, cat: "task", args: task.failed ? { failed: true } : {} });
    for (const [from, to] of task.runs) {
      if (from >= recordedMs) break;
      const ts = Math.max(toUs(from), lifeStart);
      const end = Math.min(toUs(Math.min(to, recordedMs)), lifeEnd);
      if (end >= ts) out.push({ ph: "X", pid: thread.pid, tid, ts, dur: end - ts, name: "running", cat: "task" });
    }
  }
}
