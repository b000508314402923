// Reading what the runner streams, on the page. The runner shares a process
// with the snippet's workers, so each part of a chunk is checked before the
// trace model sees it: thread records by field, events by kind and time.
// Anything impossible raises TraceProblem, and the session ends the run with
// an error that says so, instead of drawing it.

import type { ThreadRecord, TraceChunk } from "../runtime/frame-protocol";
import type { ThreadRole } from "../runtime/protocol";
import { EVENT_BYTES } from "../trace/ring";
import { EventKind, isEventKind, ThreadState } from "../trace/events";

export class TraceProblem extends Error {}

const ROLES: readonly ThreadRole[] = ["main", "thread", "process", "pool-worker", "timer"];

const isInt = (v: unknown): v is number => Number.isInteger(v);

function threadRecord(value: unknown): ThreadRecord {
  const r = value as Record<string, unknown> | null;
  if (typeof r !== "object" || r === null || !isInt(r.ident) || r.ident < 1 || typeof r.name !== "string" || r.name.length > 256
    || !ROLES.includes(r.role as ThreadRole) || !isInt(r.pid) || !isInt(r.parent)) {
    throw new TraceProblem("a thread record is malformed");
  }
  return { ident: r.ident, name: r.name, role: r.role as ThreadRole, pid: r.pid, parent: r.parent };
}

/** The chunk's parts, checked; event buffers are left for EventCursor to check event by event. */
export function readChunk(value: unknown): TraceChunk {
  const c = value as Partial<TraceChunk> | null;
  if (typeof c !== "object" || c === null || !isInt(c.seq) || !Array.isArray(c.threads) || !Array.isArray(c.events)
    || !Array.isArray(c.output) || !Array.isArray(c.ended)) {
    throw new TraceProblem("a trace chunk is malformed");
  }
  const events = c.events.map((e) => {
    if (!isInt(e?.ident) || !(e.data instanceof ArrayBuffer) || e.data.byteLength % EVENT_BYTES !== 0) throw new TraceProblem("a chunk's events are malformed");
    return { ident: e.ident, data: e.data };
  });
  const output = c.output.map((o) => {
    if (!isInt(o?.ident) || typeof o.text !== "string" || !Number.isFinite(o.t) || (o.stream !== 0 && o.stream !== 1)
      || (o.name !== undefined && (typeof o.name !== "string" || o.name.length > 256))) {
      throw new TraceProblem("a chunk's output is malformed");
    }
    return { ident: o.ident, text: o.text, stream: o.stream, t: o.t, ...(o.name !== undefined ? { name: o.name } : {}) };
  });
  if (!c.ended.every(isInt)) throw new TraceProblem("a chunk's list of ended threads is malformed");
  return { seq: c.seq, threads: c.threads.map(threadRecord), events, output, ended: c.ended };
}

/** Walks one thread's events of a chunk, a slice at a time (the session spends a bounded time per frame). */
export class EventCursor {
  private readonly f64: Float64Array;
  private readonly i32: Int32Array;
  private at = 0;
  readonly count: number;

  constructor(readonly ident: number, data: ArrayBuffer, private readonly maxMs: () => number) {
    this.f64 = new Float64Array(data);
    this.i32 = new Int32Array(data);
    this.count = data.byteLength / EVENT_BYTES;
  }

  get done(): boolean {
    return this.at >= this.count;
  }

  /** Visits up to `max` events; returns how many. */
  next(max: number, visit: (tMs: number, kind: number, arg: number, obj: number) => void): number {
    const end = Math.min(this.count, this.at + max);
    const limit = this.maxMs();
    for (let i = this.at; i < end; i++) {
      const tMs = this.f64[i * 2];
      const word = this.i32[i * 4 + 2];
      const kind = word >>> 24;
      const arg = word & 0xffffff;
      // (A state no thread records would end its lane as if it had ended: "stopped" is the page's to say, never a ring's.)
      if (!(tMs >= -1 && tMs <= limit) || !isEventKind(kind) || (kind === EventKind.State && arg > ThreadState.Error)) {
        throw new TraceProblem(`thread ${this.ident} recorded an impossible event (kind ${kind}${kind === EventKind.State ? `, state ${arg}` : ""} at ${tMs} ms)`);
      }
      visit(tMs, kind, arg, this.i32[i * 4 + 3]);
    }
    const n = end - this.at;
    this.at = end;
    return n;
  }
}
