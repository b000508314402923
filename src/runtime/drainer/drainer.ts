// The drainer's work, one pass at a time: find the threads of the run in
// the thread table, copy their new trace events and printed lines out of
// their rings into the next chunk for the page, and, once a finished thread
// is released by the runner and its rings are empty, say its trace is
// complete and put its slot back for reuse. drainer-worker.ts runs passes in
// a loop in a worker of its own; tests run them directly.
//
// Everything here is read from memory the snippet can write. A slot whose
// ident does not belong to it, rings that move or lie over the table, or a
// ring header that claims the impossible end the run with an error
// (DrainCorrupt) instead of being believed. That a thread is released, and
// where its rings end, comes from the runner's release book
// (release-book.ts), not from the table's lifecycle word or the rings'
// heads, which the snippet can write.

import { RingCorrupt, RingReader } from "../../trace/ring-reader";
import { EVENT_BYTES } from "../../trace/ring";
import { OutputCorrupt, OutputReader } from "../output-ring";
import { Ctl, Field, Lifecycle, MAX_IDENT, ROLES, ThreadTable, type TableLayout } from "../thread-table";
import { OUTPUT_RING_WORDS, TRACE_RING_EVENTS } from "../provision";
import type { ReleaseBook } from "./release-book";
import type { OutputRecord, ThreadRecord, TraceChunk } from "../frame-protocol";

export class DrainCorrupt extends Error {}

/** Limits of one chunk: the page takes them in pieces, a frame at a time. */
export const CHUNK_EVENTS = 1 << 18;
export const CHUNK_LINES = 1000;
/** passes a thread's end waits for a name read amid a rename (a rename takes microseconds; a snippet may hold one for ever) */
const MAX_NAME_WAITS = 3;

interface Known {
  ident: number;
  /** its name word when its name was last sent (a thread may be renamed: Thread.name); -1 if it was not read whole */
  nameStamp: number;
  /** passes its end has waited for its name to be read whole (MAX_NAME_WAITS) */
  nameWaits: number;
  ring: RingReader;
  output: OutputReader;
  ended: boolean;
  /** the runner has let go of it (its release book says so), and its rings' ends are set */
  released: boolean;
}

export class Drainer {
  private readonly table: ThreadTable;
  private readonly known = new Map<number, Known>();
  /** per slot, where its rings were first seen: a slot's rings never move */
  private readonly ringsOf = new Map<number, { ring: number; output: number }>();
  private seq = 0;
  private threads: ThreadRecord[] = [];
  private events = new Map<number, { bytes: Uint8Array; count: number }>();
  private eventCount = 0;
  private output: OutputRecord[] = [];
  private ended: number[] = [];
  /** events after this run time are not part of the run (it was cut off there) */
  cutoffMs = Infinity;
  /**
   * The latest a write after the cutoff can be stamped (code that ran on
   * until its worker stopped): such a write is dropped, one stamped past
   * this (or at no time) is forged, and the run is told so, as the page
   * tells of one a live pass sends it.
   */
  lateUntilMs = Infinity;
  droppedAfterCutoff = 0;
  /** lines read since the last chunk but dropped (after the cutoff): a pass that read only those still moved, and the final pass goes on */
  private linesDropped = 0;

  /** `layout`: where the table lies, as the runner laid it out; `book`: the runner's releases; `ctl`: the threads' eval-breaker words, one per slot (null in tests: no flush requests) */
  constructor(
    private readonly i32: Int32Array,
    control: number,
    layout: TableLayout,
    private readonly tableEndWord: number,
    private readonly book: ReleaseBook,
    private readonly ctl: Int32Array | null = null,
  ) {
    this.table = new ThreadTable(i32, control, layout);
  }

  /** Unread events and lines of every known thread: a progress count for the deadlock watch. */
  produced(ident: number): number {
    const known = this.known.get(this.table.slotOf(ident));
    return known && known.ident === ident ? known.ring.produced() : -1;
  }

  /** One pass over the table. Returns true when the chunk is full and should go out. */
  pass(): boolean {
    try {
      const used = this.table.slotsUsed();
      for (let slot = 0; slot < used; slot++) {
        if (this.chunkFull()) return true;
        this.visit(slot);
      }
      return this.chunkFull();
    } catch (error) {
      if (error instanceof RingCorrupt || error instanceof OutputCorrupt) throw new DrainCorrupt(error.message);
      throw error;
    }
  }

  private chunkFull(): boolean {
    return this.eventCount >= CHUNK_EVENTS || this.output.length >= CHUNK_LINES;
  }

  private visit(slot: number): void {
    const t = this.table;
    let known: Known | null | undefined = this.known.get(slot);
    // (Only this drainer frees a slot it knows a thread of: "free" over a thread it has not finished reading is the snippet's.)
    const free = Atomics.load(this.i32, t.slotAt(slot, Field.Lifecycle)) === Lifecycle.Free;
    if (free && !(known && !known.ended)) return;
    const ident = Atomics.load(this.i32, t.slotAt(slot, Field.Ident));
    if (!known || known.ident !== ident) {
      if (known && !known.ended) throw new DrainCorrupt(`thread slot ${slot} changed hands before its thread ${known.ident} was released`);
      known = this.adopt(slot, ident);
      if (!known) return;
    }
    if (known.ended) return;
    this.noteRelease(slot, known);
    if (t.nameStamp(slot) !== known.nameStamp) this.sendRecord(slot, known);
    // A thread that holds back a folded lock release and has written nothing
    // since: ask it to publish (its next eval-breaker check flushes).
    if (known.ring.pending() === 0 && known.ring.holding() && this.ctl && slot < this.ctl.length) Atomics.store(this.ctl, slot, 1);
    this.drainEvents(known);
    this.drainOutput(known);
    // (Its last record is the page's last word on its name: one read amid a rename waits a few passes to be read whole.)
    if (known.released && known.ring.pending() === 0 && known.output.pending() === 0 && (known.nameStamp !== -1 || ++known.nameWaits > MAX_NAME_WAITS)) {
      known.ended = true;
      this.ended.push(ident);
      t.pushFree(slot);
    }
  }

  /** Whether the runner has let go of the thread; if so, its rings end where its worker counted, if known. */
  private noteRelease(slot: number, known: Known): boolean {
    if (known.released) return true;
    const ends = this.book.released(slot, known.ident);
    if (ends === undefined) return false;
    known.released = true;
    if (ends) {
      known.ring.endAt(ends.trace);
      known.output.endAt(ends.output);
    }
    return true;
  }

  /** A thread seen for the first time in `slot`; null if it never ran (then its slot is recycled). */
  private adopt(slot: number, ident: number): Known | null {
    const t = this.table;
    if (!(ident >= 1 && ident <= MAX_IDENT) || t.slotOf(ident) !== slot) {
      throw new DrainCorrupt(`thread slot ${slot} holds an ident (${ident}) that is not its own`);
    }
    const ring = Atomics.load(this.i32, t.slotAt(slot, Field.RingBase));
    const output = Atomics.load(this.i32, t.slotAt(slot, Field.OutputBase));
    const first = this.ringsOf.get(slot);
    if (first ? first.ring !== ring || first.output !== output : ring < this.tableEndWord || output < this.tableEndWord) {
      throw new DrainCorrupt(`thread slot ${slot}'s rings were moved`);
    }
    this.ringsOf.set(slot, { ring, output });
    const known: Known = {
      ident, ended: false, released: false, nameStamp: 0, nameWaits: 0,
      ring: new RingReader(this.i32, ring, TRACE_RING_EVENTS),
      output: new OutputReader(this.i32, output, OUTPUT_RING_WORDS),
    };
    this.known.set(slot, known);
    if (this.noteRelease(slot, known) && known.ring.pending() === 0 && known.output.pending() === 0) {
      // Refused by the runner, or its start failed: it never ran.
      known.ended = true;
      t.pushFree(slot);
      return null;
    }
    this.sendRecord(slot, known);
    return known;
  }

  /** The thread's record for the page: when it is first seen, and again with its new name when renamed. */
  private sendRecord(slot: number, known: Known): void {
    const t = this.table;
    const read = t.slotNameRead(slot);
    // (A name not read whole, a rename holding it past the read's bound, is read again at the next pass.)
    known.nameStamp = read.whole ? read.word : -1;
    const role = ROLES[Atomics.load(this.i32, t.slotAt(slot, Field.Role))] ?? "thread";
    this.threads.push({
      ident: known.ident, name: read.name, role,
      pid: Atomics.load(this.i32, t.slotAt(slot, Field.Pid)),
      parent: Atomics.load(this.i32, t.slotAt(slot, Field.Parent)),
    });
  }

  private drainEvents(known: Known): void {
    const room = CHUNK_EVENTS - this.eventCount;
    const pending = Math.min(known.ring.pending(), room);
    if (pending === 0) {
      known.ring.republish();
      return;
    }
    let buffer = this.events.get(known.ident);
    if (!buffer) this.events.set(known.ident, (buffer = { bytes: new Uint8Array(Math.max(pending, 1024) * EVENT_BYTES), count: 0 }));
    if ((buffer.count + pending) * EVENT_BYTES > buffer.bytes.length) {
      const grown = new Uint8Array(Math.max(buffer.bytes.length * 2, (buffer.count + pending) * EVENT_BYTES));
      grown.set(buffer.bytes.subarray(0, buffer.count * EVENT_BYTES));
      buffer.bytes = grown;
    }
    const n = known.ring.drainInto(buffer.bytes, buffer.count * EVENT_BYTES, pending);
    if (this.cutoffMs !== Infinity) this.cut(known.ident, buffer, n);
    else buffer.count += n;
    this.eventCount += n;
  }

  /** Keeps only the events of the last `n` copied that happened before the cutoff (and refuses those no late write can have made). */
  private cut(ident: number, buffer: { bytes: Uint8Array; count: number }, n: number): void {
    const view = new DataView(buffer.bytes.buffer);
    let kept = buffer.count;
    for (let i = buffer.count; i < buffer.count + n; i++) {
      const tMs = view.getFloat64(i * EVENT_BYTES, true);
      if (!(tMs <= this.lateUntilMs)) throw new DrainCorrupt(`thread ${ident} recorded an event at an impossible time (${tMs} ms)`);
      if (!(tMs <= this.cutoffMs)) {
        this.droppedAfterCutoff++;
        continue;
      }
      if (kept !== i) buffer.bytes.copyWithin(kept * EVENT_BYTES, i * EVENT_BYTES, (i + 1) * EVENT_BYTES);
      kept++;
    }
    buffer.count = kept;
  }

  private drainOutput(known: Known): void {
    const room = CHUNK_LINES - this.output.length;
    if (room <= 0) return;
    known.output.drain((r) => {
      if (!(r.tMs <= this.lateUntilMs)) throw new DrainCorrupt(`thread ${known.ident} printed a line at an impossible time (${r.tMs} ms)`);
      if (r.tMs > this.cutoffMs) {
        this.linesDropped++;
        return;
      }
      const line: OutputRecord = { ident: known.ident, text: r.text, stream: r.stream, t: r.tMs };
      if (r.name !== undefined) line.name = r.name;
      this.output.push(line);
    }, room);
  }

  /** True when there is something to send, or lines were read and dropped (the final pass loops while passes move). */
  hasChunk(): boolean {
    return this.threads.length > 0 || this.eventCount > 0 || this.output.length > 0 || this.ended.length > 0 || this.linesDropped > 0;
  }

  /** The chunk gathered so far (its event buffers are to be transferred), and a fresh one started. */
  takeChunk(): TraceChunk {
    const events = [...this.events].filter(([, b]) => b.count > 0).map(([ident, b]) => ({
      ident,
      data: b.bytes.buffer.byteLength === b.count * EVENT_BYTES ? (b.bytes.buffer as ArrayBuffer) : b.bytes.slice(0, b.count * EVENT_BYTES).buffer,
    }));
    const chunk: TraceChunk = { seq: ++this.seq, threads: this.threads, events, output: this.output, ended: this.ended };
    this.threads = [];
    this.events = new Map();
    this.eventCount = 0;
    this.output = [];
    this.ended = [];
    this.linesDropped = 0;
    return chunk;
  }

  /** Whether every thread the drainer knows has had its trace completed. */
  allEnded(): boolean {
    for (const known of this.known.values()) if (!known.ended) return false;
    return true;
  }

  /** The word a filling ring bumps to wake the drainer. */
  static signalIndex(control: number): number {
    return control + Ctl.DrainSignal;
  }
}
