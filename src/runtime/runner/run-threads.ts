// The runner's account of a run's threads: which may start, which have
// ended, and when MainThread's end may end the run. The supervisor
// (supervisor.ts) passes it what the threads' workers say; nothing of it is
// taken on trust: a thread speaks for itself only (its port says who it
// is), a spawn must name a thread its sender just reserved, and the runner
// caps the run's workers at maxThreads whatever the shared thread table
// claims.
//
// A thread's life here: admitted (given to a worker, its process noted) ->
// exited (its worker said so), crashed (its worker died), terminated (its
// process was), or refused at its start (over the limit, or of a terminated
// process); each way ends in release: the table says finished and the
// drainer's release book (drainer/release-book.ts) says where its rings end.

import type { RunStatus } from "../types";
import { Field, Lifecycle, MAIN_PID, TERMINATED_EXIT_CODE, tooManyThreads } from "../thread-table";
import type { RingEnds } from "../drainer/release-book";
import type { RunMemory } from "./run-memory";
import type { RunVoice } from "./run-voice";
import type { RunDrain } from "./run-drain";
import type { Crew } from "./crew";

/** how long the end waits for ended threads' last messages */
const LAST_WORDS_MS = 1000;

export interface RunThreadsHooks {
  /** the run's clock now */
  now(): number;
  /** the run must end */
  end(status: RunStatus): void;
  /** MainThread exited with `exitCode` (the run ends once the threads ended before it have been heard: endAfterLastWords) */
  mainExited(exitCode: number): void;
}

export class RunThreads {
  /** every thread a worker was given, and its process */
  private readonly pids = new Map<number, number>();
  private readonly terminatedPids = new Set<number>();
  /** threads that had ended when MainThread did, whose exit has not been read yet */
  private lastWords: Set<number> | null = null;
  private lastWordsHeard: (() => void) | null = null;
  private giveUp: ReturnType<typeof setTimeout> | undefined;
  /** the run is ending: nothing more starts */
  private closed = false;
  private crew!: Crew;

  constructor(
    private readonly memory: RunMemory,
    private readonly maxThreads: number,
    private readonly voice: RunVoice,
    private readonly drain: RunDrain,
    private readonly hooks: RunThreadsHooks,
  ) {}

  /** The crew the threads run on (made after this, with callbacks into it); MainThread is admitted. */
  attach(crew: Crew): void {
    this.crew = crew;
    this.pids.set(this.memory.main, MAIN_PID);
  }

  /** The run is ending: no thread starts any more, and the wait for last words is over. */
  close(): void {
    this.closed = true;
    clearTimeout(this.giveUp);
  }

  /** Whether thread `ident` was admitted (given to a worker) in this run. */
  admitted(ident: number): boolean {
    return this.pids.has(ident);
  }

  /**
   * Whether thread `ident` may run: reserved and published, given to no
   * worker before, of a process still alive, and within the run's limit of
   * threads (the runner counts for itself whatever the table claims).
   */
  admissible(ident: number, announce: number, fromDock = false): boolean {
    const { table } = this.memory;
    if (this.closed || !(ident > 0) || !table.holdsSlot(ident) || this.pids.has(ident)) return false;
    const lifecycle = table.get(ident, Field.Lifecycle);
    // A thread from the dock may have run to its end before its worker's "started" is read here.
    const ran = fromDock && lifecycle === Lifecycle.Finished;
    if (lifecycle !== Lifecycle.Starting && lifecycle !== Lifecycle.Alive && !ran) return false;
    const pid = table.get(ident, Field.Pid);
    const max = this.maxThreads;
    if (this.crew.size > max || this.terminatedPids.has(pid)) {
      const overLimit = this.crew.size > max;
      // Said in the starter's name when the runner knows it (the dock's path passes the table's parent, checked), else the playground's.
      if (overLimit) this.voice.notice(this.pids.has(announce) ? announce : 0, tooManyThreads(max));
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
  accept(ident: number): boolean {
    return this.admissible(ident, this.memory.table.get(ident, Field.Parent), true);
  }

  /** A thread asks for a worker for thread `ident`, which it has just reserved and published (no worker was parked). */
  spawn(sender: number, ident: number): void {
    const { table } = this.memory;
    if (!(ident > 0 && table.holdsSlot(ident) && table.get(ident, Field.Parent) === sender)) return;
    if (!this.admissible(ident, sender)) return;
    this.crew.start(ident);
    // A controlled run starts its threads on virtual time, one at a time:
    // parked workers would make no start sooner, and the search pays for
    // every worker a run boots.
    if (!this.memory.context.control) this.crew.fillDockSoon();
  }

  /** Thread `ident`'s worker says it ended (`broken`: the worker could not run it at all). */
  exited(ident: number, state: "done" | "error", exitCode: number, ends: RingEnds | null, broken: boolean): void {
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
      this.hooks.mainExited(exitCode);
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
  endAfterLastWords(status: RunStatus): void {
    const { table } = this.memory;
    // Ended (per the table) but not yet released: their exit has not been read. Some may come from the
    // dock and not even have said "started" yet. The table may lie; LAST_WORDS_MS bounds what that costs.
    const unheard = table.identsIn(Lifecycle.Finished).filter((ident) => ident !== this.memory.main);
    if (unheard.length === 0) {
      this.hooks.end(status);
      return;
    }
    this.lastWords = new Set(unheard);
    this.giveUp = setTimeout(() => this.lastWordsHeard?.(), LAST_WORDS_MS);
    this.lastWordsHeard = () => {
      clearTimeout(this.giveUp);
      this.lastWordsHeard = null;
      this.lastWords = null;
      this.hooks.end(status);
    };
  }

  /** Thread `ident`'s worker died (`reason`, as the worker's error event said). */
  crashed(ident: number, reason: string): void {
    if (this.closed) return;
    this.voice.exception(ident, "WorkerError", reason, "", this.hooks.now());
    if (!this.pids.has(ident)) return;
    this.crew.terminate(ident);
    this.voice.halted(ident, "error");
    this.release(ident);
    if (ident === this.memory.main) this.hooks.end("error");
  }

  /** SIGTERM, as the runner can give it: end the worker of every thread of `pid`. */
  terminateProcess(sender: number, pid: number): void {
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

  /**
   * The thread's worker is done with it: the drainer may recycle its slot
   * once it has read its rings, to `ends` where its worker counted them
   * (null: the worker is gone, or never said).
   */
  private release(ident: number, ends: RingEnds | null = null): void {
    const { table } = this.memory;
    table.finish(ident);
    // The table first, then the book: once the book says so, the drainer may free the slot and a start() take it,
    // and a store here after that would land on the slot's next thread.
    if (table.holdsSlot(ident)) Atomics.compareExchange(table.i32, table.at(ident, Field.Lifecycle), Lifecycle.Finished, Lifecycle.Released);
    this.drain.released(ident, ends);
  }
}
