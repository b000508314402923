// The core of the playground's Pipe (Python's multiprocessing.Pipe): two
// connection ends over byte channels in shared memory. Each direction is a
// FIFO QueueCore (queue-core.ts) with no item limit, only its buffer's
// bytes, so a send blocks while the reader lags a buffer behind, as a send
// into a full OS pipe does; the queue core's locking also makes an end safe
// to share between threads, which Python's are not.
//
// States of an end: open, or closed (its closed word set). Closing an end
// closes every channel it touches: the peer's reads drain what was sent and
// then fail with EOFError, the peer's sends fail with BrokenPipeError, and
// anyone blocked on those channels wakes up to find out. Using a closed end
// fails with OSError("handle is closed"), as in Python.
//
// Slots (Int32 word offsets from `base`, which must be even):
//   0  duplex    1: both ends send and receive; 0: end 0 only receives, end 1 only sends
//   1  closed0   1 once end 0 is closed
//   2  closed1   1 once end 1 is closed
//   3  (padding)
//   4..          channel 0's header, a QueueCore whose items end 0 receives
//   then         channel 1's header (duplex only), whose items end 1 receives
// Each channel's data is a block of its own (a fixed one: a pipe's buffer
// does not grow, as an OS pipe's does not).

import { PlaygroundError } from "../base/errors";
import { CLOSED, QUEUE_HEADER_WORDS, QueueCore, QueueOrder, TIMED_OUT, type BlockSource } from "./queue-core";

export class OSError extends PlaygroundError {
  constructor(message: string, name = "OSError") {
    super(message, name);
  }
}

export class BrokenPipeError extends OSError {
  constructor(message = "[Errno 32] Broken pipe") {
    super(message, "BrokenPipeError");
  }
}

export class EOFError extends PlaygroundError {
  constructor(message = "the other end of the pipe is closed and everything it sent has been received") {
    super(message, "EOFError");
  }
}

const DUPLEX = 0, CLOSED0 = 1, HEADER_WORDS = 4;

export class PipeEnd {
  static words(duplex: boolean): number {
    return HEADER_WORDS + QUEUE_HEADER_WORDS * (duplex ? 2 : 1);
  }

  /** Writes a new pipe's header (in zeroed memory) before it is shared; its buffers come from `blocks`. */
  static init(i32: Int32Array, base: number, bufferBytes: number, duplex: boolean, blocks: BlockSource): void {
    i32[base + DUPLEX] = duplex ? 1 : 0;
    QueueCore.init(i32, base + HEADER_WORDS, QueueOrder.Fifo, 0, bufferBytes, blocks, false);
    if (duplex) QueueCore.init(i32, base + HEADER_WORDS + QUEUE_HEADER_WORDS, QueueOrder.Fifo, 0, bufferBytes, blocks, false);
  }

  /** the channel this end receives from, if it may receive */
  readonly inbox: QueueCore | null;
  /** the channel this end sends into, if it may send */
  readonly outbox: QueueCore | null;

  constructor(
    private readonly i32: Int32Array,
    private readonly base: number,
    readonly end: 0 | 1,
    ident: number,
  ) {
    const first = new QueueCore(i32, base + HEADER_WORDS, ident);
    if (Atomics.load(i32, base + DUPLEX) === 1) {
      const second = new QueueCore(i32, base + HEADER_WORDS + QUEUE_HEADER_WORDS, ident);
      this.inbox = end === 0 ? first : second;
      this.outbox = end === 0 ? second : first;
    } else {
      this.inbox = end === 0 ? first : null;
      this.outbox = end === 0 ? null : first;
    }
  }

  get readable(): boolean {
    return this.inbox !== null;
  }

  get writable(): boolean {
    return this.outbox !== null;
  }

  closed(): boolean {
    return Atomics.load(this.i32, this.base + CLOSED0 + this.end) !== 0;
  }

  private checkOpen(): void {
    if (this.closed()) throw new OSError("handle is closed");
  }

  /** Sends the record `src[0, len)`; false if `timeoutMs` passed while the channel was full. `clock`: QueueCore.put's. */
  send(src: Uint8Array, len: number, timeoutMs = Infinity, onBlock?: () => void, clock?: () => number): boolean {
    this.checkOpen();
    if (!this.outbox) throw new OSError("connection is read-only");
    const result = this.outbox.put(src, len, timeoutMs, onBlock, clock);
    if (result === CLOSED) {
      this.checkOpen(); // closed by another thread while we waited
      throw new BrokenPipeError();
    }
    return result !== TIMED_OUT;
  }

  /** Receives the next record into `received`; its length, or TIMED_OUT. `clock`: QueueCore.get's. */
  recv(timeoutMs = Infinity, onBlock?: () => void, clock?: () => number): number {
    this.checkOpen();
    if (!this.inbox) throw new OSError("connection is write-only");
    const len = this.inbox.get(timeoutMs, onBlock, clock);
    if (len === CLOSED) {
      this.checkOpen();
      throw new EOFError();
    }
    return len;
  }

  /** The payload of this end's last recv, in [0, length). */
  get received(): Uint8Array {
    return this.inbox!.received;
  }

  /** True when a recv would not block: a message is there, or the peer closed (recv then raises EOFError). */
  poll(timeoutMs = 0, onBlock?: () => void): boolean {
    this.checkOpen();
    if (!this.inbox) throw new OSError("connection is write-only");
    return this.inbox.poll(timeoutMs, onBlock);
  }

  /** Closes this end; closing it again does nothing. */
  close(): void {
    if (Atomics.exchange(this.i32, this.base + CLOSED0 + this.end, 1) !== 0) return;
    this.inbox?.close();
    this.outbox?.close();
  }
}
