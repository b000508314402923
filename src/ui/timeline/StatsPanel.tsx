// The run in figures (timeline/run-stats.ts): per thread where its time
// went, per lock how contended it was, per queue its traffic, per pool how
// busy its workers were. Recomputed when the run changes, and twice a
// second while it runs.

import { useStrings, type Strings } from "../i18n/language";
import { useEffect, useState } from "react";
import { formatDuration } from "../../timeline/axis";
import { runStats, type RunStats } from "../../timeline/run-stats";
import { useApp, useTimelineState } from "../state/hooks";
import { TIMELINE_WORDS } from "./timeline-view";
import { visibleText } from "../../base/visible-text";

const ms = (v: number) => (v > 0 ? formatDuration(v) : "—");

function useStats(): RunStats | null {
  const app = useApp();
  const words = useStrings(TIMELINE_WORDS);
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
  return runStats(model, endMs, words);
}

/** A column: its heading and, optionally, what it counts. */
type Col = [string, string?];

const STRINGS: Strings<{
  none: string; label: string; threads: string; locks: string; queues: string; pools: string;
  threadCols: Col[]; idleCol: Col; lockCols: Col[]; queueCols: Col[]; poolCols: Col[];
  alive: (name: string, total: string, end: string) => string;
}> = {
  en: {
    none: "No run yet.", label: "Run statistics", threads: "Threads", locks: "Locks", queues: "Queues", pools: "Pools",
    threadCols: [["thread"], ["running", "running on its worker"], ["blocked", "blocked on a lock or semaphore"], ["waiting", "waiting on a condition, event, join or barrier"], ["sleeping"], ["queue", "waiting on a queue or pipe"], ["GIL", "runnable, waiting for the GIL"]],
    idleCol: ["loop idle", "its event loop had nothing to run: its code (every asyncio task) waited at an await, without the GIL"],
    lockCols: [["lock"], ["acquired"], ["waited", "acquisitions that had to wait"], ["longest wait"], ["longest hold"], ["held in all"]],
    queueCols: [["queue"], ["puts"], ["gets"], ["largest depth"]],
    poolCols: [["pool"], ["workers"], ["tasks"], ["busy", "share of the workers' time spent running tasks, from the first task's start to the last one's end"], ["most pending"]],
    alive: (name, total, end) => `${name}: ${total} alive, ${end}`,
  },
  zh: {
    none: "还没有运行。", label: "运行统计", threads: "线程", locks: "锁", queues: "队列", pools: "进程池",
    threadCols: [["线程"], ["运行", "在它的 Web Worker 上运行"], ["等锁", "阻塞在锁或信号量上"], ["等待", "等待条件变量、事件、join 或栅栏"], ["休眠"], ["队列", "等待队列或管道"], ["GIL", "可运行，等待 GIL"]],
    idleCol: ["循环空闲", "事件循环没有可运行的代码：它的代码（每个 asyncio 任务）都在 await 处等待，不持有 GIL"],
    lockCols: [["锁"], ["获取次数"], ["需等待", "需要等待的获取次数"], ["最长等待"], ["最长持有"], ["总持有时间"]],
    queueCols: [["队列"], ["put 次数"], ["get 次数"], ["最大长度"]],
    poolCols: [["进程池"], ["工作者数"], ["任务数"], ["繁忙度", "从第一个任务开始到最后一个任务结束，工作者用于运行任务的时间占比"], ["最多待处理"]],
    alive: (name, total, end) => `${name}：存活 ${total}，${end}`,
  },
};

function Head({ cols }: { cols: Col[] }) {
  return <thead><tr>{cols.map(([text, title]) => <th key={text} title={title}>{text}</th>)}</tr></thead>;
}

export function StatsPanel() {
  const stats = useStats();
  const t = useStrings(STRINGS);
  if (!stats) return <aside className="tl-stats"><p className="tl-muted">{t.none}</p></aside>;
  // Only a run with a thread that waited at an await has idle time to show.
  const idle = stats.threads.some((th) => th.idleMs > 0);
  return (
    <aside className="tl-stats" aria-label={t.label}>
      <h3>{t.threads}</h3>
      <table>
        <Head cols={idle ? [...t.threadCols, t.idleCol] : t.threadCols} />
        <tbody>
          {stats.threads.map((th) => (
            <tr key={th.name}>
              <td title={t.alive(visibleText(th.name), formatDuration(th.totalMs), th.end)}>{visibleText(th.name)}</td>
              <td>{ms(th.runningMs)}</td><td>{ms(th.blockedMs)}</td><td>{ms(th.waitingMs)}</td><td>{ms(th.sleepingMs)}</td><td>{ms(th.queueMs)}</td><td>{ms(th.gilMs)}</td>
              {idle && <td>{ms(th.idleMs)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      {stats.locks.length > 0 && (
        <>
          <h3>{t.locks}</h3>
          <table>
            <Head cols={t.lockCols} />
            <tbody>
              {stats.locks.map((l) => (
                <tr key={l.name}><td>{visibleText(l.name)}</td><td>{l.acquisitions}</td><td>{l.contended}</td><td>{ms(l.longestWaitMs)}</td><td>{ms(l.longestHoldMs)}</td><td>{ms(l.totalHoldMs)}</td></tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {stats.queues.length > 0 && (
        <>
          <h3>{t.queues}</h3>
          <table>
            <Head cols={t.queueCols} />
            <tbody>
              {stats.queues.map((q) => (
                <tr key={q.name}><td>{visibleText(q.name)}</td><td>{q.puts}</td><td>{q.gets}</td><td>{q.maxDepth}</td></tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {stats.pools.length > 0 && (
        <>
          <h3>{t.pools}</h3>
          <table>
            <Head cols={t.poolCols} />
            <tbody>
              {stats.pools.map((p) => (
                <tr key={p.name}><td>{visibleText(p.name)}</td><td>{p.workers}</td><td>{p.tasks}</td><td>{Math.round(p.utilisation * 100)}%</td><td>{p.maxPending}</td></tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </aside>
  );
}
