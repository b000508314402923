// Deadlock detection from the thread table, as the runner sees it. Every
// blocked thread records the object it waits on (a ref, trace/object-kinds.ts);
// for a lock its holder can be read from the lock's words, for a join it is
// the joined thread. A cycle in that wait-for graph is a deadlock (as in a
// database's lock manager), whatever the run's other threads are doing; so
// is a run in which every live thread waits, without a timeout, for
// something only another waiting thread could provide (Go's "all goroutines
// are asleep"). Timed waits end by themselves and never count. A verdict
// must hold on two scans in a row with none of the threads it involves
// having recorded anything in between, so a hand-over caught mid-flight is
// not mistaken for a deadlock.

import type { DeadlockInfo } from "./types";
import { kindOf, ObjKind } from "../trace/object-kinds";
import { visibleText } from "../base/visible-text";

export interface ThreadWait {
  ident: number;
  name: string;
  /** the ref of what it waits on, 0 when it is not waiting */
  obj: number;
  timed: boolean;
  /** the thread that must act for this one to go on (lock owner, joined thread), 0 if none known */
  heldBy: number;
  /** how much this thread has recorded so far: unchanged across scans means it made no progress */
  progress: number;
  /** the heap word where the object's words begin (the table's say: bounds-checked, -1 when outside the heap) */
  addr: number;
}

export interface Verdict {
  info: DeadlockInfo;
  sentence: string;
  /** identifies the situation across scans */
  key: string;
  /** the threads the verdict is about: only their progress can undo it */
  involved: ThreadWait[];
}

/**
 * How the sentence names what a thread waits on ("lockA", "Lock 3",
 * "Thread-2"); `thread` names a holder that is no longer alive.
 */
export type NameOf = ((wait: ThreadWait, byIdent: Map<number, ThreadWait>) => string) & { thread?: (ident: number) => string };

const waiting = (w: ThreadWait) => w.obj !== 0 && !w.timed;

function findCycle(waits: ThreadWait[], byIdent: Map<number, ThreadWait>): ThreadWait[] | null {
  for (const start of waits) {
    const path: ThreadWait[] = [];
    const onPath = new Set<number>();
    let at: ThreadWait | undefined = start;
    while (at && waiting(at) && at.heldBy) {
      if (onPath.has(at.ident)) return path.slice(path.findIndex((w) => w.ident === at!.ident));
      onPath.add(at.ident);
      path.push(at);
      at = byIdent.get(at.heldBy);
    }
  }
  return null;
}

/** The deadlock among the live threads `waits`, if there is one now. */
export function findDeadlock(waits: ThreadWait[], nameOf: NameOf): Verdict | null {
  if (waits.length === 0) return null;
  const byIdent = new Map(waits.map((w) => [w.ident, w]));
  const cycle = findCycle(waits, byIdent);
  if (cycle) {
    const entries = cycle.map((w) => ({ thread: w.name, waitsFor: nameOf(w, byIdent), heldBy: byIdent.get(w.heldBy)!.name }));
    // (The sentence names them as the page shows names: base/visible-text.ts; `info` keeps them as given.)
    const v = visibleText;
    const parts = entries.map((e) =>
      e.waitsFor === e.heldBy ? `${v(e.thread)} waits for ${v(e.heldBy)} to finish` : `${v(e.thread)} waits for ${v(e.waitsFor)} held by ${v(e.heldBy)}`);
    return {
      info: { cycle: entries },
      sentence: `Deadlock: ${parts.join(", and ")}; none of them can go on.`,
      key: `cycle:${cycle.map((w) => `${w.ident}>${w.heldBy}`).join(",")}`,
      involved: cycle,
    };
  }
  // A thread that joins one that has ended is not stuck: it has been woken and has not run yet (a busy
  // machine can keep it off a core for longer than two scans). Seen in CI as a false "MainThread waits for Process-6".
  const joinsEnded = (w: ThreadWait) => kindOf(w.obj) === ObjKind.Thread && w.heldBy !== 0 && !byIdent.has(w.heldBy);
  if (waits.every(waiting) && !waits.some(joinsEnded)) {
    const ended = (ident: number) => `${nameOf.thread?.(ident) ?? `thread ${ident}`} (which has ended)`;
    const entries = waits.map((w) => ({ thread: w.name, waitsFor: nameOf(w, byIdent), heldBy: w.heldBy ? byIdent.get(w.heldBy)?.name ?? ended(w.heldBy) : "" }));
    return {
      info: { cycle: entries },
      sentence: `Deadlock: every thread is waiting and none can wake the others (${entries.map((e) => `${visibleText(e.thread)} waits for ${visibleText(e.waitsFor)}`).join(", ")}).`,
      key: `asleep:${waits.map((w) => `${w.ident}:${w.obj}`).join(",")}`,
      involved: waits,
    };
  }
  return null;
}

/** Confirms a verdict across scans: same situation, and nobody involved moved. */
export class DeadlockWatch {
  private last: { key: string; progress: string } | null = null;

  scan(waits: ThreadWait[], nameOf: NameOf): Verdict | null {
    const verdict = findDeadlock(waits, nameOf);
    if (!verdict) {
      this.last = null;
      return null;
    }
    const progress = verdict.involved.map((w) => `${w.ident}:${w.progress}`).join(",");
    const confirmed = this.last?.key === verdict.key && this.last.progress === progress;
    this.last = { key: verdict.key, progress };
    return confirmed ? verdict : null;
  }
}
