// The run in figures (timeline/run-stats.ts): per thread where its time
// went, per lock how contended it was, per queue its traffic, per pool how
// busy its workers were. Recomputed when the run changes, and twice a
// second while it runs.

import { useEffect, useState } from "react";
import { formatDuration } from "../../timeline/axis";
import { runStats, type RunStats } from "../../timeline/run-stats";
import { useApp, useTimelineState } from "../state/hooks";

const ms = (v: number) => (v > 0 ? formatDuration(v) : "—");

function useStats(): RunStats | null {
  const app = useApp();
  const model = useTimelineState((s) => s.model);
  const live = useTimelineState((s) => s.live);
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => setTick((t) => t + 1), 500);
    return () => clearInterval(timer);
  }, [live]);
  if (!model) return null;
  const { nowMs } = app.stores.timeline.getState();
  const result = app.stores.run.getState().lastResult;
  const endMs = live && nowMs ? nowMs() : result?.durationMs ?? model.maxMs;
  return runStats(model, endMs);
}

export function StatsPanel() {
  const stats = useStats();
  if (!stats) return <aside className="tl-stats"><p className="tl-muted">No run yet.</p></aside>;
  return (
    <aside className="tl-stats" aria-label="Run statistics">
      <h3>Threads</h3>
      <table>
        <thead>
          <tr><th>thread</th><th title="running on its worker">running</th><th title="blocked on a lock or semaphore">blocked</th><th title="waiting on a condition, event, join or barrier">waiting</th><th>sleeping</th><th title="waiting on a queue or pipe">queue</th><th title="runnable, waiting for the GIL">GIL</th></tr>
        </thead>
        <tbody>
          {stats.threads.map((t) => (
            <tr key={t.name}>
              <td title={`${t.name}: ${formatDuration(t.totalMs)} alive, ${t.end}`}>{t.name}</td>
              <td>{ms(t.runningMs)}</td><td>{ms(t.blockedMs)}</td><td>{ms(t.waitingMs)}</td><td>{ms(t.sleepingMs)}</td><td>{ms(t.queueMs)}</td><td>{ms(t.gilMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {stats.locks.length > 0 && (
        <>
          <h3>Locks</h3>
          <table>
            <thead><tr><th>lock</th><th>acquired</th><th title="acquisitions that had to wait">waited</th><th>longest wait</th><th>longest hold</th><th>held in all</th></tr></thead>
            <tbody>
              {stats.locks.map((l) => (
                <tr key={l.name}><td>{l.name}</td><td>{l.acquisitions}</td><td>{l.contended}</td><td>{ms(l.longestWaitMs)}</td><td>{ms(l.longestHoldMs)}</td><td>{ms(l.totalHoldMs)}</td></tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {stats.queues.length > 0 && (
        <>
          <h3>Queues</h3>
          <table>
            <thead><tr><th>queue</th><th>puts</th><th>gets</th><th>largest depth</th></tr></thead>
            <tbody>
              {stats.queues.map((q) => (
                <tr key={q.name}><td>{q.name}</td><td>{q.puts}</td><td>{q.gets}</td><td>{q.maxDepth}</td></tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {stats.pools.length > 0 && (
        <>
          <h3>Pools</h3>
          <table>
            <thead><tr><th>pool</th><th>workers</th><th>tasks</th><th title="share of the workers' time spent running tasks, from the first task's start to the last one's end">busy</th><th>most pending</th></tr></thead>
            <tbody>
              {stats.pools.map((p) => (
                <tr key={p.name}><td>{p.name}</td><td>{p.workers}</td><td>{p.tasks}</td><td>{Math.round(p.utilisation * 100)}%</td><td>{p.maxPending}</td></tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </aside>
  );
}
