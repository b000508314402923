// Deadlock detection from the thread table, as the page sees it. Every
// blocked thread records what it waits on (wait-kinds.ts); for a lock the
// holder can be read from the lock's word, for a join it is the joined
// thread. A cycle in that wait-for graph is a deadlock (as in a database's
// lock manager); so is a run in which every live thread waits, without a
// timeout, for something only another waiting thread could provide (Go's
// "all goroutines are asleep"). Timed waits end by themselves and never
// count. A verdict must hold on two scans in a row with no thread having
// recorded anything in between, so a hand-over caught mid-flight is not
// mistaken for a deadlock.

import type { DeadlockInfo } from "./types";
import { WaitKind, WAIT_KIND_NAMES } from "./wait-kinds";

export interface ThreadWait {
  ident: number;
  name: string;
  kind: WaitKind;
  obj: number;
  timed: boolean;
  /** the thread that must act for this one to go on (lock owner, joined thread), 0 if none known */
  heldBy: number;
  /** how much this thread has recorded so far: unchanged across scans means it made no progress */
  progress: number;
}

export interface Verdict {
  info: DeadlockInfo;
  sentence: string;
  /** identifies the situation across scans */
  key: string;
}

function waitsFor(wait: ThreadWait, byIdent: Map<number, ThreadWait>): string {
  if (wait.kind === WaitKind.Join) return byIdent.get(wait.obj)?.name ?? `thread ${wait.obj}`;
  return `${WAIT_KIND_NAMES[wait.kind] ?? "object"} ${wait.obj}`;
}

function findCycle(waits: ThreadWait[], byIdent: Map<number, ThreadWait>): ThreadWait[] | null {
  for (const start of waits) {
    const path: ThreadWait[] = [];
    const onPath = new Set<number>();
    let at: ThreadWait | undefined = start;
    while (at && at.kind !== WaitKind.None && !at.timed && at.heldBy) {
      if (onPath.has(at.ident)) return path.slice(path.findIndex((w) => w.ident === at!.ident));
      onPath.add(at.ident);
      path.push(at);
      at = byIdent.get(at.heldBy);
    }
  }
  return null;
}

/** The deadlock among the live threads `waits`, if there is one now. */
export function findDeadlock(waits: ThreadWait[]): Verdict | null {
  if (waits.length === 0) return null;
  const byIdent = new Map(waits.map((w) => [w.ident, w]));
  const cycle = findCycle(waits, byIdent);
  if (cycle) {
    const entries = cycle.map((w) => ({ thread: w.name, waitsFor: waitsFor(w, byIdent), heldBy: byIdent.get(w.heldBy)!.name }));
    const parts = entries.map((e) =>
      e.waitsFor === e.heldBy ? `${e.thread} waits for ${e.heldBy} to finish` : `${e.thread} waits for ${e.waitsFor} held by ${e.heldBy}`);
    return {
      info: { cycle: entries },
      sentence: `Deadlock: ${parts.join(", and ")}; none of them can go on.`,
      key: `cycle:${cycle.map((w) => `${w.ident}>${w.heldBy}`).join(",")}`,
    };
  }
  if (waits.every((w) => w.kind !== WaitKind.None && !w.timed)) {
    const entries = waits.map((w) => ({ thread: w.name, waitsFor: waitsFor(w, byIdent), heldBy: w.heldBy ? byIdent.get(w.heldBy)?.name ?? "" : "" }));
    return {
      info: { cycle: entries },
      sentence: `Deadlock: every thread is waiting and none can wake the others (${entries.map((e) => `${e.thread} waits for ${e.waitsFor}`).join(", ")}).`,
      key: `asleep:${waits.map((w) => `${w.ident}:${w.kind}:${w.obj}`).join(",")}`,
    };
  }
  return null;
}

/** Confirms a verdict across scans: same situation, and nobody involved moved. */
export class DeadlockWatch {
  private last: { key: string; progress: string } | null = null;

  scan(waits: ThreadWait[]): Verdict | null {
    const verdict = findDeadlock(waits);
    if (!verdict) {
      this.last = null;
      return null;
    }
    const progress = waits.map((w) => `${w.ident}:${w.progress}`).join(",");
    const confirmed = this.last?.key === verdict.key && this.last.progress === progress;
    this.last = { key: verdict.key, progress };
    return confirmed ? verdict : null;
  }
}
