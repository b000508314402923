// Workers booted ahead of time, so that start() costs a postMessage, not a
// worker boot (tens of ms). A worker runs one thread and is then retired, so
// nothing a snippet leaves behind in a worker's globals reaches the next one;
// the pool refills in the background.

import type { RunContextInit, ToWorker } from "./protocol";

export class WarmPool {
  private readonly idle: Worker[] = [];
  private refillScheduled = false;

  constructor(private readonly size = 6) {
    this.refill();
  }

  private create(): Worker {
    return new Worker(new URL("./worker-entry.ts", import.meta.url), { type: "module", name: "playground-thread" });
  }

  /** A booted worker if one is idle, else a new one (its messages queue until it boots). */
  take(): Worker {
    const worker = this.idle.shift() ?? this.create();
    this.scheduleRefill();
    return worker;
  }

  /** Let idle workers compile the run's snippet before any of them is needed. */
  prepare(run: RunContextInit): void {
    const message: ToWorker = { type: "prepare", run };
    for (const worker of this.idle) worker.postMessage(message);
  }

  private scheduleRefill(): void {
    if (this.refillScheduled) return;
    this.refillScheduled = true;
    setTimeout(() => {
      this.refillScheduled = false;
      this.refill();
    }, 0);
  }

  private refill(): void {
    while (this.idle.length < this.size) this.idle.push(this.create());
  }

  dispose(): void {
    for (const worker of this.idle.splice(0)) worker.terminate();
  }
}
