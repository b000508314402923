// Workers booted ahead of time, so that start() costs a message, not a
// worker boot (tens of ms). Every worker of a run is made from a blob of the
// bundled classic script the page handed the runner (frame-protocol.ts,
// WorkerSources): the runner's frame has an opaque origin, from which a
// classic worker from a blob is the one kind a browser allows.
//
// A worker serves one run (it may run several of that run's threads in turn)
// and is terminated with it, so nothing a snippet leaves behind in a
// worker's globals reaches another run; the pool refills in the background.
// The one exception: a worker that ends a controlled run parked, and finds
// itself as it booted (runtime/worker-hygiene.ts), is kept for the next run
// of the same code, for KEEP_MS: a search runs hundreds of schedules of one
// snippet, and a boot cost more than a schedule.

import type { RunContextInit, ToWorker } from "../protocol";

export class BlobWorkers {
  readonly url: string;
  private readonly live = new Set<Worker>();
  private made = 0;

  constructor(source: string, readonly name: string) {
    this.url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  }

  create(): Worker {
    const worker = new Worker(this.url, { name: this.name });
    this.live.add(worker);
    this.made++;
    const terminate = worker.terminate.bind(worker);
    worker.terminate = () => {
      this.live.delete(worker);
      terminate();
    };
    return worker;
  }

  /** Workers made and not terminated (the tests check that a run leaves none behind). */
  get liveCount(): number {
    return this.live.size;
  }

  /** Workers ever made (the tests check that a search reuses them). */
  get madeCount(): number {
    return this.made;
  }
}

/** how long a worker kept for the next run of its code waits for it */
const KEEP_MS = 3000;
/**
 * Runs' memories a worker may have held before it is let go even if clean:
 * each run with fresh memory leaves its buffers (hundreds of MB of address
 * space) to the worker's garbage collector, which a worker that allocates
 * little seldom runs, and the browser refuses new buffers past a total; a
 * terminated worker's go at once. A search's runs take turns on two
 * memories (heap-shelf.ts), each counted once.
 */
const MAX_MEMORIES = 12;
/** the code a worker kept for any run is kept for (keep, take): the drainers' and the clocks' */
export const ANY_RUN = "";
/** idle workers that compile a run's snippet ahead (prepare): enough for a lesson's first threads */
const PREPARE_AHEAD = 3;
/** runs a worker serves at most, whatever their memory */
const MAX_SERVES = 1000;

export class WarmPool {
  private readonly idle: Worker[] = [];
  /** workers that served a run of `code` and may serve the next run of that code */
  private kept: { code: string; worker: Worker }[] = [];
  private keptExpiry: ReturnType<typeof setTimeout> | undefined;
  /** per worker: runs served, and the memories they were in (weakly: this count must not keep a run's buffers alive) */
  private readonly served = new WeakMap<Worker, { runs: number; memories: number; seen: WeakSet<object> }>();
  /** the snippet each idle worker was last given to compile */
  private readonly prepared = new WeakMap<Worker, string>();
  /** runs served by a kept worker (the tests check that a search reuses, and that a changed worker is not reused) */
  reused = 0;
  private refillScheduled = false;
  private disposed = false;
  /** idle workers the pool keeps booted now: `initial` until it grows to `size` */
  private target: number;
  /** runs going on: begun (runStarts) and not ended (runEnded); a run's end can come after the next one began */
  private runs = 0;
  /** workers were taken since the last run ended (the drainers' and clocks' pools, which hear no runStarts) */
  private taken = false;

  private get inRun(): boolean {
    return this.runs > 0 || this.taken;
  }

  /**
   * `lowWater`: while at least this many workers stay idle, a run's takes
   * are not made up until it ends, since booting a worker costs ~100 ms of
   * CPU, which a run on a 2-core machine would feel. Fewer, and the pool
   * boots a few at once (a run that starts many threads needs them now).
   */
  constructor(private readonly workers: BlobWorkers, readonly size = 6, private readonly lowWater = 2, initial = size) {
    this.target = Math.min(initial, size);
    this.refill();
  }

  /** Workers made ahead and waiting to be taken, booted or still booting (workers kept for a code are not counted). */
  get idleCount(): number {
    return this.idle.length;
  }

  /**
   * The pool boots the rest of its workers: when the page says it has
   * loaded, or after the first run. Not before: a page's first second is
   * its own load (the editor, the compiler), and on 2 cores ten workers
   * booting at once (each ~150 ms of CPU evaluating the runtime) held a
   * cold page's first run back.
   */
  grow(): void {
    // A run going on (the page said so during it) is not slowed either: its end grows the pool.
    if (this.target === this.size || this.inRun) return;
    this.target = this.size;
    this.scheduleRefill();
  }

  /** A worker kept for `code` if there is one, else a booted one if one is idle, else a new one (its messages queue until it boots). */
  take(code?: string): Worker {
    const at = code === undefined ? -1 : this.kept.findIndex((k) => k.code === code);
    if (at >= 0) {
      this.reused++;
      return this.kept.splice(at, 1)[0].worker;
    }
    const worker = this.idle.shift() ?? this.workers.create();
    this.taken = true;
    // Not grown yet: the first run is the page's first result, which boots would slow; its end grows the pool.
    if (this.idle.length < this.lowWater && this.target === this.size) this.scheduleRefill();
    return worker;
  }

  /**
   * An idle worker lent outside any run (the clocks' pool lends one for the
   * runner's first measure of its workers' clock: runner/run-clock.ts): it
   * comes back by giveBack, as it was, and counts as no run's take. Null
   * when none is idle.
   */
  lend(): Worker | null {
    return this.idle.shift() ?? null;
  }

  giveBack(worker: Worker): void {
    if (this.disposed) worker.terminate();
    else this.idle.unshift(worker);
  }

  /** The run is over: make up what it took. */
  runEnded(): void {
    this.runs = Math.max(0, this.runs - 1);
    this.taken = false;
    this.grow();
    this.scheduleRefill();
  }

  /** A run of `code` begins: workers kept for other code will not be wanted; it counts as going on until its runEnded. */
  runStarts(code: string | undefined): void {
    this.runs++;
    this.dropKept((k) => k.code !== code);
  }

  /** `worker` served `runs` runs of `code` in `memory` (any object that stands for the run's buffers), ended clean, and may serve the next run of it. */
  keep(worker: Worker, code: string, memory: object, runs = 1): void {
    const served = this.served.get(worker) ?? { runs: 0, memories: 0, seen: new WeakSet<object>() };
    served.runs += runs;
    if (!served.seen.has(memory)) {
      served.seen.add(memory);
      served.memories++;
    }
    this.served.set(worker, served);
    if (this.disposed || served.runs >= MAX_SERVES || served.memories >= MAX_MEMORIES) {
      worker.terminate();
      return;
    }
    this.kept.push({ code, worker });
    clearTimeout(this.keptExpiry);
    this.keptExpiry = setTimeout(() => this.dropKept(() => true), KEEP_MS);
  }

  private dropKept(which: (k: { code: string }) => boolean): void {
    const [drop, stay] = [this.kept.filter(which), this.kept.filter((k) => !which(k))];
    this.kept = stay;
    for (const k of drop) k.worker.terminate();
  }

  /**
   * Let the idle workers the run's next starts will take (the first
   * PREPARE_AHEAD: take() hands them out in order) compile its snippet before
   * any of them is needed. Not every idle worker: each compile is a task of
   * 2-3 ms on a worker woken for it, and the eight of a grown pool took
   * about 20 ms of a 2-core machine beside every run, most of whose threads
   * never come; a thread past them compiles the snippet as it starts.
   */
  prepare(run: RunContextInit): void {
    const message: ToWorker = { type: "prepare", runId: run.runId, js: run.js };
    for (const worker of this.idle.slice(0, PREPARE_AHEAD)) {
      // (A worker keeps the last snippet it compiled: a search's schedules would wake every idle worker for nothing.)
      if (this.prepared.get(worker) === run.js) continue;
      this.prepared.set(worker, run.js);
      worker.postMessage(message);
    }
  }

  private scheduleRefill(): void {
    if (this.refillScheduled || this.disposed) return;
    this.refillScheduled = true;
    // Off the path of the start() that took a worker: boot the next ones later.
    setTimeout(() => {
      this.refillScheduled = false;
      this.refill();
    }, 20);
  }

  /**
   * Boots workers up to the target; while a run goes on, only to one past
   * lowWater: each boot is 20-30 ms of a core, and six at once beside a
   * run's threads slowed a lesson's counting by a seventh (its starts come
   * from the dock, which its workers return to); the rest boot at its end.
   */
  private refill(): void {
    const target = this.inRun ? Math.min(this.target, this.lowWater + 1) : this.target;
    while (!this.disposed && this.idle.length < target) this.idle.push(this.workers.create());
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.keptExpiry);
    this.dropKept(() => true);
    for (const worker of this.idle.splice(0)) worker.terminate();
  }
}
