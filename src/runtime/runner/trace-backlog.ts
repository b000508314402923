// What the drainer has read and the page has not taken in yet, kept in the
// runner. The drainer copies events out of the rings at the speed of memory
// (tens of millions a second); the page takes them in a few milliseconds
// per frame (a few million a second). Between the two, this backlog lets a
// burst of events go by without slowing the threads that make them, up to
// a cap; past the cap the drainer is paused, the rings fill and the threads
// wait for the page: nothing is ever lost, and the runner's memory is
// bounded. The page acknowledges each chunk it has taken in, and at most
// PAGE_IN_FLIGHT are on their way to it at once.

import type { TraceChunk } from "../frame-protocol";

export const PAGE_IN_FLIGHT = 4;
/** events kept for the page at most: 50 million (800 MB), less on a device with little memory */
export function backlogCap(): number {
  const gib = (globalThis.navigator as { deviceMemory?: number } | undefined)?.deviceMemory ?? 8;
  return Math.max(4_000_000, Math.min(50_000_000, Math.floor((gib * 2 ** 30) / 16 / 8)));
}

function eventsIn(chunk: TraceChunk): number {
  let n = chunk.output.length;
  for (const e of chunk.events) n += e.data.byteLength / 16;
  return n;
}

export class TraceBacklog {
  private readonly waiting: TraceChunk[] = [];
  private events = 0;
  private inFlight = 0;

  constructor(
    private readonly send: (chunk: TraceChunk) => void,
    /** pause (true) or resume the drainer */
    private readonly pause: (paused: boolean) => void,
    private readonly cap = backlogCap(),
  ) {}

  /** A chunk from the drainer. */
  add(chunk: TraceChunk): void {
    this.waiting.push(chunk);
    this.events += eventsIn(chunk);
    if (this.events > this.cap) this.pause(true);
    this.pump();
  }

  /** The page has taken a chunk in. */
  ack(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.pump();
  }

  /** Every chunk has been sent: none waits here for the page to take in the ones on their way. */
  get allSent(): boolean {
    return this.waiting.length === 0;
  }

  /**
   * Drops what the page has not been sent (a stopped run): how many events
   * and lines that was, and the earliest moment any of them was stamped
   * (NaN if none says): every event stamped before it reached the page, so
   * the page cuts its record there. (Every event: a ring's stamps are not
   * all in order; an asyncio task's await is stamped when it began.)
   */
  discard(): { events: number; fromMs: number } {
    const events = this.events;
    let fromMs = NaN;
    const earlier = (t: number) => {
      if (Number.isFinite(t) && !(t >= fromMs)) fromMs = t;
    };
    for (const chunk of this.waiting) {
      for (const e of chunk.events) {
        const f64 = new Float64Array(e.data, 0, e.data.byteLength >> 3);
        for (let i = 0; i < f64.length; i += 2) earlier(f64[i]);
      }
      for (const line of chunk.output) earlier(line.t);
    }
    this.waiting.length = 0;
    this.events = 0;
    return { events, fromMs };
  }

  private pump(): void {
    while (this.inFlight < PAGE_IN_FLIGHT && this.waiting.length > 0) {
      const chunk = this.waiting.shift()!;
      this.events -= eventsIn(chunk);
      this.inFlight++;
      this.send(chunk);
    }
    if (this.events < this.cap / 2) this.pause(false);
  }
}
