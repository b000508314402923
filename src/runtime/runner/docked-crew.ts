// A search's workers, kept docked between its schedules: the next schedule
// runs on the same workers, in the same memory, without a message to any
// of them. Serving a schedule the usual way (a worker kept in the pool,
// told to serve with a message carrying the run's buffers and a new port,
// its "idle" answer awaited) cost the runner's thread more than the
// schedule's own run, and the runner's thread is a search's bottleneck.
//
// At a controlled run's end (crew.ts endRun), when every worker of the run
// is parked or about to park, the crew puts each place under review
// (runtime/dock.ts REVIEW): each worker lets go of the run, checks itself
// as it would before serving another run (runtime/worker-hygiene.ts), and
// parks again, or, changed, says so and leaves. The next run of the same
// code and shape (the same layout of memory: thread slots, shared globals;
// no race detector, whose memory is per run) lays itself out in the same
// heaps and buffers (run-memory.ts KeptBuffers), once every worker has
// parked again, so that the copy of the run each worker holds stays true;
// MainThread is then handed to a parked worker through the dock, as any
// thread is. A worker that did not park again in time, or failed its
// check, sends the next schedule down the usual path, with fresh memory.
//
// What a schedule could leave for the next in a docked worker is what it
// could leave in a kept one, and the same check looks for it; what a search
// reports it replays alone first (session/explore.ts).
//
// States: docked (between runs: waiting for its workers to park again),
// then adopted by the next run (restore) or let go (release).

import { CLOSED, closePlace, PARKED, REVIEW } from "../dock";
import type { ResolvedSettings } from "../settings";
import { dismiss, letGo, type Member } from "./crew-member";
import type { KeptBuffers, RunHeaps, RunMemory } from "./run-memory";
import { readThreadMessage } from "./thread-messages";
import { recycleHeaps, type HeapShelf } from "./heap-shelf";
import type { WarmPool } from "./worker-pool";

/** runs one docked crew serves at most before its workers are let go (a kept worker's limit, worker-pool.ts) */
const MAX_DOCKED_RUNS = 1000;

/** What the layout of a run's memory depends on besides its code: a docked crew serves only runs of the same. */
export function memoryShape(settings: ResolvedSettings, sharedGlobals: number): string | null {
  if (!settings.controlled || settings.raceDetector) return null;
  return `${settings.maxThreads}/${sharedGlobals}`;
}

export class DockedCrew {
  private failed = false;

  constructor(
    readonly code: string,
    private readonly shape: string,
    private readonly members: Member[],
    readonly heaps: RunHeaps,
    readonly kept: KeptBuffers,
    private readonly dockBase: number,
    /** runs these workers have served docked */
    readonly runs: number,
  ) {
    const i32 = heaps.heap.i32;
    for (const member of members) {
      // A worker that fails its check says so and leaves; one that crashes, the same: either wakes the wait below.
      const fail = () => {
        this.failed = true;
        Atomics.notify(i32, dockBase + member.place);
      };
      member.worker.onerror = (event) => {
        event.preventDefault();
        fail();
      };
      member.port.onmessage = (event) => {
        if (readThreadMessage(event.data)?.type === "idle") fail();
      };
    }
  }

  get size(): number {
    return this.members.length;
  }

  /** Whether a run of `code` in `settings` may take these workers and this memory. */
  fits(code: string, settings: ResolvedSettings, sharedGlobals: number): boolean {
    return code === this.code && memoryShape(settings, sharedGlobals) === this.shape && this.runs < MAX_DOCKED_RUNS;
  }

  /** True once every worker has checked itself and parked again; false if one failed, or did not within `ms`. */
  async whenParked(ms: number): Promise<boolean> {
    const deadline = performance.now() + ms;
    const i32 = this.heaps.heap.i32;
    for (const member of this.members) {
      const at = this.dockBase + member.place;
      for (;;) {
        const value = Atomics.load(i32, at);
        if (this.failed || (value !== PARKED && value !== REVIEW)) return false;
        if (value === PARKED) break;
        const left = deadline - performance.now();
        if (left <= 0) return false;
        await reviewEnds(i32, at, left);
      }
    }
    return !this.failed;
  }

  /**
   * The next run has laid itself out in these heaps (which emptied the
   * dock): the parked workers' places say so again, and the run takes the
   * workers. Null, and every worker terminated, if the dock is not where
   * it was (it always is for a run of the same shape).
   */
  restore(memory: RunMemory): Member[] | null {
    const { context } = memory;
    const same = memory.dockBase === this.dockBase && context.controlIndex === this.kept.controlIndex && context.ctl === this.kept.ctl && context.control === this.kept.control;
    if (!same || this.members.some((m) => m.place >= memory.dockPlaces)) {
      for (const member of this.members) dismiss(member);
      return null;
    }
    for (const member of this.members) Atomics.store(memory.heap.i32, this.dockBase + member.place, PARKED);
    return this.members;
  }

  /**
   * No run takes these workers: each is told its run is over, and is kept
   * in the pool for this code if it says it is clean. Resolves true once
   * all have said so (nothing of theirs can touch the heaps again).
   */
  release(pool: WarmPool): Promise<boolean> {
    const i32 = this.heaps.heap.i32;
    const verdicts = this.members.map((member) => {
      // One that failed its check has left (closed its place itself): it goes now.
      if (closePlace(i32, this.dockBase + member.place) === CLOSED) {
        dismiss(member);
        return Promise.resolve(false);
      }
      return letGo(member, pool, this.code, this.heaps.heap, this.runs);
    });
    return Promise.all(verdicts).then((clean) => clean.every(Boolean));
  }
}

/** Resolves once word `at` no longer reads REVIEW (its worker's notify), or after `ms`. */
function reviewEnds(i32: Int32Array, at: number, ms: number): Promise<unknown> {
  if (typeof Atomics.waitAsync === "function") {
    const wait = Atomics.waitAsync(i32, at, REVIEW, ms);
    return wait.async ? wait.value : Promise.resolve();
  }
  // (A browser without waitAsync: looked at again in a millisecond.)
  return new Promise((resolve) => setTimeout(resolve, Math.min(ms, 1)));
}

/** docked workers no run took within this are let go (the time the pool keeps a worker for its code) */
const KEEP_MS = 3000;

/** The runner's one docked crew at a time: the last search's, until a run takes it or it is let go. */
export class Dock {
  private crew: DockedCrew | null = null;
  private expiry: ReturnType<typeof setTimeout> | undefined;
  /** runs that took a docked crew, and the workers they took (the tests check that a search docks) */
  served = 0;
  workersServed = 0;

  /** `shelf`: where the heaps of a crew no run took go, for a later run of its code (heap-shelf.ts) */
  constructor(private readonly pool: WarmPool, private readonly shelf: HeapShelf) {}

  put(crew: DockedCrew): void {
    this.clear();
    this.crew = crew;
    this.expiry = setTimeout(() => this.clear(), KEEP_MS);
  }

  /**
   * The docked crew for a run of `code` in `settings`, once its workers
   * have parked again (within `waitMs`), or null; a crew the run does not
   * fit, or that did not park, is let go.
   */
  async take(code: string, settings: ResolvedSettings, sharedGlobals: number, reuse: boolean, waitMs: number): Promise<DockedCrew | null> {
    const crew = this.crew;
    if (!crew) return null;
    // (Another controlled run of the code, such as the search's replay of what it reports, leaves it docked.)
    if (!reuse && settings.controlled && code === crew.code) return null;
    this.crew = null;
    clearTimeout(this.expiry);
    if (reuse && crew.fits(code, settings, sharedGlobals) && (await crew.whenParked(waitMs)) && recycleHeaps(crew.heaps)) {
      this.served++;
      this.workersServed += crew.size;
      return crew;
    }
    this.shelf.put(crew.code, crew.heaps, crew.release(this.pool));
    return null;
  }

  clear(): void {
    clearTimeout(this.expiry);
    if (this.crew) this.shelf.put(this.crew.code, this.crew.heaps, this.crew.release(this.pool));
    this.crew = null;
  }
}
