// Who handed what to whom, and where the trace cannot tell: each scenario
// is a few events in the order a page would drain them.
import { describe, expect, it } from "vitest";
import { EventKind, ThreadState } from "./events";
import { QUEUE_GET_KIND, QUEUE_PUT_KIND, TraceModel } from "./model";
import { ObjKind, objRef } from "./object-kinds";
import { traceLinks, type Link } from "./trace-links";

const S = EventKind.State;
const LOCK = objRef(ObjKind.Lock, 1);
const RW = objRef(ObjKind.RWLock, 1);
const QUEUE = objRef(ObjKind.Queue, 1);
const LIFO = objRef(ObjKind.LifoQueue, 1);

function threads(n: number): TraceModel {
  const m = new TraceModel();
  for (let ident = 1; ident <= n; ident++) m.addThread(ident, `T${ident}`, "thread", 1000);
  return m;
}

const hold = (m: TraceModel, ident: number, fromMs: number, toMs: number, ref = LOCK, shared = false) => {
  m.add(ident, fromMs, EventKind.LockAcquired, shared ? 1 : 0, ref);
  if (Number.isFinite(toMs)) m.add(ident, toMs, EventKind.LockReleased, 0, ref);
};
const pairs = (links: Link[]) => links.map((l) => `${l.from.ident}@${l.from.tMs}>${l.to.ident}@${l.to.tMs}`);

describe("lock hand-overs", () => {
  it("links each change of holder, not a thread that takes the lock again, and not a hold never released", () => {
    // T1 holds twice in a row, then T2 (after waiting), then T1, then T3 keeps it to the end.
    const m = threads(3);
    hold(m, 1, 0, 1);
    hold(m, 1, 1, 2);
    m.add(2, 1.5, S, ThreadState.Blocked, LOCK);
    m.add(2, 2.1, S, ThreadState.Running, 0);
    hold(m, 2, 2.1, 3);
    hold(m, 1, 3.2, 4);
    hold(m, 3, 4.5, Infinity);
    const { handOvers } = traceLinks(m);
    expect(pairs(handOvers)).toEqual(["1@2>2@2.1", "2@3>1@3.2", "1@4>3@4.5"]);
    expect(handOvers.map((l) => l.contended)).toEqual([true, false, false]);
  });

  it("follows the last hold to end even when a coarse stamp puts the next start a hair before it", () => {
    const m = threads(2);
    hold(m, 1, 0, 2.0004);
    hold(m, 2, 2, 3);
    expect(pairs(traceLinks(m).handOvers)).toEqual(["1@2.0004>2@2"]);
  });

  it("links neither way two holds that began and ended at the same coarse tick, nor either to the next", () => {
    // T1 and T2 each held the lock within one tick (2): which went first is unknown, so is who handed it to T3.
    const m = threads(3);
    hold(m, 1, 0, 1);
    hold(m, 2, 2, 2);
    hold(m, 1, 2, 2);
    hold(m, 3, 2.5, 3);
    hold(m, 2, 4, 5);
    expect(pairs(traceLinks(m).handOvers)).toEqual(["3@3>2@4"]);
  });

  it("on an RWLock links a writer to the first read of each reader after it, the last reader out to the next writer, and no reader to another", () => {
    // W writes; R2 and R3 read at once, R2 twice; W writes again after both.
    const m = threads(3);
    hold(m, 1, 0, 1, RW);
    hold(m, 2, 1.5, 3, RW, true);
    hold(m, 3, 2, 4, RW, true);
    hold(m, 2, 3.5, 3.8, RW, true);
    hold(m, 1, 4.2, 5, RW);
    expect(pairs(traceLinks(m).handOvers)).toEqual(["1@1>2@1.5", "1@1>3@2", "3@4>1@4.2"]);
  });
});

describe("queue items", () => {
  const op = (m: TraceModel, ident: number, tMs: number, put: boolean, depth: number, ref = QUEUE) =>
    m.add(ident, tMs, put ? QUEUE_PUT_KIND : QUEUE_GET_KIND, depth, ref);

  it("pairs the k-th put with the k-th get of a FIFO queue, whichever threads made them", () => {
    const m = threads(3);
    op(m, 1, 1, true, 1);
    op(m, 2, 2, true, 2);
    op(m, 3, 3, false, 1);
    op(m, 3, 4, false, 0);
    expect(pairs(traceLinks(m).items)).toEqual(["1@1>3@3", "2@2>3@4"]);
  });

  it("leaves out the pairs of puts by different threads with the same stamp, and keeps the ones after", () => {
    // T1 and T2 put at the same coarse tick: which item the first get took cannot be told.
    const m = threads(3);
    op(m, 1, 1, true, 1);
    op(m, 2, 1, true, 2);
    op(m, 1, 2, true, 3);
    op(m, 3, 3, false, 2);
    op(m, 3, 4, false, 1);
    op(m, 3, 5, false, 0);
    expect(pairs(traceLinks(m).items)).toEqual(["1@2>3@5"]);
  });

  it("links nothing on a queue whose puts were not all traced, and says why", () => {
    // The consumer took three items; only one put is in the trace (the producer turned tracing off).
    const m = threads(2);
    op(m, 1, 1, true, 3);
    op(m, 2, 2, false, 2);
    op(m, 2, 3, false, 1);
    op(m, 2, 4, false, 0);
    const links = traceLinks(m);
    expect(links.items).toEqual([]);
    expect(links.unlinked).toEqual([{ obj: QUEUE, reason: expect.stringContaining("not traced") }]);
  });

  it("links nothing on a LifoQueue, whose order the trace does not record", () => {
    const m = threads(2);
    op(m, 1, 1, true, 1, LIFO);
    op(m, 2, 2, false, 0, LIFO);
    expect(traceLinks(m).items).toEqual([]);
    expect(traceLinks(m).unlinked.map((u) => u.obj)).toEqual([LIFO]);
  });

  it("links nothing at all when the run dropped events", () => {
    const m = threads(2);
    hold(m, 1, 0, 1);
    hold(m, 2, 2, 3);
    op(m, 1, 1, true, 1);
    op(m, 2, 2, false, 0);
    m.droppedEvents = 5;
    const links = traceLinks(m);
    expect([links.handOvers, links.items]).toEqual([[], []]);
    expect(links.unlinked.map((u) => u.obj)).toEqual([LOCK, QUEUE]);
  });
});
