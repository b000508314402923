// The page's picture of a run, built from drained ring events: one state
// track per thread (when it entered which state), plus what the timeline
// draws about shared objects — lock holds and waits, queue traffic, pool
// tasks — and user marks and spans, all as structure-of-arrays filled
// incrementally (events arrive once per frame; a run may have millions).
// RunResult's per-thread figures and the timeline both read it, so they can
// never disagree. The shared objects' tracks and names are kept by the class
// it extends (model-registry.ts); each thread's lists, by model-thread.ts.
//
// Ordering: one thread's events arrive in its time order; different threads'
// events interleave per drained batch. So per-thread lists are sorted by
// construction, and only logs mixing threads (model-series.ts SortedLog)
// sort their tail, on demand.

import { EventKind, ThreadState, isBlockedState } from "./events";
import { LoopActivity } from "./model-loop-idle";
import { addSpan, closeOpen, countOnlyUntil, newThreadTrack, poolTaskEnded, poolTaskStarted, stateTotals, type StateTotals, type ThreadTrack } from "./model-thread";
import { TraceObjects, TRACING_OFF_LABEL, TRACING_ON_LABEL } from "./model-registry";
import { UntracedSpans } from "./model-untraced";
import { kindInfo, kindOf, ObjKind } from "./object-kinds";
import { PROGRAM_END, PROGRAM_END_ARG } from "./source-lines";

export { LockTrack } from "./model-lock";
export { PoolTrack, QueueTrack } from "./model-objects";
export type { ThreadTrack } from "./model-thread";

/** Queue traffic kinds (api/queues.ts QueueEvent): arg = depth after, obj = queue id. */
export const QUEUE_PUT_KIND = 16;
export const QUEUE_GET_KIND = 17;

export interface ThreadFigures {
  startMs: number;
  endMs: number;
  runningMs: number;
  blockedMs: number;
  finalState: number;
}

/** Objects drawn on a lock lane (Lock, RLock, Semaphore ...): their holds and waits are kept. */
function hasLockLane(ref: number): boolean {
  return ref !== 0 && kindInfo(kindOf(ref)).lane === "lock";
}

/**
 * What a trace says that the runtime never writes: a Lock or an RLock
 * held by two threads at once, or a thread's state after its final one. The snippet's code can write to its own trace
 * (its rings lie in memory it reaches): then the timeline no longer shows
 * only what happened. (setTracing(false) while holding a lock leaves its
 * release unrecorded too, but says so: such an overlap is not counted.)
 */
export interface Contradiction {
  kind: "two-holders" | "after-end";
  /** the lock held twice; 0 for after-end */
  obj: number;
  /** the holders (the earlier first), or the thread that went on after its end */
  idents: number[];
  tMs: number;
}

export class TraceModel extends TraceObjects {
  readonly threads = new Map<number, ThreadTrack>();
  eventCount = 0;
  /**
   * the events of lock pairs the ring writer folded into a release
   * (trace/ring.ts): counted in eventCount, yet no list keeps them, so a
   * figure per stored event (trace.bytes.per.event) needs them apart
   */
  foldedEvents = 0;
  /** events a stopped run had recorded that never reached the page */
  droppedEvents = 0;
  /**
   * The trace's cap: past this many events, a run's events are counted into
   * the exact figures (state totals, acquisitions, holds, waits, puts,
   * gets, tasks) but no longer kept for drawing, so a run that never ends
   * cannot take the page's memory. 50 M events are about 1 GB here.
   */
  eventCap = 50_000_000;
  /**
   * the run ended before the rest of its trace reached the page: past
   * cappedAtMs no thread's time is counted either (a lock's, a queue's or a
   * pool's figures count what did reach the page)
   */
  traceCut = false;
  /** events counted past the cap, not kept */
  unrecordedEvents = 0;
  /**
   * The first thing the trace says that cannot have happened (the snippet
   * can write to its threads' trace: see Contradiction), or null: found as
   * events arrive (after-end), or by trace/contradictions.ts once the run
   * ended (two-holders). What is drawn is still what the trace says; the
   * page says this beside it.
   */
  contradiction: Contradiction | null = null;
  /** when, and whose, per-operation events were off: the object lanes are not a record there */
  readonly untraced = new UntracedSpans();
  /** the latest time any event carried */
  maxMs = 0;
  /** threads whose latest state is running: the live view draws less often while they fill the machine's cores */
  runningNow = 0;
  /**
   * Maps a position in the compiled snippet (line, column) to the snippet's
   * own, packed (trace/source-lines.ts), or 0; set by the run's session,
   * which has the source map. Without it, waits keep no line.
   */
  mapSource: ((jsLine: number, jsColumn: number) => number) | null = null;

  addThread(ident: number, name: string, kind: string, pid: number): ThreadTrack {
    let track = this.threads.get(ident);
    if (!track) {
      track = newThreadTrack(ident, name, kind, pid);
      this.threads.set(ident, track);
      this.structureVersion++;
    }
    return track;
  }

  /** The thread was renamed (Thread.name set after its start): its lane goes by the new name, and says what it was. */
  renameThread(ident: number, name: string): void {
    const track = this.threads.get(ident);
    if (!track || track.name === name) return;
    track.firstName ??= track.name;
    track.name = name;
    this.structureVersion++;
  }

  // The page drains one thread's ring at a time: remembering the last thread saves a Map lookup on nearly every event.
  private lastTrack: ThreadTrack | undefined;

  add(ident: number, tMs: number, kind: number, arg: number, obj: number): void {
    if (++this.eventCount > this.eventCap) this.countOnly();
    if (tMs > this.maxMs) this.maxMs = tMs;
    let track = this.lastTrack;
    if (track?.ident !== ident) this.lastTrack = track = this.threads.get(ident);
    if (kind === EventKind.State) {
      if (!track) return;
      // A thread's own trace ends with its final state: the runtime closes its ring there.
      if (track.state >= ThreadState.Done && this.contradiction === null) this.contradiction = { kind: "after-end", obj: 0, idents: [ident], tMs };
      this.addState(track, tMs, arg, obj);
      return;
    }
    switch (kind) {
      case EventKind.LockAcquired: {
        // Contended when the thread's previous event ended a blocked wait on this lock.
        const waitStartMs = track && track.pendingWaitObj === obj ? track.pendingWaitStartMs : Number.NaN;
        this.lock(obj).acquire(ident, tMs, waitStartMs, arg === 1);
        break;
      }
      case EventKind.LockReleased: {
        const lock = this.lock(obj);
        lock.release(ident, tMs);
        // Pairs the writer folded into this release (trace/ring.ts): taken and released again at this same time.
        if (arg > 0) {
          lock.acquisitions += arg;
          this.eventCount += 2 * arg;
          this.foldedEvents += 2 * arg;
          if (this.cappedAtMs !== null) this.unrecordedEvents += 2 * arg;
        }
        break;
      }
      case QUEUE_PUT_KIND:
      case QUEUE_GET_KIND: {
        // A pool's own task and result queues are the runtime's: drawn as the pool's pending count.
        if (kindOf(obj) === ObjKind.TaskQueue) break;
        const queue = this.queue(obj);
        queue.add(kind === QUEUE_PUT_KIND, ident, tMs, arg);
        if (track?.pendingQueueItem) queue.addItem(kind === QUEUE_PUT_KIND, tMs, track.pendingQueueItem);
        if (track) track.pendingQueueItem = 0;
        break;
      }
      case EventKind.QueueItem:
        if (track) track.pendingQueueItem = obj;
        break;
      case EventKind.PoolWorker:
        if (track) this.joinPool(track.ident, obj);
        break;
      case EventKind.PoolPending: {
        const pool = this.pool(obj);
        if (this.cappedAtMs === null) pool.pending.push(tMs, arg, ident);
        if (arg > pool.maxPending) pool.maxPending = arg;
        break;
      }
      case EventKind.PoolChunk:
        if (!track) break;
        track.pendingChunkItems = arg;
        // No chunk holds more items than its chunksize: a size that says otherwise is not believed.
        track.pendingChunksize = arg > 0 && Math.abs(obj) >= arg && obj > -0x80000000 ? obj : 0;
        break;
      case EventKind.PoolTaskLabel:
        if (track) track.pendingTaskLabel = obj;
        break;
      case EventKind.PoolTaskStart:
      case EventKind.PoolTaskEnd:
        if (track) this.addTask(track, kind === EventKind.PoolTaskStart, tMs, arg, obj);
        break;
      case EventKind.TaskStart:
      case EventKind.TaskAwait:
      case EventKind.TaskResume:
      case EventKind.TaskEnd:
        if (!track) break;
        if (this.cappedAtMs === null) this.addCoroutine(track, kind, tMs, arg, obj);
        this.loopMoved(track, kind, obj, tMs);
        break;
      case EventKind.GilHandover:
        if (!track || this.cappedAtMs !== null) break;
        track.gilTakes.push(tMs);
        track.gilFrom.push(obj);
        track.gilLatencyUs.push(arg);
        break;
      case EventKind.SourceAt: {
        const n = track && this.cappedAtMs === null ? track.states.length : 0;
        // Only a wait records its line (a forged event on another state is ignored).
        if (n === 0 || !isBlockedState(track!.state)) break;
        if (arg === PROGRAM_END_ARG) {
          track!.sources.add(n - 1, PROGRAM_END);
          break;
        }
        if (!this.mapSource) break;
        const position = this.mapSource(arg, obj);
        if (position > 0) track!.sources.add(n - 1, position);
        break;
      }
      case EventKind.Mark:
        if (!track || this.cappedAtMs !== null) break;
        track.markTimes.push(tMs);
        track.markLabels.push(obj);
        break;
      case EventKind.Tracing:
        if (!track || this.cappedAtMs !== null) break;
        if (arg === 0) this.untraced.off(ident, tMs);
        else this.untraced.on(ident, tMs);
        // Drawn as a mark of the call itself: from here the lane's lock, queue and pool events are not (or again) recorded.
        track.markTimes.push(tMs);
        track.markLabels.push(arg === 0 ? TRACING_OFF_LABEL : TRACING_ON_LABEL);
        break;
      case EventKind.SpanBegin:
      case EventKind.SpanEnd:
        if (track && this.cappedAtMs === null) this.addSpan(track, kind === EventKind.SpanBegin, tMs, obj);
        break;
    }
    if (track) track.pendingWaitObj = 0;
  }

  /** A print line of thread `name` at `tMs` (the page adds these from the output). */
  addPrint(name: string, tMs: number, ident?: number): void {
    const found = this.writerOf(name, ident);
    if (found && Number.isFinite(tMs) && this.cappedAtMs === null) found.prints.push(tMs);
  }

  /** The thread that wrote an output line: by its ident, or by its name when no other thread has that name (else none: not a guess). */
  writerOf(name: string, ident?: number): ThreadTrack | undefined {
    if (ident !== undefined) return this.threads.get(ident);
    let found: ThreadTrack | undefined;
    for (const track of this.threads.values()) {
      if (track.name !== name) continue;
      if (found) return undefined;
      found = track;
    }
    return found;
  }

  /** Close a thread that ended without saying so (stopped, crashed). */
  finish(ident: number, tMs: number, state: ThreadState): void {
    const track = this.threads.get(ident);
    if (!track || track.state >= ThreadState.Done) return;
    const cutMs = this.traceCut ? this.cappedAtMs : null;
    if (cutMs !== null && track.state >= 0 && track.stateSinceMs <= cutMs && tMs > cutMs) {
      // Its last known state counts up to the cut; what it did after is not known, so it counts nowhere.
      track.closedMs[track.state] += cutMs - track.stateSinceMs;
      track.stateSinceMs = tMs;
    }
    this.addState(track, tMs, state, 0);
  }


  /**
   * The run ended before the rest of its trace reached the page (a Stop or
   * a timeout dropped it: droppedEvents), the first of what was dropped
   * recorded at `droppedFromMs`: every thread's record is whole up to
   * there, and, for some thread, not after; nothing is known past the last
   * event taken in either. The timeline hatches from the earlier of the
   * two, as past the cap, and no thread's figures count the time after it
   * (finish). (A thread whose later events did reach the page is hatched
   * too: one cut for all, so that no lane is drawn on in a state its
   * thread may have left.)
   */
  cutAt(droppedFromMs: number): void {
    // (A time the run's memory claimed: one below the run's start says nothing.)
    const cutMs = droppedFromMs >= 0 ? Math.min(droppedFromMs, this.maxMs) : this.maxMs;
    // Past the cap (or an earlier cut), the record ends there already; a cut before it moves the end back.
    if (this.cappedAtMs !== null && cutMs >= this.cappedAtMs) return;
    this.traceCut = true;
    if (cutMs < this.maxMs) for (const track of this.threads.values()) countOnlyUntil(track, cutMs);
    if (this.cappedAtMs === null) this.capAt(cutMs);
    else {
      this.cappedAtMs = cutMs;
      this.structureVersion++;
    }
  }

  /**
   * Where a trace whose end did not all reach the page, by how much not
   * known, is known whole up to: each thread's events come in the order it
   * recorded them, so a thread not seen to end may have lost only what came
   * after the last state it was seen in; every thread seen to end lost
   * nothing. Null when every thread was seen to end.
   */
  wholeUntilMs(): number | null {
    let until = Infinity;
    for (const track of this.threads.values()) if (Number.isNaN(track.endedMs)) until = Math.min(until, Math.max(0, track.stateSinceMs));
    return Number.isFinite(until) ? until : null;
  }

  figures(track: ThreadTrack, runEndMs: number): ThreadFigures {
    const totals = this.stateTotals(track, runEndMs);
    let blockedMs = 0;
    for (let s = 0; s < totals.ms.length; s++) if (isBlockedState(s)) blockedMs += totals.ms[s];
    return { startMs: totals.startMs, endMs: totals.endMs, runningMs: totals.ms[ThreadState.Running], blockedMs, finalState: totals.finalState };
  }

  /** Time spent in each state (indexed by ThreadState) up to the thread's end or `runEndMs`. */
  stateTotals(track: ThreadTrack, runEndMs: number): StateTotals {
    return stateTotals(track, runEndMs);
  }

  private addState(track: ThreadTrack, tMs: number, state: number, obj: number): void {
    const previous = track.state;
    // (The runtime finds a thread idle a moment after its loop's task events said so: one stretch, from the first.)
    if (state === ThreadState.EventLoopIdle && previous === ThreadState.EventLoopIdle) return;
    // (A thread that says it runs while it runs, as a wait nested in another ends twice, keeps the wait that just
    // ended for its next acquire: a Condition's re-acquire of its lock was drawn uncontended.)
    if (state !== previous) track.pendingWaitObj = 0;
    if (previous === ThreadState.Blocked && hasLockLane(track.stateObj)) {
      // The blocked interval that just ended: a wait on that lock-like object.
      const waitedOn = track.stateObj;
      this.lock(waitedOn).endWait(track.ident, tMs);
      track.pendingWaitObj = waitedOn;
      track.pendingWaitStartMs = track.stateSinceMs;
    }
    if (state === ThreadState.Blocked && hasLockLane(obj)) this.lock(obj).beginWait(track.ident, tMs);
    if (state >= ThreadState.Done) {
      closeOpen(track, tMs);
      this.untraced.on(track.ident, tMs);
    }
    // Totals kept as states arrive: Stats and RunResult read them at once, whatever the run's length.
    if (Number.isNaN(track.endedMs)) {
      if (previous >= 0) track.closedMs[previous] += Math.max(0, tMs - track.stateSinceMs);
      if (state >= ThreadState.Done) {
        track.endedMs = tMs;
        track.endedState = state;
      }
    }
    if (Number.isNaN(track.startedMs)) {
      track.startedMs = tMs;
      // (Lanes go in start order: timeline/layout.ts.)
      this.structureVersion++;
    }
    this.runningNow += (state === ThreadState.Running ? 1 : 0) - (previous === ThreadState.Running ? 1 : 0);
    track.state = state;
    track.stateSinceMs = tMs;
    track.stateObj = obj;
    // Past the cap only a thread's end is kept, so that its lane ends where it did.
    if (this.cappedAtMs !== null && state < ThreadState.Done) return;
    track.times.push(tMs);
    track.states.push(state);
    track.objects.push(obj);
  }

  /**
   * A task of the thread's loop started, awaited, resumed or ended: a running
   * stretch becomes "event loop idle" while no task is ready, and running
   * again when one is (trace/model-loop-idle.ts). An await is stamped when it
   * began, which may be before events already taken in: never before them.
   */
  private loopMoved(track: ThreadTrack, kind: EventKind, task: number, tMs: number): void {
    const idle = (track.loop ??= new LoopActivity()).take(kind, task);
    if (track.state < 0 || !Number.isNaN(track.endedMs)) return;
    const current = track.state;
    const at = Math.max(tMs, track.stateSinceMs);
    if (idle && current === ThreadState.Running) this.addState(track, at, ThreadState.EventLoopIdle, 0);
    else if (!idle && current === ThreadState.EventLoopIdle) this.addState(track, at, ThreadState.Running, 0);
  }


  private addTask(track: ThreadTrack, start: boolean, tMs: number, index: number, poolId: number): void {
    const pool = this.pool(poolId);
    if (!start) return poolTaskEnded(track, pool, tMs);
    this.joinPool(track.ident, poolId);
    if (poolTaskStarted(track, pool, tMs, index, this.cappedAtMs === null)) this.structureVersion++;
  }

  private addCoroutine(track: ThreadTrack, kind: EventKind, tMs: number, arg: number, task: number): void {
    const rows = track.coroutines;
    if (kind === EventKind.TaskStart) {
      if (rows.start(task, tMs)) this.structureVersion++;
    } else if (kind === EventKind.TaskAwait) rows.await(task, tMs);
    else if (kind === EventKind.TaskResume) rows.resume(task, tMs);
    else rows.end(task, tMs, arg === 1 || arg === 2 ? arg : 0);
  }

  /**
   * The cap is reached: from here on events are counted, not kept (see
   * eventCap). What is drawn stops at cappedAtMs, and the timeline hatches
   * the rest as "not recorded".
   */
  private countOnly(): void {
    this.unrecordedEvents++;
    this.capAt(this.maxMs);
  }


  private addSpan(track: ThreadTrack, begin: boolean, tMs: number, label: number): void {
    if (addSpan(track, begin, tMs, label)) this.structureVersion++;
  }
}
