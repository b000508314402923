// A run's coarse clock (clock-worker.ts): a worker from the clocks' pool
// that ticks the run's clock word until the run ends, then goes back to the
// pool for the next run instead of being terminated, which spares a worker
// boot (a V8 isolate: 10-17 ms of a core, beside every run on a 2-core
// machine).
//
// It stops on a stop word of its own (clock-loop.ts), in a buffer only the
// runner holds, and also when the run's state word leaves 0. The run's heap
// is no place for the word that frees a worker another run will get: the
// snippet can reach that heap, and a state word it set back to 0 would keep
// the clock ticking there, and the next run's start message queued behind
// it, for ever. States: ticking (stop 0) → stopped (stop 1, kept by the pool).

import type { ClockStart } from "../clock-loop";
import { ANY_RUN, type WarmPool } from "./worker-pool";

/** where the clock ticks: all of its start message but the stop word, which is the RunClock's */
export type ClockPlace = Omit<ClockStart, "stop">;

export class RunClock {
  private readonly stop = new Int32Array(new SharedArrayBuffer(4));
  private readonly worker: Worker;
  private ended = false;

  constructor(private readonly pool: WarmPool, place: ClockPlace) {
    const worker = (this.worker = pool.take(ANY_RUN));
    try {
      worker.postMessage({ ...place, stop: this.stop.buffer } satisfies ClockStart);
    } catch (error) {
      // (The supervisor never gets this clock to abandon: it goes here.)
      worker.terminate();
      throw error;
    }
  }

  /** The run is over: the clock stops at once and serves the next run (`memory`: the run's heap, counted by the pool). */
  end(memory: object): void {
    if (this.ended) return;
    this.ended = true;
    Atomics.store(this.stop, 0, 1);
    Atomics.notify(this.stop, 0);
    this.pool.keep(this.worker, ANY_RUN, memory);
  }

  /** The run never came to be: the worker goes, whatever state it is in. */
  abandon(): void {
    if (this.ended) return;
    this.ended = true;
    this.worker.terminate();
  }
}
