// Workers booted ahead of time, so that start() costs a message, not a
// worker boot (tens of ms). Every worker of a run is made from a blob of the
// bundled classic script the page handed the runner (frame-protocol.ts,
// WorkerSources): the runner's frame has an opaque origin, from which a
// classic worker from a blob is the one kind a browser allows.
//
// A worker serves one run only (it may run several of that run's threads in
// turn) and is terminated with it, so nothing a snippet leaves behind in a
// worker's globals reaches another run; the pool refills in the background.

import type { RunContextInit, ToWorker } from "../protocol";

export class BlobWorkers {
  readonly url: string;
  private readonly live = new Set<Worker>();

  constructor(source: string, readonly name: string) {
    this.url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  }

  create(): Worker {
    const worker = new Worker(this.url, { name: this.name });
    this.live.add(worker);
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
}

export class WarmPool {
  private readonly idle: Worker[] = [];
  private refillScheduled = false;
  private disposed = false;

  /**
   * `lowWater`: while at least this many workers stay idle, a run's takes
   * are not made up until it ends, since booting a worker costs ~100 ms of
   * CPU, which a run on a 2-core machine would feel. Fewer, and the pool
   * refills at once (a run that starts many threads needs them now).
   */
  constructor(private readonly workers: BlobWorkers, private readonly size = 6, private readonly lowWater = 2) {
    this.refill();
  }

  /** A booted worker if one is idle, else a new one (its messages queue until it boots). */
  take(): Worker {
    const worker = this.idle.shift() ?? this.workers.create();
    if (this.idle.length < this.lowWater) this.scheduleRefill();
    return worker;
  }

  /** The run is over: make up what it took. */
  runEnded(): void {
    this.scheduleRefill();
  }

  /** Let idle workers compile the run's snippet before any of them is needed. */
  prepare(run: RunContextInit): void {
    const message: ToWorker = { type: "prepare", runId: run.runId, js: run.js };
    for (const worker of this.idle) worker.postMessage(message);
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

  private refill(): void {
    while (!this.disposed && this.idle.length < this.size) this.idle.push(this.workers.create());
  }

  dispose(): void {
    this.disposed = true;
    for (const worker of this.idle.splice(0)) worker.terminate();
  }
}
