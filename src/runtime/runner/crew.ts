// The run's workers, as the runner keeps them: which worker runs which
// thread, where each parks (runtime/dock.ts), and keeping a few parked so
// that start() finds a worker without asking. A worker is taken warm from
// the pool, told to serve the run (its port, its dock place, and a thread
// to run first, or none: then it parks at once), and serves thread after
// thread of this run until the run ends, when every one is terminated, or,
// in a run whose code may run again on the same workers (a controlled run:
// a search's schedules), a parked one is let go of the run and kept if it
// says it is clean (runtime/worker-hygiene.ts).
//
// A controlled run's workers may instead stay docked for the next run of
// the same code (docked-crew.ts): the next run's crew takes them as they
// are, and hands MainThread to one of them through the dock.
//
// The runner learns which thread a worker runs from the worker itself (its
// "started" on its own port), since a start through the dock never passes
// the runner; the Supervisor checks that claim against the thread table
// before the crew believes it. A worker that claims what it may not is
// terminated.

import type { FromThread, ToWorker } from "../protocol";
import { closePlace, EMPTY, PARKED, reviewPlace } from "../dock";
import { readThreadMessage } from "./thread-messages";
import { dismiss, letGo, type Member } from "./crew-member";
import type { RunMemory } from "./run-memory";
import type { WarmPool } from "./worker-pool";

/** workers kept parked while the run goes on (start() takes one; the next is docked behind it); run-memory.ts leaves room for them */
const PARKED_TARGET = 3;
/**
 * Warm workers the dock leaves in the pool: starts that come in a burst
 * (a lesson starts its three threads at once) reach the runner before the
 * workers just sent to the dock have parked there, and each takes a worker
 * of the pool; a dock filled from the last of them left the third start a
 * worker to boot (50-75 ms "starting" on its lane, on 2 cores).
 */
const SPAWN_RESERVE = 2;
/** how long the runner waits after a start it was asked for before it fills the dock (fillDockSoon) */
const FILL_AFTER_MS = 2;

export interface CrewEvents {
  /** a worker says it has taken thread `ident` from the dock: true if it may */
  started(ident: number): boolean;
  message(ident: number, message: FromThread): void;
  /** a worker's thread failed outside the snippet's reach (the worker crashed) */
  crashed(ident: number, reason: string): void;
  /** thread `ident` was handed to a worker that is gone before it took it: start it elsewhere */
  stranded(ident: number): void;
}

export class Crew {
  private readonly members = new Set<Member>();
  private readonly running = new Map<number, Member>();
  private readonly freePlaces: number[] = [];
  private closed = false;
  private fillTimer: ReturnType<typeof setTimeout> | undefined;
  /** a worker of the run was terminated: it may not have stopped yet, so the run's memory is not reused */
  private terminatedAny = false;
  /** each worker let go of at endRun: whether it said it is clean */
  private readonly verdicts: Promise<boolean>[] = [];
  /** the workers the run left docked for the next run of its code (endRun) */
  private docked: Member[] | null = null;

  /**
   * `code`: the run's code when its workers may serve the next run of it
   * (undefined: they serve this run only); `adopted`: the workers an
   * earlier run of it left docked, parked at their places now.
   */
  constructor(private readonly memory: RunMemory, private readonly pool: WarmPool, private readonly events: CrewEvents, places: number, private readonly code?: string, adopted: Member[] = []) {
    const taken = new Set(adopted.map((m) => m.place));
    for (let place = places - 1; place >= 0; place--) if (!taken.has(place)) this.freePlaces.push(place);
    for (const member of adopted) {
      member.ident = 0;
      member.last = 0;
      member.ran = new Set();
      this.listen(member);
    }
  }

  /** Threads running now, by ident. */
  get size(): number {
    return this.running.size;
  }

  has(ident: number): boolean {
    return this.running.has(ident);
  }

  /**
   * Parks workers until PARKED_TARGET of them wait (or the dock is full),
   * from the pool's warm workers past SPAWN_RESERVE; not in a controlled
   * run (Supervisor.spawn says why).
   */
  fillDock(): void {
    if (this.memory.context.control) return;
    let parked = 0;
    for (const member of this.members) if (member.ident === 0 && member.place >= 0) parked++;
    for (; parked < PARKED_TARGET && this.freePlaces.length > 0 && this.pool.idleCount > SPAWN_RESERVE && !this.closed; parked++) this.hire(0);
  }

  /**
   * fillDock once the starts reaching the runner have stopped coming for
   * FILL_AFTER_MS: a burst of them (a program starts its five threads in a
   * loop) takes warm workers of the pool, each its own, instead of the dock
   * taking them first and leaving the burst's last starts workers to boot.
   */
  fillDockSoon(): void {
    clearTimeout(this.fillTimer);
    this.fillTimer = setTimeout(() => this.fillDock(), FILL_AFTER_MS);
  }

  /**
   * Starts thread `ident` on a worker of its own; a controlled run's
   * MainThread, on a worker of the crew parked at its place if there is one
   * (a docked crew's, which has run nothing of this run). Not any other
   * start: the threads' own go through the dock, and one the runner hands
   * on is one they found no worker for. Handing it to a worker parked since
   * would race with that worker's report of a thread it took from the dock
   * before: the report would come in after, naming another thread than the
   * one handed, and the worker would be retired with the handed one on it.
   */
  start(ident: number): void {
    const member = (this.memory.context.control && ident === this.memory.main ? this.parkedMember(ident) : null) ?? this.hire(ident);
    member.ident = ident;
    this.running.set(ident, member);
  }

  /** A member parked at its place, now handed thread `ident` through the dock (as a starter hands one: runtime/dock.ts). */
  private parkedMember(ident: number): Member | null {
    const i32 = this.memory.heap.i32;
    for (const member of this.members) {
      if (member.ident !== 0 || member.place < 0) continue;
      const at = this.memory.dockBase + member.place;
      if (Atomics.compareExchange(i32, at, PARKED, ident) !== PARKED) continue;
      Atomics.notify(i32, at, 1);
      return member;
    }
    return null;
  }

  /** The worker of `ident` is done with it; it parks again for the next. */
  finished(ident: number): void {
    const member = this.running.get(ident);
    if (!member) return;
    this.running.delete(ident);
    member.ident = 0;
    member.last = ident;
    member.ran.add(ident);
    if (member.place < 0) this.retire(member);
  }

  /** Terminates the worker running `ident` (Process.terminate, a crash). */
  terminate(ident: number): void {
    const member = this.running.get(ident);
    if (member) this.retire(member);
  }

  /** Idents of the threads running, as far as the runner knows. */
  idents(): number[] {
    return [...this.running.keys()];
  }

  /**
   * The run is over: every worker goes, except, when the code may run again
   * here, one that is parked or on its way to park with nothing new handed
   * to it: its place is closed, and it is kept if it says it is clean.
   * (Closing a place wakes no thread of the run: it runs no more code of it.)
   * With `dock`, when every worker is so, they all stay docked instead
   * (takeDocked), their places under review.
   */
  endRun(dock = false): void {
    this.closed = true;
    clearTimeout(this.fillTimer);
    const i32 = this.memory.heap.i32;
    const placeOf = (member: Member) => this.memory.dockBase + member.place;
    const idle = (member: Member) => member.ident === 0 && member.place >= 0;
    // Parked, or on its way to park with nothing new handed to it: the worker runs no more code of this run.
    const free = (member: Member, held: number) => held === PARKED || held === EMPTY || held === member.last;
    const all = [...this.members];
    const reviewed = new Map<Member, number>();
    if (dock && this.code !== undefined && !this.terminatedAny && all.length > 0 && all.every(idle)) {
      for (const member of all) reviewed.set(member, reviewPlace(i32, placeOf(member)));
      if (all.every((member) => free(member, reviewed.get(member)!))) this.docked = all;
    }
    if (!this.docked) {
      for (const member of all) {
        const closed = this.code !== undefined && idle(member) ? closePlace(i32, placeOf(member)) : null;
        const held = closed === null ? null : (reviewed.get(member) ?? closed);
        if (held !== null && free(member, held)) this.verdicts.push(letGo(member, this.pool, this.code!, this.memory.heap));
        else this.dismiss(member);
      }
    }
    this.members.clear();
    this.running.clear();
  }

  /** After endRun: the workers left docked for the next run of the code, each checking itself (once: the caller owns them). */
  takeDocked(): Member[] | null {
    const docked = this.docked;
    this.docked = null;
    return docked;
  }

  /** After endRun: true once every worker of the run said it is clean and none was terminated, so nothing of the run can touch its memory again. */
  settled(): Promise<boolean> {
    return Promise.all(this.verdicts).then((clean) => !this.terminatedAny && clean.every(Boolean));
  }

  private dismiss(member: Member): void {
    this.terminatedAny = true;
    dismiss(member);
  }

  /** The crew hears the member's messages and learns of its crash. */
  private listen(member: Member): void {
    this.members.add(member);
    member.port.onmessage = (event) => {
      const message = readThreadMessage(event.data);
      if (message && this.members.has(member)) this.onMessage(member, message);
    };
    member.worker.onerror = (event) => {
      event.preventDefault();
      if (!this.members.has(member)) return;
      const ident = member.ident;
      this.retire(member);
      if (ident) this.events.crashed(ident, event.message || "the worker failed");
    };
  }

  private hire(ident: number): Member {
    const worker = this.pool.take(this.code);
    const channel = new MessageChannel();
    const place = this.freePlaces.pop() ?? -1;
    const member: Member = { worker, port: channel.port1, place, ident: 0, last: 0, ran: new Set() };
    this.listen(member);
    const at = place >= 0 ? this.memory.dockBase + place : -1;
    // A worker that may serve the next run of this code records itself first (worker-hygiene.ts), before any of the run's code.
    const serve: ToWorker = {
      type: "serve", run: this.memory.context, port: channel.port2, placeAt: at, ...(ident ? { ident } : {}), ...(this.code !== undefined ? { reusable: true } : {}),
    };
    worker.postMessage(serve, [channel.port2]);
    return member;
  }

  private onMessage(member: Member, message: FromThread): void {
    if (message.type === "started") {
      const ident = message.ident;
      // A worker the runner started on `ident` says so too; one from the dock is believed only if the table agrees.
      if (member.ident === ident) return;
      if (member.ident !== 0 || this.running.has(ident) || !this.events.started(ident)) {
        this.retire(member);
        return;
      }
      member.ident = ident;
      this.running.set(ident, member);
      this.fillDock();
      return;
    }
    // (About a thread it ran, which has ended: it may come while the worker runs another.)
    if (message.type === "late") {
      if (member.ran.has(message.ident)) this.events.message(message.ident, message);
      return;
    }
    if (member.ident) this.events.message(member.ident, message);
  }

  private retire(member: Member): void {
    this.terminatedAny = true;
    this.members.delete(member);
    if (member.ident && this.running.get(member.ident) === member) this.running.delete(member.ident);
    member.port.onmessage = null;
    member.port.close();
    member.worker.terminate();
    if (member.place < 0) return;
    const held = closePlace(this.memory.heap.i32, this.memory.dockBase + member.place);
    // A thread handed to it that it never said it took: nobody runs it unless someone else does.
    if (held > 0 && held !== member.ident && !this.running.has(held) && !this.closed) this.events.stranded(held);
  }
}
