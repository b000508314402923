// A run in figures, for the stats panel: per thread the time spent in each
// kind of state; per lock acquisitions, how many had to wait, the longest
// wait and hold; per queue puts, gets and the largest depth; per pool its
// tasks and how busy its workers were. Pure over the model; the few words
// (a thread's end state, a pool's queues) in the words' language.

import { ThreadState } from "../trace/events";
import type { TraceModel } from "../trace/model";
import { threadStartOrder } from "../trace/model-thread";
import { isUserObject, objectName, stateName } from "../trace/names";
import { EN_WORDS, type TimelineWords } from "./words";

export interface ThreadStats {
  name: string;
  totalMs: number;
  runningMs: number;
  gilMs: number;
  blockedMs: number;
  /** condition, event, join, barrier */
  waitingMs: number;
  sleepingMs: number;
  queueMs: number;
  /** its event loop had nothing to run: its code waited at an await */
  idleMs: number;
  end: string;
}

export interface RunStats {
  threads: ThreadStats[];
  locks: { name: string; acquisitions: number; contended: number; longestWaitMs: number; longestHoldMs: number; totalHoldMs: number }[];
  queues: { name: string; puts: number; gets: number; maxDepth: number }[];
  pools: { name: string; workers: number; tasks: number; utilisation: number; maxPending: number }[];
}

export function runStats(model: TraceModel, endMs: number, words: TimelineWords = EN_WORDS): RunStats {
  // (By the threads' starts, as lanes go within a process or pool.)
  const threads = [...model.threads.values()].sort(threadStartOrder).map((track): ThreadStats => {
    const t = model.stateTotals(track, endMs);
    return {
      name: track.name,
      totalMs: Math.max(0, t.endMs - t.startMs),
      runningMs: t.ms[ThreadState.Running],
      gilMs: t.ms[ThreadState.Runnable],
      blockedMs: t.ms[ThreadState.Blocked],
      waitingMs: t.ms[ThreadState.Waiting],
      sleepingMs: t.ms[ThreadState.Sleeping],
      queueMs: t.ms[ThreadState.QueueWait],
      idleMs: t.ms[ThreadState.EventLoopIdle],
      end: stateName(t.finalState >= ThreadState.Done ? t.finalState : ThreadState.Running, words),
    };
  });
  const locks = [...model.locks.values()].filter((l) => isUserObject(model, l.id)).sort((a, b) => a.ordinal - b.ordinal).map((lock) => ({
    name: objectName(model, lock.id, words),
    acquisitions: lock.acquisitions,
    contended: lock.contended,
    longestWaitMs: lock.longestWaitMs,
    longestHoldMs: lock.longestHoldMs,
    totalHoldMs: lock.totalHoldMs,
  }));
  const queues = [...model.queues.values()].filter((q) => isUserObject(model, q.id)).sort((a, b) => a.ordinal - b.ordinal).map((q) => ({
    name: objectName(model, q.id, words),
    puts: q.putCount,
    gets: q.getCount,
    maxDepth: q.maxDepth,
  }));
  const pools = [...model.pools.values()].sort((a, b) => a.ordinal - b.ordinal).map((p) => ({
    name: objectName(model, p.id, words),
    workers: p.workers.size,
    tasks: p.tasks,
    utilisation: p.utilisation(),
    maxPending: p.maxPending,
  }));
  return { threads, locks, queues, pools };
}
