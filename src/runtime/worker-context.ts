// Who "I" am inside a worker: the run, my thread's ident and name, my
// process's shared globals, and my trace ring. One worker runs one thread at
// a time, so this is a module-level singleton that the "playground" API reads.

import type { RunContextInit, ThreadRole } from "./protocol";
import { ThreadTable, Field, Ctl } from "./thread-table";
import { GilSession } from "./gil-session";
import { RingWriter } from "../trace/ring";
import { SharedHeap } from "../sync/heap";
import { Blocks } from "../sync/blocks";
import { Gil } from "../sync/gil";
import { OutputWriter } from "./output-ring";
import type { RingEnds } from "./drainer/release-book";
import { OUTPUT_RING_WORDS, TRACE_RING_EVENTS } from "./provision";
import type { ModuleScope } from "./serialize";
import { EventKind, ThreadState, isBlockedState } from "../trace/events";
import { PROGRAM_END_ARG } from "../trace/source-lines";
import { hereInSnippet } from "./snippet-position";
import { RaceDetector } from "./race/race-detector";
import { identOfTid } from "./race/race-memory";
import { sendToRunner } from "./runner-link";
import { Scheduler, seededRandom } from "./control/scheduler";
import { TURN_REF } from "./control/step-kinds";

export interface WorkerContext {
  readonly run: RunContextInit;
  readonly i32: Int32Array;
  readonly heap: SharedHeap;
  /** the snippet's own shared memory (shared globals, sharedArray, Value) */
  readonly userHeap: SharedHeap;
  /** heap blocks that can be given back (a queue's growing data) */
  readonly blocks: Blocks;
  readonly table: ThreadTable;
  readonly ident: number;
  readonly role: ThreadRole;
  readonly pid: number;
  readonly globals: Float64Array;
  readonly ring: RingWriter;
  readonly output: OutputWriter;
  /** write a line to the thread's output (`stream` 1: stderr), stamped now: later trace events do not go before it */
  writeLine(text: string, stream: 0 | 1): void;
  /** the race detector of this thread (API.md §11), when the run has it on */
  readonly race: RaceDetector | null;
  /** the scheduler of a controlled run (API.md §10), null otherwise */
  readonly control: Scheduler | null;
  /** the snippet's module in this worker, once its body has started */
  scope: ModuleScope | null;
  /** the copied globals' current values (MainThread's module only) */
  snapshot: () => Record<string, unknown>;
  /** what currentThread() returns */
  currentThread: unknown;
  /** the state this thread is in now, as last traced */
  state: ThreadState;
  /**
   * The thread's own code is over, and it waits, as Python's shutdown does,
   * for the threads and executors still running (thread-main.ts): a wait
   * in no call of the snippet's says it was in the program's end.
   */
  atExit: boolean;
  /** ms since the run's epoch */
  now(): number;
  /** record a state change (on the timeline and for RunResult) */
  enter(state: ThreadState, obj?: number): void;
  /** `tMs`: when it happened, if not now (an event known only later, e.g. a task's await) */
  trace(kind: EventKind, arg: number, obj: number, tMs?: number): void;
  /**
   * Thread `ident`, which this thread is starting (provisioned, not yet given
   * to a worker), is starting from now: written into its own ring before any
   * worker can write there, so its lane begins at its start() however late a
   * worker takes it up (a thread's first event, thread-main.ts).
   */
  traceStarting(ident: number): void;
  /** at an eval-breaker check: give the simulated GIL to a waiting thread, if any */
  yieldGil(): void;
  /** the same, on a fast path: stamped with the coarse clock (trace/ring.ts) */
  traceFast(kind: EventKind, arg: number, obj: number): void;
  /** the same at `tMs`, a coarseNow() taken a moment before (a queue's put or get, stamped under its lock) */
  traceFastAt(kind: EventKind, arg: number, obj: number, tMs: number): void;
  /** the coarse clock's time as traceFast stamps it */
  coarseNow(): number;
  /**
   * The thread has ended (its last state recorded): code it left running (a
   * promise chain it did not await) still holds this context, and may no
   * longer trace, print, or take the GIL in its name, and its slot's rings
   * go to the next thread that takes the slot. Returns where its rings end,
   * as its writers counted (the runner tells the drainer: release-book.ts).
   */
  end(): RingEnds;
  /** whether end() has run */
  hasEnded(): boolean;
  /**
   * Its code waits at an await and the worker has nothing of it to run
   * (thread-event-loop.ts): "event loop idle", without the GIL, until a
   * callback of its resumes it, or its code is found running at a check.
   */
  idle(): void;
  /**
   * A callback of the thread's is about to run, or its code is found
   * running: running again (and holding the GIL) if it was idle, and probed
   * for its next wait.
   */
  resume(): void;
  /** timers the thread set that came due after its end, and were dropped unrun (thread-timers.ts) */
  droppedTimers: number;
  /** host calls (a promise, a listener) whose answer came after its end, and was dropped (thread-host-calls.ts) */
  droppedHostCalls: number;
  /** called at the next dropped timer or host call, once (as RingWriter.onLate) */
  onDropped: (() => void) | null;
}

let current: WorkerContext | null = null;

/** what a thread found running again after idle does next (thread-event-loop.ts: it is probed again) */
let woke: (thread: WorkerContext) => void = () => {};
export function onWake(then: (thread: WorkerContext) => void): void {
  woke = then;
}

let freezing = (): void => {};
/** What the worker does before code an ended thread left running stops for good in a controlled run (thread-main.ts: it leaves its dock place). */
export function onFreezing(leave: () => void): void {
  freezing = leave;
}

/**
 * Waits this long or longer record the line of the call that waited. Where
 * a thread is comes from a stack, which cost 10-20 µs in V8 (Node, on
 * this 2-core machine under load): a few per cent of a wait of a
 * millisecond, but more than a short lock hand-over itself, so those stay
 * without a line.
 */
const SOURCE_MIN_WAIT_MS = 1;

/** Thread `ident`'s detector: it reports each race to the runner, with times in µs of the run's clock. */
function detectorFor(memory: SharedArrayBuffer, ident: number, main: boolean, nowMs: () => number, coarseMs: () => number): RaceDetector {
  const i32 = new Int32Array(memory);
  const us = (ms: number) => Math.min(0x7fffffff, Math.max(0, Math.round(ms * 1000)));
  const detector = new RaceDetector(memory, (r) => sendToRunner({
    type: "race", cell: r.cell, access: r.access, site: r.site, t: r.timeUs,
    prevIdent: identOfTid(i32, r.prevTid), prevAccess: r.prevAccess, prevSite: r.prevSite, prevT: r.prevTimeUs,
  }), () => us(nowMs()), () => us(coarseMs()));
  detector.enter(ident, main);
  return detector;
}

export function context(): WorkerContext {
  if (!current) throw new Error("the playground API is only available while a snippet runs");
  return current;
}

/** The worker's clock, taken as the module loads: a snippet may set globalThis.performance or its now(), and every stamp would throw or lie. */
const perfNow = performance.now.bind(performance);
const TIME_ORIGIN = performance.timeOrigin;

/** timeOrigin + now(), the clock every worker shares, read through what was taken at load */
export function workerNow(): number {
  return TIME_ORIGIN + perfNow();
}

export function hasContext(): boolean {
  return current !== null;
}

/** The worker is done with its run: nothing of it is kept alive from here (an idle isolate does not collect). */
export function releaseContext(): void {
  current = null;
}

export function createContext(run: RunContextInit, ident: number): WorkerContext {
  const i32 = new Int32Array(run.heap);
  const table = new ThreadTable(i32, run.controlIndex);
  const userHeap = new SharedHeap(new Int32Array(run.userHeap));
  const globals = new Float64Array(run.userHeap, table.get(ident, Field.GlobalsOffset), table.get(ident, Field.GlobalsCount));
  const signals = { drainSignal: table.control + Ctl.DrainSignal, runState: table.control + Ctl.RunState };
  const ring = new RingWriter(i32, table.get(ident, Field.RingBase), TRACE_RING_EVENTS, table.clockIndex(), signals);
  const wakeDrainer = () => {
    Atomics.add(i32, signals.drainSignal, 1);
    Atomics.notify(i32, signals.drainSignal);
  };
  // timeOrigin differs per worker; timeOrigin + now() is one clock for all.
  const origin = TIME_ORIGIN - run.epochMs;
  const heap = new SharedHeap(i32);
  const coarseClock = new Float64Array(run.heap);
  const clockAt = table.clockIndex();
  const control = run.control
    ? new Scheduler(run.control, ident, {
        clock: coarseClock,
        clockIndex: clockAt,
        // A running thread that has to wait for the baton waits on the scheduler's turn meanwhile; a blocked or sleeping one shows that already.
        waiting: () => ctx.state === ThreadState.Running && ring.write(ctx.now(), EventKind.State, ThreadState.Waiting, TURN_REF),
        resumed: () => ctx.state === ThreadState.Running && ring.write(ctx.now(), EventKind.State, ThreadState.Running, 0),
        stopped: (end) => sendToRunner({ type: "controlled", end }),
        freezing: () => freezing(),
      })
    : null;
  const race = run.race
    ? detectorFor(run.race, ident, table.role(ident) === "main", control ? () => control.now() : () => origin + perfNow(), () => coarseClock[clockAt])
    : null;
  // A controlled run replays: the snippet's Math.random is seeded per thread.
  if (control) Math.random = seededRandom(control.seed, control.n);
  let stateSince = 0;
  let ended = false;
  // Each line carries the name its thread had as it printed it (Thread.name may be set at any time, by it or
  // another thread; the page hears of a rename later, and may not hear of a name held for a moment): read
  // again only when the slot's name word has moved.
  const slot = table.slotOf(ident);
  let named: { stamp: number; name: string | undefined } | null = null;
  const nameNow = (): string | undefined => {
    const stamp = table.nameStamp(slot);
    if (named?.stamp !== stamp) named = { stamp, name: table.nameOf(ident) ?? undefined };
    return named.name;
  };
  const ctlWords = new Int32Array(run.ctl);
  const ctlAt = table.get(ident, Field.CtlWord);
  const ctx: WorkerContext = {
    race,
    control,
    run, i32, table, ident, globals, ring, userHeap, heap,
    blocks: new Blocks(heap, Atomics.load(i32, table.control + Ctl.Blocks)),
    output: new OutputWriter(i32, table.get(ident, Field.OutputBase), OUTPUT_RING_WORDS, wakeDrainer, () => table.holdsSlot(ident)),
    role: table.role(ident),
    pid: table.get(ident, Field.Pid),
    scope: null,
    snapshot: () => ({}),
    currentThread: null,
    state: ThreadState.Starting,
    atExit: false,
    now: control ? () => control.now() : () => origin + perfNow(),
    writeLine(text, stream) {
      if (ctx.state === ThreadState.EventLoopIdle) ctx.resume();
      const tMs = ctx.now();
      ctx.output.write(text, stream, tMs, nameNow());
      ring.notBefore(tMs);
    },
    enter(state, obj = 0) {
      if (ended) return;
      // A wait that ends says which call of the snippet it was (see SOURCE_MIN_WAIT_MS).
      if (state === ThreadState.Running && isBlockedState(ctx.state)) {
        const tMs = ctx.now();
        if (tMs - stateSince >= SOURCE_MIN_WAIT_MS) {
          const pos = hereInSnippet();
          if (pos > 0) ring.write(tMs, EventKind.SourceAt, Math.min(Math.floor(pos / 4096), PROGRAM_END_ARG - 1), pos % 4096);
          else if (ctx.atExit) ring.write(tMs, EventKind.SourceAt, PROGRAM_END_ARG, 0);
        }
      }
      // Blocking or ending gives the GIL up; running again takes it back,
      // waiting for it (and showing so) when another thread holds it. The
      // timeline must never show two holders at once: a thread shows its new
      // state before it drops the GIL, and "running" only after taking it.
      if (gil && state === ThreadState.Running) gil.take();
      const wasIdle = ctx.state === ThreadState.EventLoopIdle;
      ctx.state = state;
      stateSince = ctx.now();
      ring.write(stateSince, EventKind.State, state, obj);
      if (gil && state !== ThreadState.Running) gil.drop();
      // Out of idle by any door (a callback, a check, or a blocking call its woken code made first): probed for its next wait.
      if (wasIdle && state !== ThreadState.EventLoopIdle) woke(ctx);
    },
    yieldGil() {
      if (!ended && gil?.yieldIfAsked()) ring.write(ctx.now(), EventKind.State, ThreadState.Running, 0);
    },
    // (Code woken by a host source thread-host-calls.ts does not know is found running here: thread-event-loop.ts.)
    trace(kind, arg, obj, tMs) {
      if (ctx.state === ThreadState.EventLoopIdle) ctx.resume();
      ring.write(tMs ?? ctx.now(), kind, arg, obj);
    },
    traceFast(kind, arg, obj) {
      if (ctx.state === ThreadState.EventLoopIdle) ctx.resume();
      ring.writeCoarse(kind, arg, obj);
    },
    traceFastAt(kind, arg, obj, tMs) {
      if (ctx.state === ThreadState.EventLoopIdle) ctx.resume();
      ring.writeCoarseAt(tMs, kind, arg, obj);
    },
    idle() {
      if (ended || ctx.state !== ThreadState.Running) return;
      ctx.enter(ThreadState.EventLoopIdle);
      // Its next loop or function entry checks in (host.tick), in case a host source not wrapped wakes it.
      if (ctlAt >= 0 && ctlAt < ctlWords.length) Atomics.store(ctlWords, ctlAt, 1);
    },
    resume() {
      if (ctx.state === ThreadState.EventLoopIdle) ctx.enter(ThreadState.Running);
    },
    coarseNow: () => ring.coarseMs(),
    end() {
      ended = true;
      return { trace: ring.close(), output: ctx.output.close() };
    },
    hasEnded: () => ended,
    droppedTimers: 0,
    droppedHostCalls: 0,
    onDropped: null,
    traceStarting(child) {
      new RingWriter(i32, table.get(child, Field.RingBase), TRACE_RING_EVENTS, clockAt, signals).write(ctx.now(), EventKind.State, ThreadState.Starting, 0);
    },
  };
  const gil = new Gil(i32, table.get(ident, Field.GilBase)).enabled()
    ? new GilSession(
        table, new Int32Array(run.ctl), ident, ctx.now,
        () => ring.write(ctx.now(), EventKind.State, ThreadState.Runnable, 0),
        (from, latencyUs) => ring.write(ctx.now(), EventKind.GilHandover, Math.min(latencyUs, 0xffffff), from),
      )
    : null;
  current = ctx;
  return ctx;
}
