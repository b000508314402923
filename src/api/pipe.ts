// Pipe and Connection as snippets use them (Python's multiprocessing.Pipe):
// the pipe core (sync/pipe-core.ts) in the run's shared heap, each direction
// a FIFO byte channel of DEFAULT_PIPE_BYTES (64 KiB) unless `{ bufferBytes }`
// says otherwise. Messages are copied as queue items are (api/queues.ts).
// While a call really sleeps the thread shows "waiting on a queue" with a
// wait-for edge to the channel; sends and recvs are queue events on the
// timeline (QUEUE_PUT / QUEUE_GET, obj: the channel's id, arg: its depth).
//
// Python's rules: poll() with no timeout does not wait (poll(Infinity) waits
// for good); recv on an end whose peer closed drains what is left and then
// raises EOFError; any use of a closed end raises OSError("handle is
// closed"); send to a closed peer raises BrokenPipeError. Pipe(false) gives
// [receive-only, send-only] ends.

import { decode } from "../base/value-codec";
import { BrokenPipeError, EOFError, OSError, PipeEnd } from "../sync/pipe-core";
import { context, type WorkerContext } from "../runtime/worker-context";
import { Ctl } from "../runtime/thread-table";
import { WaitKind } from "../runtime/wait-kinds";
import { SEND, type Sendable } from "../runtime/serialize";
import { ThreadState } from "../trace/events";
import { checkBufferBytes, codecOptions, encodeItem, encoded, QUEUE_GET, QUEUE_PUT, queueTimeout } from "./queues";

export { BrokenPipeError, EOFError, OSError };

export const DEFAULT_PIPE_BYTES = 64 * 1024;

export interface ConnectionShared {
  base: number;
  end: 0 | 1;
  /** timeline ids of channel 0 (into end 0) and channel 1 (into end 1; 0 when not duplex) */
  ids: [number, number];
}

/** One end of a Pipe (Python's multiprocessing.connection.Connection). */
export class Connection<T = unknown> implements Sendable {
  private readonly core: PipeEnd;
  private readonly ctx: WorkerContext;
  private waitObj = 0;
  private waitTimed = false;
  private blocked = false;
  private readonly onBlock = () => {
    this.blocked = true;
    this.ctx.table.setWait(this.ctx.ident, WaitKind.Pipe, this.waitObj, this.shared.base, this.waitTimed);
    this.ctx.enter(ThreadState.QueueWait, this.waitObj);
  };

  constructor(private readonly shared: ConnectionShared) {
    const ctx = (this.ctx = context());
    this.core = new PipeEnd(ctx.i32, shared.base, shared.end, ctx.ident);
  }

  /** timeline id of the channel this end receives from / sends into */
  private get inId(): number {
    return this.shared.ids[this.shared.end];
  }

  private get outId(): number {
    return this.core.inbox ? this.shared.ids[1 - this.shared.end] : this.shared.ids[0];
  }

  private begin(obj: number, waitMs: number): void {
    this.waitObj = obj;
    this.waitTimed = waitMs !== Infinity;
  }

  private afterWait(): void {
    if (!this.blocked) return;
    this.blocked = false;
    this.ctx.table.setWait(this.ctx.ident, WaitKind.None);
    this.ctx.enter(ThreadState.Running);
  }

  /** Sends a copy of `obj` to the other end; waits while the pipe's buffer is full. */
  send(obj: T): void {
    if (this.core.closed()) throw new OSError("handle is closed");
    if (!this.core.outbox) throw new OSError("connection is read-only");
    const len = encodeItem(this.ctx, obj, this.core.outbox.maxItemBytes(), "pipe");
    this.begin(this.outId, Infinity);
    try {
      this.core.send(encoded, len, Infinity, this.onBlock);
    } finally {
      this.afterWait();
    }
    this.ctx.traceFast(QUEUE_PUT, this.core.outbox.depth, this.outId);
  }

  /** Receives the next message, waiting for one. EOFError once the other end is closed and all is read. */
  recv(): T {
    this.begin(this.inId, Infinity);
    let len: number;
    try {
      len = this.core.recv(Infinity, this.onBlock);
    } finally {
      this.afterWait();
    }
    this.ctx.traceFast(QUEUE_GET, this.core.inbox!.depth, this.inId);
    return decode(this.core.received, 0, len, codecOptions(this.ctx)) as T;
  }

  /**
   * Whether recv() would return without waiting (a message is there, or the
   * other end is closed). Waits up to `timeoutMs` for that: 0 (the default)
   * does not wait, Infinity (or null, Python's None) waits for good.
   */
  poll(timeoutMs: number | null = 0): boolean {
    const waitMs = queueTimeout(true, timeoutMs);
    this.begin(this.inId, waitMs);
    try {
      return this.core.poll(waitMs, this.onBlock);
    } finally {
      this.afterWait();
    }
  }

  /** Closes this end; the other end's recv then raises EOFError once it has read everything. */
  close(): void {
    this.core.close();
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
  const base = ctx.heap.alloc(PipeEnd.words(bytes, duplex), 2);
  PipeEnd.init(ctx.i32, base, bytes, duplex);
  const ids: [number, number] = [ctx.table.counter(Ctl.ObjectIds), duplex ? ctx.table.counter(Ctl.ObjectIds) : 0];
  return [new Connection<T>({ base, end: 0, ids }), new Connection<T>({ base, end: 1, ids })];
}
