// Pipe and Connection as snippets use them (Python's multiprocessing.Pipe):
// the pipe core (sync/pipe-core.ts) in the run's shared heap, each direction
// a FIFO byte channel of DEFAULT_PIPE_BYTES (64 KiB) unless `{ bufferBytes }`
// says otherwise. Messages are copied as queue items are (api/queues.ts).
// While a call really sleeps the thread shows "waiting on a queue or pipe" with a
// wait-for edge to the channel; sends and recvs are queue events on the
// timeline (QUEUE_PUT / QUEUE_GET, obj: the channel's id, arg: its depth).
//
// Python's rules: poll() with no timeout does not wait (poll(Infinity) waits
// for good); recv on an end whose peer closed drains what is left and then
// raises EOFError; any use of a closed end raises OSError("handle is
// closed"); send to a closed peer raises BrokenPipeError. Pipe(false) gives
// [receive-only, send-only] ends.
//
// In a controlled run (API.md §10) send, recv, poll and close are steps; a
// send or recv is attempts that never sleep, the turn given up between them
// (door attemptUntil, as the queues do), and each one that moved something
// touches the channel so the threads blocked on it try again.

import { decode } from "../base/value-codec";
import { BrokenPipeError, EOFError, OSError, PipeEnd } from "../sync/pipe-core";
import {
  context, type WorkerContext, block, place, track, SEND, type Sendable, attemptUntil, step, touched, StepKind, type Placed,
} from "../runtime/door";
import { ObjKind } from "../trace/object-kinds";
import { QUEUE_GET, QUEUE_PUT, queueTimeout } from "./queues";
import { checkBufferBytes, codecOptions, encodeItem, encoded } from "./item-codec";
import { TIMED_OUT } from "../sync/queue-core";
import { traceQueueItem } from "./queue-items";

export { BrokenPipeError, EOFError, OSError };

export const DEFAULT_PIPE_BYTES = 64 * 1024;

export interface ConnectionShared {
  base: number;
  end: 0 | 1;
  /** refs of channel 0 (into end 0) and channel 1 (into end 1; 0 when not duplex) */
  refs: [number, number];
}

/** One end of a Pipe (Python's multiprocessing.connection.Connection). */
export class Connection<T = unknown> implements Sendable {
  private readonly core: PipeEnd;
  private readonly ctx: WorkerContext;

  /** the clock a send or recv is stamped with, under its channel's lock (queue-core.ts stamp) */
  private readonly clock = (): number => this.ctx.coarseNow();

  constructor(private readonly shared: ConnectionShared) {
    const ctx = (this.ctx = context());
    this.core = new PipeEnd(ctx.i32, shared.base, shared.end, ctx.ident);
    track(this, this.inRef || this.outRef);
  }

  /** ref of the channel this end receives from / sends into */
  private get inRef(): number {
    return this.shared.refs[this.shared.end];
  }

  private get outRef(): number {
    return this.core.inbox ? this.shared.refs[1 - this.shared.end] : this.shared.refs[0];
  }

  /** Sends a copy of `obj` to the other end; waits while the pipe's buffer is full. */
  send(obj: T): void {
    if (this.core.closed()) throw new OSError("handle is closed");
    if (!this.core.outbox) throw new OSError("connection is read-only");
    const len = encodeItem(this.ctx, obj, this.core.outbox.maxItemBytes(), "pipe");
    this.ctx.race?.release(this.outRef);
    const at = this.channel(this.outRef);
    if (this.ctx.control) {
      step(StepKind.Put, at.ref);
      attemptUntil(at, Infinity, false, () => this.core.send(encoded, len, 0, undefined, this.clock));
      touched(at.ref);
    } else {
      block(at, false, (onBlock) => this.core.send(encoded, len, Infinity, onBlock, this.clock));
    }
    // At the moment the message became visible to the other end (stamped under the lock), which may be before this thread's wait ended.
    const { depth, opMs } = this.core.outbox;
    traceQueueItem(this.ctx, obj, opMs);
    this.ctx.traceFastAt(QUEUE_PUT, depth, this.outRef, opMs);
  }

  private channel(ref: number): Placed {
    return { base: this.shared.base, ref };
  }

  /** Receives the next message, waiting for one. EOFError once the other end is closed and all is read. */
  recv(): T {
    const at = this.channel(this.inRef);
    let len: number;
    if (this.ctx.control) {
      step(StepKind.Get, at.ref);
      len = attemptUntil(at, Infinity, TIMED_OUT, () => this.core.recv(0, undefined, this.clock));
      touched(at.ref);
    } else {
      len = block(at, false, (onBlock) => this.core.recv(Infinity, onBlock, this.clock));
    }
    const item = decode(this.core.received, 0, len, codecOptions(this.ctx)) as T;
    const { depth, opMs } = this.core.inbox!;
    traceQueueItem(this.ctx, item, opMs);
    this.ctx.traceFastAt(QUEUE_GET, depth, this.inRef, opMs);
    this.ctx.race?.acquire(this.inRef);
    return item;
  }

  /**
   * Whether recv() would return without waiting (a message is there, or the
   * other end is closed). Waits up to `timeoutMs` for that: 0 (the default)
   * does not wait, Infinity (or null, Python's None) waits for good.
   */
  poll(timeoutMs: number | null = 0): boolean {
    const waitMs = queueTimeout(true, timeoutMs);
    const at = this.channel(this.inRef);
    if (this.ctx.control) {
      step(StepKind.Check, at.ref);
      return attemptUntil(at, waitMs, false, () => this.core.poll(0));
    }
    return block(at, waitMs !== Infinity, (onBlock) => this.core.poll(waitMs, onBlock));
  }

  /** Closes this end; the other end's recv then raises EOFError once it has read everything. */
  close(): void {
    if (this.ctx.control) step(StepKind.Close, this.inRef || this.outRef);
    this.core.close();
    // The peer's recv ends in EOFError, its send in BrokenPipeError: both try again.
    for (const ref of this.shared.refs) if (ref) touched(ref);
  }

  get closed(): boolean {
    return this.core.closed();
  }

  get readable(): boolean {
    return this.core.readable;
  }

  get writable(): boolean {
    return this.core.writable;
  }

  [SEND]() {
    return { kind: "Connection", data: this.shared };
  }

  toString(): string {
    return `<Connection end=${this.shared.end}${this.closed ? " closed" : ""}>`;
  }
}

/**
 * Python's multiprocessing.Pipe: two connected ends. Duplex (the default):
 * both send and receive. Pipe(false): [receive-only, send-only].
 */
export function Pipe<T = unknown>(duplex = true, options?: { bufferBytes?: number }): [Connection<T>, Connection<T>] {
  const ctx = context();
  const bytes = checkBufferBytes(options?.bufferBytes ?? DEFAULT_PIPE_BYTES);
  const first = place(ObjKind.Pipe, PipeEnd.words(duplex), undefined, { align: 2 });
  PipeEnd.init(ctx.i32, first.base, bytes, duplex, ctx.blocks);
  const refs: [number, number] = [first.ref, duplex ? place(ObjKind.Pipe, 0).ref : 0];
  return [new Connection<T>({ base: first.base, end: 0, refs }), new Connection<T>({ base: first.base, end: 1, refs })];
}
