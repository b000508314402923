// A run's drainer, as its supervisor keeps it: a drainer worker taken from
// the pool copies the run's trace and output out of the rings
// (drainer/drainer.ts); its chunks go to the page through a backlog that
// sends the next only once the page took the last in (trace-backlog.ts: a
// run cannot produce faster than the page reads), and the drainer pauses
// while the backlog is full. At the run's end, a last pass reads what the
// threads recorded up to the end's moment; then the drainer goes back to
// the pool (it runs no code of the snippet), unless it found the rings
// written over, or never finished. A search's run has no drainer worker:
// the same loop runs on the runner's thread (drainer/inline-drainer.ts).
//
// States: draining; final pass asked (finish); drained, or given up on
// after FINAL_DRAIN_MS (the page is told its trace is not whole, and cuts
// it: session/run-session.ts); released.

import { DRAIN_CONTROL_BYTES, DRAIN_PAUSED, DrainCommand, type DrainerStart, type FromDrainer } from "../drainer/drain-protocol";
import type { TraceChunk } from "../frame-protocol";
import { Ctl } from "../thread-table";
import type { RunMemory } from "./run-memory";
import { TraceBacklog } from "./trace-backlog";
import { ANY_RUN, type WarmPool } from "./worker-pool";
import { drainInline } from "../drainer/inline-drainer";
import { ReleaseBook, releaseBookBytes, type RingEnds } from "../drainer/release-book";

/** how long the end waits for the drainer's last chunk before it gives up on it */
const FINAL_DRAIN_MS = 5000;
/** how long the end waits for the page to take a chunk in before it stops waiting */
const PAGE_STALL_MS = 15_000;

/** Why a run ended in error, when what the drainer read of its memory cannot be believed (ui/output/runtime-words.ts says it in Chinese). */
export const unreadableTrace = (why: string) => `the run's trace could not be read: ${why} (the snippet wrote over the runtime's memory?)`;

/** `n` threads the runner let go of with their rings' ends, which the drainer never read to their end */
export const lostThreads = (n: number) => `what ${n === 1 ? "1 thread" : `${n} threads`} recorded was never found in the thread table`;

export class RunDrain {
  /** its drainer worker (none when it drains on the runner's thread) */
  private readonly drainer: Worker | null;
  private readonly commands: Int32Array;
  private readonly book: ReleaseBook;
  private readonly backlog: TraceBacklog;
  private onCaughtUp: (() => void) | null = null;
  private lastAckMs = 0;
  private finalDrain: (() => void) | null = null;
  /** the drainer said it emptied every ring: it is done with the run, and may drain the next */
  drained = false;
  /** why the run's trace is not to be believed (the drainer found its rings written over) */
  corrupt: string | undefined;
  /** the run never came to be (abandon): what the drain still says is not heard */
  private abandoned = false;
  /**
   * Threads the runner let go of with their rings' ends (they ran, and
   * every thread that runs has at least its "starting" event) that the
   * drainer has not yet said it read to their end. The drainer finds
   * threads in the table, which the snippet can write: zeroed, it holds
   * none, the drainer is done at once, and the run's prints were lost
   * unsaid. None of those let go of before the final pass may be left.
   */
  private readonly unread = new Set<number>();
  /** the unread when the final pass was asked for (finish): a thread let go of after it may be read, or not */
  private expected: number[] = [];

  /**
   * `send`: a chunk to the page; `onCorrupt`: the run must end (its trace
   * cannot be read); `inline`: drain on this thread, with no worker (a
   * search's run: drainer/inline-drainer.ts)
   */
  constructor(private readonly memory: RunMemory, private readonly drainers: WarmPool, send: (chunk: TraceChunk) => void, private readonly onCorrupt: () => void, inline = false) {
    const buffer = new SharedArrayBuffer(DRAIN_CONTROL_BYTES);
    this.commands = new Int32Array(buffer);
    const releases = new SharedArrayBuffer(releaseBookBytes(memory.table.capacity));
    this.book = new ReleaseBook(releases);
    this.backlog = new TraceBacklog(send, (paused) => {
      if (Atomics.exchange(this.commands, DRAIN_PAUSED, paused ? 1 : 0) === 1 && !paused) this.wake();
    });
    const { heap, table, ctl, tableEndWord } = memory;
    const start: DrainerStart = { heap: heap.buffer, ctl, control: table.control, table: table.layout(), tableEndWord, commands: buffer, releases };
    if (inline) {
      this.drainer = null;
      drainInline(start, (message) => this.onMessage(message));
      return;
    }
    this.drainer = drainers.take(ANY_RUN);
    this.drainer.onmessage = (event: MessageEvent<FromDrainer>) => this.onMessage(event.data);
    this.drainer.postMessage(start);
  }

  /** The page took a chunk in: send it the next. */
  ack(): void {
    this.lastAckMs = performance.now();
    this.backlog.ack();
    if (this.backlog.allSent) this.onCaughtUp?.();
  }

  /**
   * The runner is done with thread `ident` (its worker is back, or gone):
   * the drainer may recycle its slot once it has read its rings to `ends`,
   * the worker's own counts (null: unknown, as far as the rings' headers say).
   */
  released(ident: number, ends: RingEnds | null): void {
    // (Not gated on the table's ident word, which the snippet can write: the runner knows its threads' idents.)
    if (ident <= 0) return;
    this.book.release(this.memory.table.slotOf(ident), ident, ends);
    if (ends) this.unread.add(ident);
  }

  /** Wakes the drainer for a pass now (the threads wake it too, as their rings fill). */
  wake(): void {
    const { heap, table } = this.memory;
    Atomics.add(heap.i32, table.control + Ctl.DrainSignal, 1);
    Atomics.notify(heap.i32, table.control + Ctl.DrainSignal);
  }

  /**
   * The last pass: what the threads recorded up to `endMs`; anything
   * stamped past `lateUntilMs` is forged. False if the drainer did not
   * finish it within FINAL_DRAIN_MS.
   */
  finish(endMs: number, lateUntilMs: number): Promise<boolean> {
    // Its trace already found written over: the drainer stopped at that failed pass (a drain on this thread runs no
    // more), and a final pass would never answer; the run ends in error all the same.
    if (this.corrupt) return Promise.resolve(true);
    this.expected = [...this.unread];
    new Float64Array(this.commands.buffer, 8, 1)[0] = endMs;
    new Float64Array(this.commands.buffer, 16, 1)[0] = lateUntilMs;
    Atomics.store(this.commands, 0, DrainCommand.Final);
    Atomics.store(this.commands, DRAIN_PAUSED, 0);
    this.wake();
    return new Promise<boolean>((resolve) => {
      // (A drain on this thread answers within a pass: it waits PASS_MS at most, and a failed pass answers too.)
      const giveUp = this.drainer ? setTimeout(() => resolve(false), FINAL_DRAIN_MS) : undefined;
      this.finalDrain = () => {
        clearTimeout(giveUp);
        this.finalDrain = null;
        resolve(true);
      };
    });
  }

  /** Every chunk has gone to the page (allSent may stop waiting before, if the page stops taking them in). */
  get allGone(): boolean {
    return this.backlog.allSent;
  }

  /** After finish: the drainer goes back to the pool (it is done with `memory`), or, if it did not finish clean, is terminated. */
  release(memory: object): void {
    if (!this.drainer) return;
    this.drainer.onmessage = null;
    if (this.drained && !this.corrupt) this.drainers.keep(this.drainer, ANY_RUN, memory);
    else this.drainer.terminate();
  }

  /**
   * The run never came to be (its supervisor failed to start it): nothing
   * of it goes to the page, the drain on this thread makes its last pass
   * and stops, and a drainer worker, which may be in the middle of one, is
   * terminated rather than kept.
   */
  abandon(): void {
    this.abandoned = true;
    this.backlog.discard();
    this.onCaughtUp = null;
    this.finalDrain = null;
    // (Its last pass reads what is left to drop it: no time in it is judged.)
    new Float64Array(this.commands.buffer, 16, 1)[0] = Infinity;
    Atomics.store(this.commands, 0, DrainCommand.Final);
    Atomics.store(this.commands, DRAIN_PAUSED, 0);
    this.wake();
    if (!this.drainer) return;
    this.drainer.onmessage = null;
    this.drainer.terminate();
  }

  /** A stopped run's unsent chunks are dropped: how many events they held, and the earliest moment among them (TraceBacklog.discard). */
  discard(): { events: number; fromMs: number } {
    return this.backlog.discard();
  }

  /**
   * Resolves once every chunk is on its way to the page, or the page has
   * stopped taking any in for PAGE_STALL_MS. The end need not wait for the
   * page to take them in: the port delivers them before it, and the page
   * takes its messages in order (session/run-session.ts). Waiting for the
   * last acknowledgement cost every run a round trip to the page at its end.
   */
  allSent(): Promise<void> {
    if (this.backlog.allSent) return Promise.resolve();
    this.lastAckMs = performance.now();
    return new Promise((resolve) => {
      // The watch must stop with the wait: a timer left running keeps this
      // run (and its shared memory) alive, and the frame can hold only so
      // many runs' memory at once.
      let watch: ReturnType<typeof setTimeout> | undefined;
      const done = () => {
        clearTimeout(watch);
        this.onCaughtUp = null;
        resolve();
      };
      this.onCaughtUp = done;
      const check = () => {
        if (performance.now() - this.lastAckMs > PAGE_STALL_MS) done();
        else watch = setTimeout(check, 1000);
      };
      watch = setTimeout(check, 1000);
    });
  }

  /** Why the trace cannot be believed if threads let go of before the final pass were never read to their end. */
  private lostThreads(): string | undefined {
    const n = this.expected.filter((ident) => this.unread.has(ident)).length;
    return n === 0 ? undefined : unreadableTrace(lostThreads(n));
  }

  private onMessage(message: FromDrainer): void {
    if (this.abandoned) return;
    switch (message.type) {
      case "chunk":
        for (const ident of message.chunk.ended) this.unread.delete(ident);
        this.backlog.add(message.chunk);
        return;
      case "drained":
        this.drained = true;
        this.corrupt ??= this.lostThreads();
        this.finalDrain?.();
        return;
      case "corrupt":
        // The trace is not to be believed from here on: the run ends, as an error, whatever else it was ending as.
        this.corrupt = unreadableTrace(message.message);
        this.onCorrupt();
        this.finalDrain?.();
        return;
    }
  }
}
