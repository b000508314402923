// One run, as the runner supervises it: it lays out the run's memory, hands
// the run's threads to workers, listens to each thread on its own port,
// watches for deadlocks, and ends the run (when MainThread has finished, it
// having waited for non-daemon threads itself as Python does; on an error
// in MainThread, a deadlock, Stop or a timeout) by terminating every worker
// it started. The drainer streams the run's trace and output to the page
// all along (run-drain.ts); the end is sent only after its last chunk.
//
// Nothing a worker says is taken on trust: a thread speaks for itself only
// (its port says who it is), a spawn must name a thread its sender just
// reserved, and the runner caps the run's workers at maxThreads whatever
// the shared thread table claims.

import { raceDetectorLimits } from "../race/race-memory";
import { controlReport, controlProblem, readGlobals, virtualNow } from "./control-report";
import { TURN_NAME, TURN_REF } from "../control/step-kinds";
import type { FromRunner } from "../frame-protocol";
import type { FromThread } from "../protocol";
import type { RunStatus, DeadlockInfo, ControlPlan } from "../types";
import type { ResolvedSettings } from "../settings";
import { Ctl, Field, Lifecycle, MAIN_PID, TERMINATED_EXIT_CODE } from "../thread-table";
import { createRunMemory, type RunHeaps, type RunMemory } from "./run-memory";
import { RunVoice } from "./run-voice";
import { Crew } from "./crew";
import type { WarmPool } from "./worker-pool";
import type { HeapShelf } from "./heap-shelf";
import { DockedCrew, memoryShape } from "./docked-crew";
import { RunDrain } from "./run-drain";
import type { RingEnds } from "../drainer/release-book";
import { RunClock } from "./run-clock";

/** two scans must agree, so a deadlock is reported within about 2x this */
const DEADLOCK_SCAN_MS = 300;
/** how long the end waits for ended threads' last messages */
const LAST_WORDS_MS = 1000;

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
  /** every thread a worker was given, and its process */
  private readonly pids = new Map<number, number>();
  private readonly terminatedPids = new Set<number>();
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
  /** threads that had ended when MainThread did, whose exit has not been read yet */
  private lastWords: Set<number> | null = null;
  private lastWordsHeard: (() => void) | null = null;

  /** runs the workers of this run had served docked before it */
  private readonly dockedRuns: number;

  /** `docked`: the workers (and `heaps`, and buffers) an earlier run of this code left docked, parked now */
  constructor(private readonly request: RunRequest, private readonly heaps: RunHeaps, private readonly parts: SupervisorParts, docked?: DockedCrew) {
    const memory = (this.memory = createRunMemory(request.runId, request.js, request.settings, request.sharedGlobals, heaps, request.plan, docked?.kept));
    const adopted = docked?.restore(memory) ?? undefined;
    this.dockedRuns = adopted ? docked!.runs : 0;
    const { table, heap, context } = memory;
    this.voice = new RunVoice(request.runId, table, memory.tableEndWord, (message) => parts.send(message), () => this.now());
    parts.send({ type: "started", runId: request.runId, epochMs: context.epochMs });

    this.drain = new RunDrain(memory, parts.drainers,
      (chunk) => parts.send({ type: "chunk", runId: request.runId, chunk }, chunk.events.map((e) => e.data)),
      () => void this.end("error"), request.plan?.reuse === true);

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
        started: (ident) => this.accept(ident),
        message: (ident, message) => this.onThreadMessage(ident, message),
        crashed: (ident, reason) => this.onCrash(ident, reason),
        // Handed to a worker that was retired before it took it: checked like any start, then run elsewhere.
        stranded: (ident) => {
          if (this.admissible(ident, 0)) this.crew.start(ident);
        },
      }, memory.dockPlaces, code, adopted);
      this.pids.set(memory.main, MAIN_PID);
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

  private now(): number {
    const control = this.memory.context.control;
    return control ? virtualNow(control) : performance.timeOrigin + performance.now() - this.memory.context.epochMs;
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
        return this.spawn(sender, message.ident);
      case "started":
        return;
      case "object":
        return this.voice.object(message);
      case "exception":
        return this.voice.exception(sender, message.errorName, message.message, message.stack, message.t);
      case "exit":
        return this.onExit(sender, message.state, message.exitCode, message.ends ?? null, message.broken === true);
      case "os-exit":
        this.exitCode = message.exitCode;
        void this.end("ok");
        return;
      case "terminate":
        return this.terminateProcess(sender, message.pid);
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
        if (this.pids.has(message.ident)) this.voice.lateNotice(message.ident, message.events, message.lines);
        return;
      case "race":
        return this.voice.race(sender, message);
    }
  }

  /**
   * Whether thread `ident` may run: reserved and published, given to no
   * worker before, of a process still alive, and within the run's limit of
   * threads (the runner counts for itself whatever the table claims).
   */
  private admissible(ident: number, announce: number, fromDock = false): boolean {
    const { table } = this.memory;
    if (this.ended || !(ident > 0) || !table.holdsSlot(ident) || this.pids.has(ident)) return false;
    const lifecycle = table.get(ident, Field.Lifecycle);
    // A thread from the dock may have run to its end before its worker's "started" is read here.
    const ran = fromDock && lifecycle === Lifecycle.Finished;
    if (lifecycle !== Lifecycle.Starting && lifecycle !== Lifecycle.Alive && !ran) return false;
    const pid = table.get(ident, Field.Pid);
    const max = this.request.settings.maxThreads;
    if (this.crew.size > max || this.terminatedPids.has(pid)) {
      const overLimit = this.crew.size > max;
      // Said in the starter's name when the runner knows it (the dock's path passes the table's parent, checked), else the playground's.
      if (overLimit) this.voice.notice(this.pids.has(announce) ? announce : 0, `can't start new thread: ${max} threads are alive, the run's limit (settings.maxThreads)`);
      table.abandon(ident);
      this.drain.released(ident, null);
      // Its starter wrote "starting" into its ring at start(): its lane ends here, where it was refused, not at the run's end.
      this.voice.halted(ident, overLimit ? "error" : "stopped");
      return false;
    }
    this.pids.set(ident, pid);
    this.voice.named(ident, table.name(ident));
    return true;
  }

  /** A worker took thread `ident` from the dock. */
  private accept(ident: number): boolean {
    return this.admissible(ident, this.memory.table.get(ident, Field.Parent), true);
  }

  /** A thread asks for a worker for thread `ident`, which it has just reserved and published (no worker was parked). */
  private spawn(sender: number, ident: number): void {
    const { table } = this.memory;
    if (!(ident > 0 && table.holdsSlot(ident) && table.get(ident, Field.Parent) === sender)) return;
    if (!this.admissible(ident, sender)) return;
    this.crew.start(ident);
    // A controlled run starts its threads on virtual time, one at a time:
    // parked workers would make no start sooner, and the search pays for
    // every worker a run boots.
    if (!this.memory.context.control) this.crew.fillDockSoon();
  }

  private onExit(ident: number, state: "done" | "error", exitCode: number, ends: RingEnds | null, broken = false): void {
    if (!this.crew.has(ident)) return;
    if (broken) {
      // Its worker could not run it (the runtime's memory overwritten): it wrote no end of its own, so its lane
      // ends here, in error, and the worker, whose state is in doubt, goes.
      this.crew.terminate(ident);
      this.voice.halted(ident, "error");
    } else {
      // The worker parks for another thread of this run: same snippet, already
      // compiled, so a program that starts threads one after another pays for
      // worker boots only once. Nothing crosses into another run.
      this.crew.finished(ident);
    }
    this.release(ident, ends);
    if (ident === this.memory.main) {
      this.exitCode = exitCode;
      this.endAfterLastWords(state === "done" ? "ok" : "error");
    } else {
      this.lastWords?.delete(ident);
      if (this.lastWords?.size === 0) this.lastWordsHeard?.();
    }
  }

  /**
   * Ends the run once every thread that has already ended has been heard to
   * the end: a thread's last messages (its exception, then its exit) come on
   * its own port, and may arrive after MainThread's exit on another port
   * even though they were sent first.
   */
  private endAfterLastWords(status: RunStatus): void {
    const { table } = this.memory;
    // Ended (per the table) but not yet released: their exit has not been read. Some may come from the
    // dock and not even have said "started" yet. The table may lie; LAST_WORDS_MS bounds what that costs.
    const unheard = table.identsIn(Lifecycle.Finished).filter((ident) => ident !== this.memory.main);
    if (unheard.length === 0) {
      void this.end(status);
      return;
    }
    this.lastWords = new Set(unheard);
    const giveUp = setTimeout(() => this.lastWordsHeard?.(), LAST_WORDS_MS);
    this.timers.push(giveUp);
    this.lastWordsHeard = () => {
      clearTimeout(giveUp);
      this.lastWordsHeard = null;
      this.lastWords = null;
      void this.end(status);
    };
  }

  /**
   * The thread's worker is done with it: the drainer may recycle its slot
   * once it has read its rings, to `ends` where its worker counted them
   * (null: the worker is gone, or never said).
   */
  private release(ident: number, ends: RingEnds | null = null): void {
    const { table } = this.memory;
    table.finish(ident);
    this.drain.released(ident, ends);
    if (table.holdsSlot(ident)) table.set(ident, Field.Lifecycle, Lifecycle.Released);
  }

  private onCrash(ident: number, reason: string): void {
    if (this.ended) return;
    this.voice.exception(ident, "WorkerError", reason, "", this.now());
    if (!this.pids.has(ident)) return;
    this.crew.terminate(ident);
    this.voice.halted(ident, "error");
    this.release(ident);
    if (ident === this.memory.main) void this.end("error");
  }

  /** SIGTERM, as the runner can give it: end the worker of every thread of `pid`. */
  private terminateProcess(sender: number, pid: number): void {
    if (pid === MAIN_PID || !this.crew.has(sender)) return;
    // A thread of it that a worker is taking from the dock right now is refused when that worker says so (admissible).
    this.terminatedPids.add(pid);
    const { table } = this.memory;
    for (const ident of this.crew.idents()) {
      if (this.pids.get(ident) !== pid) continue;
      this.crew.terminate(ident);
      table.setExitCode(ident, TERMINATED_EXIT_CODE);
      this.voice.halted(ident, "stopped");
      this.release(ident);
    }
  }

  private scanForDeadlock(): void {
    if (this.ended) return;
    const found = this.voice.deadlock();
    if (!found) return;
    this.deadlock = found;
    void this.end("deadlock");
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
    for (const timer of this.timers) clearTimeout(timer);
    const { table, heap } = this.memory;
    const endMs = this.now();
    // Writers past this point drop instead of waiting on a full ring.
    Atomics.store(heap.i32, table.control + Ctl.RunState, 1);
    // terminate() returns before the worker has stopped: nothing is woken
    // now (a joiner woken here would run on until its own worker stops), and
    // what a thread records after endMs is not part of the run.
    this.crew.endRun(this.code !== undefined && memoryShape(this.request.settings, this.request.sharedGlobals) !== null);
    // What the threads recorded before the end goes to the page first. A final pass that never ends leaves the
    // trace not whole, by how much not known: the page cuts it where each thread was last seen (run-session.ts).
    const drained = await this.drain.finish(endMs);
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
