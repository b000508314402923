// A run's coarse clock (clock-worker.ts): a worker from the clocks' pool
// that ticks the run's clock word until the run ends, then goes back to the
// pool for the next run instead of being terminated, which spares a worker
// boot (a V8 isolate: 10-17 ms of a core, beside every run on a 2-core
// machine).
//
// It stops on a stop word of its own (clock-loop.ts), in a buffer only the
// runner holds (and, should the runner never say, a while after the run's
// state word leaves 0). The run's heap
// is no place for the word that frees a worker another run will get: the
// snippet can reach that heap, and a state word it set back to 0 would keep
// the clock ticking there, and the next run's start message queued behind
// it, for ever. States: ticking (stop 0) → stopped (stop 1, kept by the pool).
//
// The same buffer carries the runner's pings (clock-loop.ts), by which it
// measures how far its own clock is from its workers' (worker-time.ts).

import { ANSWER_AT, ANSWERED, PING, STOP, STOP_BYTES, type ClockStart } from "../clock-loop";
import { adoptOffset, frameNow } from "./worker-time";
import { ANY_RUN, type WarmPool } from "./worker-pool";

/** a round trip short enough to stop pinging at (a measure's error is at most its round trip) */
const GOOD_ROUND_TRIP_MS = 0.1;
/** the runner's first measure, before any run: how often it pings a clock still booting, and for how long at most */
const AHEAD_EVERY_MS = 5;
const AHEAD_FOR_MS = 10_000;

/** where the clock ticks: all of its start message but the stop word, which is the RunClock's */
export type ClockPlace = Omit<ClockStart, "stop">;

export class RunClock {
  private readonly stop = new Int32Array(new SharedArrayBuffer(STOP_BYTES));
  private readonly answer = new Float64Array(this.stop.buffer);
  private readonly worker: Worker;
  private ended = false;
  private pings = 0;

  /**
   * Before any run (a page's first run would otherwise be stamped on the
   * runner's own clock until its end: worker-time.ts): an idle clock
   * worker, lent by the pool, ticks a clock of no run and is pinged until
   * it answers, then goes back as it was.
   */
  static async measureAhead(pool: WarmPool): Promise<void> {
    const worker = pool.lend();
    if (!worker) return;
    const heap = new SharedArrayBuffer(16);
    const ticked = new Float64Array(heap, 0, 1);
    const clock = new RunClock(pool, { heap, clockIndex: 0, runStateIndex: 2, epochMs: 0 }, worker);
    try {
      // (Pinged once its loop ticks: a booting worker answers nothing, and the runner spins while it pings.)
      await clock.measureWithin(AHEAD_FOR_MS, AHEAD_EVERY_MS, () => ticked[0] !== 0);
    } finally {
      clock.ended = true;
      Atomics.store(clock.stop, STOP, 1);
      Atomics.notify(clock.stop, STOP);
      pool.giveBack(worker);
    }
  }

  constructor(private readonly pool: WarmPool, place: ClockPlace, lent?: Worker) {
    const worker = (this.worker = lent ?? pool.take(ANY_RUN));
    try {
      worker.postMessage({ ...place, stop: this.stop.buffer } satisfies ClockStart);
    } catch (error) {
      // (The supervisor never gets this clock to abandon: it goes here.)
      worker.terminate();
      throw error;
    }
  }

  /**
   * Measures the workers' clock against the runner's (worker-time.ts),
   * pinging for up to `budgetMs` (the runner waits that long at most: a
   * clock not yet started, or not scheduled, does not answer), and keeps
   * the ping with the shortest round trip: the worker read its clock at
   * some moment of it, so the difference lies between its reading minus
   * the round trip's end and its reading minus its start (worker-time.ts
   * takes one bound or the other). True if a ping came back.
   */
  measure(budgetMs: number): boolean {
    if (this.ended) return false;
    const deadline = frameNow() + budgetMs;
    let best = { roundTrip: Infinity, low: NaN, high: NaN };
    while (best.roundTrip > GOOD_ROUND_TRIP_MS) {
      const ping = ++this.pings;
      const sent = frameNow();
      Atomics.store(this.stop, PING, ping);
      Atomics.notify(this.stop, STOP);
      while (Atomics.load(this.stop, ANSWERED) !== ping) {
        if (frameNow() > deadline) return this.adopt(best);
      }
      const back = frameNow();
      const read = this.answer[ANSWER_AT];
      if (back - sent < best.roundTrip) best = { roundTrip: back - sent, low: read - back, high: read - sent };
      if (frameNow() > deadline) break;
    }
    return this.adopt(best);
  }

  /**
   * Measures as soon as the clock answers, trying a 1 ms ping every
   * `everyMs` (once `ready` says it may answer) for up to `forMs`, without
   * holding the runner up in between. True if it answered.
   */
  async measureWithin(forMs: number, everyMs: number, ready: () => boolean = () => true): Promise<boolean> {
    for (const until = performance.now() + forMs; performance.now() < until;) {
      if (ready() && this.measure(1)) return true;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
    return false;
  }

  private adopt(best: { roundTrip: number; low: number; high: number }): boolean {
    if (!Number.isFinite(best.roundTrip)) return false;
    adoptOffset(best.low, best.high);
    return true;
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
