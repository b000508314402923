// One run, as the runner supervises it: it lays out the run's memory, hands
// the run's threads to workers, listens to each thread on its own port,
// watches for deadlocks, and ends the run (when MainThread has finished, it
// having waited for non-daemon threads itself as Python does; on an error
// in MainThread, a deadlock, Stop or a timeout) by terminating every worker
// it started. The drainer streams the run's trace and output to the page
// all along (run-drain.ts); the end is sent only after its last chunk.
// Which threads may start, and what their ends mean, is run-threads.ts's.

import { raceDetectorLimits } from "../race/race-memory";
import { controlReport, controlProblem, readGlobals, virtualNow } from "./control-report";
import { TURN_NAME, TURN_REF } from "../control/step-kinds";
import type { FromRunner } from "../frame-protocol";
import type { FromThread } from "../protocol";
import type { RunStatus, DeadlockInfo, ControlPlan } from "../types";
import type { ResolvedSettings } from "../settings";
import { Ctl, Field } from "../thread-table";
import { createRunMemory, type RunHeaps, type RunMemory } from "./run-memory";
import { RunVoice } from "./run-voice";
import { Crew } from "./crew";
import type { WarmPool } from "./worker-pool";
import type { HeapShelf } from "./heap-shelf";
import { DockedCrew, memoryShape } from "./docked-crew";
import { RunDrain } from "./run-drain";
import { RunThreads } from "./run-threads";
import { RunClock } from "./run-clock";
import { epochNow, frameNow, workersAt, workersNow } from "./worker-time";

/** two scans must agree, so a deadlock is reported within about 2x this */
const DEADLOCK_SCAN_MS = 300;
/** how long the runner pings its workers' clock (worker-time.ts) at a run's end, and then waits for it at most (endStamp) */
const END_MEASURE_MS = 3;
const END_WAIT_MS = 100;
/**
 * How far past a run's end (on the threads' real clock) a write of code that
 * ran on until its worker stopped can be stamped; the page allows the
 * runner's clock as much (run-session.ts CLOCK_SLACK_MS).
 */
const LATE_SLACK_MS = 5000;

export interface RunRequest {
  runId: number;
  js: string;
  settings: ResolvedSettings;
  sharedGlobals: number;
  timeoutMs?: number;
  /** a controlled run's policy after its schedule (explore, step mode) */
  plan?: ControlPlan;
}

export interface SupervisorParts {
  send(message: FromRunner, transfer?: Transferable[]): void;
  threads: WarmPool;
  drainers: WarmPool;
  clocks: WarmPool;
  /** where a controlled run leaves its heaps for the next run of its code */
  shelf: HeapShelf;
  /** where a search's run leaves its workers docked, in its memory, for the next run of its code (docked-crew.ts) */
  dock(crew: DockedCrew): void;
  /** the run is over and its end was sent */
  onEnd(): void;
}

export class Supervisor {
  private readonly memory: RunMemory;
  private readonly crew: Crew;
  /** the run's code when its workers and memory may serve the next run of it (a controlled run's) */
  private readonly code: string | undefined;
  /** the run's threads as the runner counts them: admitted, ended, refused (run-threads.ts) */
  private readonly threads: RunThreads;
  /** what the page is told about the run's threads and objects, by name */
  private readonly voice: RunVoice;
  private readonly drain: RunDrain;
  /** the coarse clock's worker; none in a controlled run, whose clock is virtual */
  private readonly clock: RunClock | null;
  private readonly timers: ReturnType<typeof setTimeout>[] = [];
  private deadlock: DeadlockInfo | undefined;
  private exitCode = 0;
  private ended = false;
  /** a controlled run paused for step mode (its trace is kept whole) */
  private paused = false;
  private problem: string | undefined;

  /** runs the workers of this run had served docked before it */
  private readonly dockedRuns: number;

  /** `docked`: the workers (and `heaps`, and buffers) an earlier run of this code left docked, parked now */
  constructor(private readonly request: RunRequest, private readonly heaps: RunHeaps, private readonly parts: SupervisorParts, docked?: DockedCrew) {
    const memory = (this.memory = createRunMemory(request.runId, request.js, request.settings, request.sharedGlobals, heaps, request.plan, docked?.kept));
    const adopted = docked?.restore(memory) ?? undefined;
    this.dockedRuns = adopted ? docked!.runs : 0;
    const { table, heap, context } = memory;
    this.voice = new RunVoice(request.runId, table, memory.tableEndWord, (message) => parts.send(message), () => this.now());
    parts.send({ type: "started", runId: request.runId });

    this.drain = new RunDrain(memory, parts.drainers,
      // (Stamped for the page's reading of the run's clock, not in a controlled run: its clock lies in memory the snippet can write.)
      (chunk) => parts.send({ type: "chunk", runId: request.runId, chunk, ...(memory.context.control ? {} : { sentMs: this.earlyNow() }) }, chunk.events.map((e) => e.data)),
      () => void this.end("error"), request.plan?.reuse === true);
    const threads = (this.threads = new RunThreads(memory, request.settings.maxThreads, this.voice, this.drain, {
      now: () => this.now(),
      end: (status) => void this.end(status),
      mainExited: (exitCode) => (this.exitCode = exitCode),
    }));

    // What a controlled run's threads wait on between their steps, named once (control/step-kinds.ts).
    if (context.control) parts.send({ type: "object", runId: request.runId, ref: TURN_REF, name: TURN_NAME });
    // A controlled run's workers may serve the next run of the same code (a search's next schedule).
    const code = (this.code = context.control && request.plan?.reuse ? request.js : undefined);
    // (Another controlled run of the search's code, such as its replay of what it reports, leaves the search's workers kept.)
    parts.threads.runStarts(context.control ? request.js : undefined);
    this.voice.named(memory.main, "MainThread");
    let clock: RunClock | null = null;
    let crew: Crew | null = null;
    try {
      // A controlled run's clock is virtual: its scheduler keeps the coarse clock (control/scheduler.ts).
      this.clock = clock = context.control
        ? null
        : new RunClock(parts.clocks, { heap: heap.buffer, clockIndex: table.clockIndex(), runStateIndex: table.control + Ctl.RunState, epochMs: context.epochMs });
      this.crew = crew = new Crew(memory, parts.threads, {
        started: (ident) => threads.accept(ident),
        message: (ident, message) => this.onThreadMessage(ident, message),
        crashed: (ident, reason) => threads.crashed(ident, reason),
        // Handed to a worker that was retired before it took it: checked like any start, then run elsewhere.
        stranded: (ident) => {
          if (threads.admissible(ident, 0)) this.crew.start(ident);
        },
      }, memory.dockPlaces, code, adopted);
      threads.attach(crew);
      this.crew.start(memory.main);
    } catch (error) {
      // A run that does not come to be has no end to say it is over: what it took is given back here (the pools
      // count runs going on), and its clock, drainer and any worker it gave MainThread to stop.
      Atomics.store(heap.i32, table.control + Ctl.RunState, 1);
      clock?.abandon();
      this.drain.abandon();
      crew?.endRun();
      parts.threads.runEnded();
      parts.drainers.runEnded();
      parts.clocks.runEnded();
      throw error;
    }
    // After MainThread's start: its worker compiles the snippet as it starts, and these posts (a few ms) would go first.
    parts.threads.prepare(context);
    // The dock fills once the run starts a thread (spawn): a run that starts
    // none would boot three workers for nothing, and their boots, on a
    // 2-core machine, are most of a one-line run's time.
    if (request.timeoutMs !== undefined && request.timeoutMs > 0) this.timers.push(setTimeout(() => this.end("timeout"), request.timeoutMs));
    this.timers.push(setInterval(() => this.scanForDeadlock(), DEADLOCK_SCAN_MS));
  }

  get runId(): number {
    return this.request.runId;
  }

  /** The run's clock as its threads read it (worker-time.ts: as last measured, at the end of a run). */
  private now(): number {
    const control = this.memory.context.control;
    return control ? virtualNow(control) : workersNow() - this.memory.context.epochMs;
  }

  stop(): void {
    void this.end("stopped");
  }

  /** The page took a chunk in: send it the next. */
  ack(): void {
    this.drain.ack();
  }

  private onThreadMessage(sender: number, message: FromThread): void {
    switch (message.type) {
      case "spawn":
        return this.threads.spawn(sender, message.ident);
      case "started":
        return;
      case "object":
        return this.voice.object(message);
      case "exception":
        return this.voice.exception(sender, message.errorName, message.message, message.stack, message.t);
      case "exit":
        // (Its timers never run: said before its exit, which may end the run.)
        if (message.timers !== undefined && this.threads.admitted(sender)) this.voice.lateNotice(sender, 0, 0, message.timers, 0, true);
        return this.threads.exited(sender, message.state, message.exitCode, message.ends ?? null, message.broken === true);
      case "os-exit":
        this.exitCode = message.exitCode;
        void this.end("ok");
        return;
      case "terminate":
        return this.threads.terminateProcess(sender, message.pid);
      case "thread-origin":
        return this.voice.threadOrigin(sender, message);
      case "controlled": {
        // The scheduler stopped the run: nothing can run any more (deadlock), step mode's pause, or a schedule that does not fit.
        if (message.end === 2) return this.controlledDeadlock();
        // A pause (step mode) ends the run as stopped, but everything it recorded is the view: none of it is dropped.
        this.paused = message.end === 3;
        this.problem = controlProblem(message.end);
        void this.end(message.end === 3 ? "stopped" : "error");
        return;
      }
      case "late":
        // (Only of a thread the runner admitted.)
        if (this.threads.admitted(message.ident)) this.voice.lateNotice(message.ident, message.events, message.lines, message.timers, message.hostCalls);
        return;
      case "race":
        return this.voice.race(sender, message);
    }
  }

  private scanForDeadlock(): void {
    if (this.ended) return;
    const found = this.voice.deadlock(this.clock !== null);
    if (!found) return;
    this.deadlock = found;
    void this.end("deadlock");
  }

  /**
   * The run's end, which cuts what its threads recorded after it: the
   * runner's reading `endRead`, on the threads' clock as measured now (the
   * difference does not move in a run's time; the clock answers pings until
   * the runner stops it, whatever the run's state word says). A clock that
   * does not answer (its worker may not have started its loop yet: a run of
   * a few ms) is waited for up to END_WAIT_MS, the threads already stopped;
   * past that, the last measure stands. (Synchronous when it answers: the
   * end goes on in the same task, as it always did.)
   */
  private endStamp(endRead: number): number | Promise<number> {
    const clock = this.clock;
    const stamp = () => workersAt(endRead) - this.memory.context.epochMs;
    if (!clock || clock.measure(END_MEASURE_MS)) return stamp();
    return clock.measureWithin(END_WAIT_MS, 1).then(stamp);
  }

  /** The run's clock, read early by the last measure's error at most (worker-time.ts): what the page may take as "now". */
  private earlyNow(): number {
    return epochNow() - this.memory.context.epochMs;
  }

  /** MainThread's shared globals now (a controlled run reports them: step mode shows them). */
  private mainGlobals(): number[] {
    const { table, userHeap, main } = this.memory;
    return readGlobals(userHeap.buffer, table.get(main, Field.GlobalsOffset), this.request.sharedGlobals);
  }

  /** Every thread of a controlled run waits and none sleeps: a deadlock now, a cycle of locks named if there is one. */
  private controlledDeadlock(): void {
    if (this.ended) return;
    this.scanForDeadlock();
    this.scanForDeadlock();
    if (this.ended) return;
    this.voice.notice(0, "deadlock: every thread is waiting and none can go on (no lock, event or join they wait for can change any more)");
    void this.end("deadlock");
  }

  private async end(status: RunStatus): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    this.threads.close();
    for (const timer of this.timers) clearTimeout(timer);
    const { table, heap } = this.memory;
    // The end's moment, on the runner's own clock (on the threads', once measured: endStamp), or a controlled run's.
    const virtual = this.memory.context.control;
    const endRead = virtual ? virtualNow(virtual) : frameNow();
    // Writers past this point drop instead of waiting on a full ring.
    Atomics.store(heap.i32, table.control + Ctl.RunState, 1);
    // terminate() returns before the worker has stopped: nothing is woken
    // now (a joiner woken here would run on until its own worker stops), and
    // what a thread records after endMs is not part of the run.
    this.crew.endRun(this.code !== undefined && memoryShape(this.request.settings, this.request.sharedGlobals) !== null);
    const stamp = virtual ? endRead : this.endStamp(endRead);
    const endMs = typeof stamp === "number" ? stamp : await stamp;
    // What the threads recorded before the end goes to the page first. A final pass that never ends leaves the
    // trace not whole, by how much not known: the page cuts it where each thread was last seen (run-session.ts).
    // A write stamped more than LATE_SLACK_MS past the end is no late write but forged; a virtual clock may jump
    // that far between the end's reading and its threads' last steps (the next sleeper's deadline).
    const drained = await this.drain.finish(endMs, virtual ? Infinity : endMs + LATE_SLACK_MS);
    if (!drained) this.problem ??= "the run's trace was not completely read at its end";
    this.drain.release(this.heaps.heap);
    this.clock?.end(this.heaps.heap);
    this.parts.threads.runEnded();
    this.parts.drainers.runEnded();
    this.parts.clocks.runEnded();
    // A stopped run ends now: what the page has not been sent yet is dropped, and counted.
    let discarded = (status === "stopped" && !this.paused) || status === "timeout" ? this.drain.discard() : { events: 0, fromMs: NaN };
    await this.drain.allSent();
    // The page stopped taking chunks in (allSent gave up waiting): what it was never sent is counted and cut, as a stop's.
    if (!this.drain.allGone) {
      const left = this.drain.discard();
      const times = [discarded.fromMs, left.fromMs].filter(Number.isFinite);
      discarded = { events: discarded.events + left.events, fromMs: times.length ? Math.min(...times) : NaN };
    }
    if (this.drain.corrupt) {
      status = "error";
      this.problem = this.drain.corrupt;
    }
    if (status !== "ok") this.exitCode = this.exitCode || 1;
    const race = this.memory.context.race;
    if (race) for (const text of raceDetectorLimits(new Int32Array(race))) this.voice.notice(0, text);
    const { control, seed } = this.memory.context;
    this.parts.send({
      type: "end", runId: this.runId, status, exitCode: this.exitCode, endMs,
      ...(this.deadlock ? { deadlock: this.deadlock } : {}),
      ...(this.problem ? { problem: this.problem } : {}),
      ...(discarded.events ? { discardedEvents: discarded.events, ...(Number.isFinite(discarded.fromMs) ? { discardedFromMs: discarded.fromMs } : {}) } : {}),
      ...(!drained ? { traceIncomplete: true as const } : {}),
      ...(control ? { control: controlReport(control, this.memory.capacity, seed ?? 0, (ident) => this.voice.threadName(ident), this.mainGlobals()) } : {}),
    });
    // The report has read the heaps; the drainer is done with them: once the threads' workers say they are too,
    // the search's next schedule may have them.
    this.leaveForNextRun();
    this.parts.onEnd();
  }

  /**
   * A search's run leaves its workers docked, in its memory, for the next
   * run of its code, or else its heaps on the shelf once its workers say
   * they are clean: only when the drainer read the last of them.
   */
  private leaveForNextRun(): void {
    const docked = this.crew.takeDocked();
    const reusable = this.code !== undefined && this.drain.drained && !this.drain.corrupt;
    const shape = memoryShape(this.request.settings, this.request.sharedGlobals);
    if (docked) {
      const { ctl, control, epochMs, controlIndex } = this.memory.context;
      const crew = new DockedCrew(this.request.js, shape ?? "", docked, this.heaps, { ctl, control, epochMs, controlIndex }, this.memory.dockBase, this.dockedRuns + 1);
      if (reusable && shape !== null) this.parts.dock(crew);
      else void crew.release(this.parts.threads);
    } else if (reusable) {
      this.parts.shelf.put(this.code!, this.heaps, this.crew.settled());
    }
  }
}
