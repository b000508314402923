// A queue's items at a step-mode pause, from the QueueItem events a
// controlled run records before each put and get (api/queue-items.ts):
// events arrive one thread's batch after another's, so the moves are
// replayed in time order.
import { describe, expect, it } from "vitest";
import { EventKind } from "../trace/events";
import { QUEUE_GET_KIND, QUEUE_PUT_KIND, TraceModel } from "../trace/model";
import { ObjKind, objRef } from "../trace/object-kinds";
import { queueSizes } from "./step-words";

const JOBS = objRef(ObjKind.Queue, 1);
const label = (n: number) => objRef(ObjKind.Label, n);

function model(): TraceModel {
  const m = new TraceModel();
  m.addThread(1, "MainThread", "main", 1000);
  m.addThread(2, "Thread-1", "thread", 1000);
  m.labels.set(JOBS, "jobs");
  m.labels.set(label(1), "'a'");
  m.labels.set(label(2), "'b'");
  m.labels.set(label(3), "'c'");
  return m;
}

function move(m: TraceModel, ident: number, tMs: number, put: boolean, item: number, depth: number): void {
  m.add(ident, tMs, EventKind.QueueItem, 0, label(item));
  m.add(ident, tMs, put ? QUEUE_PUT_KIND : QUEUE_GET_KIND, depth, JOBS);
}

describe("queueSizes", () => {
  it("lists a queue's items oldest first, replaying puts and gets in time order whatever order the threads' events came in", () => {
    const m = model();
    // Thread-1's batch (its get of 'a' at t=3) is read before MainThread's puts.
    move(m, 2, 3, false, 1, 1);
    move(m, 1, 1, true, 1, 1);
    move(m, 1, 2, true, 2, 2);
    move(m, 1, 4, true, 3, 2);
    expect(queueSizes(m)).toEqual([{ queue: "jobs", items: 2, contents: ["'b'", "'c'"] }]);
  });

  it("a get takes out the item it took, not the oldest (a LIFO or priority queue)", () => {
    const m = model();
    move(m, 1, 1, true, 1, 1);
    move(m, 1, 2, true, 2, 2);
    move(m, 2, 3, false, 2, 1);
    expect(queueSizes(m)[0].contents).toEqual(["'a'"]);
  });

  it("says nothing of items a run did not record (an ordinary run)", () => {
    const m = model();
    m.add(1, 1, QUEUE_PUT_KIND, 1, JOBS);
    expect(queueSizes(m)).toEqual([{ queue: "jobs", items: 1 }]);
  });
});

describe("queueSizes on more moves than a controlled run can make", () => {
  it("leaves the contents out rather than replay them (the events are not a controlled run's own)", () => {
    const m = model();
    const queue = m.queue(JOBS);
    for (let i = 0; i <= 200_000; i++) queue.addItem(true, i, label(1));
    expect(queueSizes(m)[0].contents).toBeUndefined();
  });
});
