// Scenarios for Pipe and Connection as snippets see them (pipe.ts), with
// the test process as the run's MainThread (a real worker context over a
// real heap and thread table) and a worker_thread puppet as the other side
// of a blocking call.

import { afterEach, describe, expect, it } from "vitest";
import { startTestRun } from "../runtime/test-run";
import { EventKind, ThreadState } from "../trace/events";
import { SEND } from "../runtime/door";
import { startQueuePuppets, stopQueuePuppets } from "../sync/test-workers-queue";
import { Connection, EOFError, Pipe, type ConnectionShared } from "./pipe";
import { QUEUE_GET, QUEUE_PUT } from "./queues";

const startRun = startTestRun;

afterEach(stopQueuePuppets);

describe("Pipe (API)", () => {
  it("sends both ways, traced as puts and gets on each direction's channel", () => {
    // Scenario: a sends {n: 1}, b receives it and answers "ok", a receives
    // it. Each direction has its own channel id: a's send and b's recv are
    // a put and a get on channel 1 (into end 1), b's answer on channel 0.
    const { events } = startRun();
    const [a, b] = Pipe<unknown>();
    events();
    a.send({ n: 1 });
    expect(b.recv()).toEqual({ n: 1 });
    b.send("ok");
    expect(a.recv()).toBe("ok");
    const { refs: ids } = a[SEND]().data as ConnectionShared;
    expect(ids[0]).not.toBe(ids[1]);
    expect(events()).toEqual([[QUEUE_PUT, 1, ids[1]], [QUEUE_GET, 0, ids[1]], [QUEUE_PUT, 1, ids[0]], [QUEUE_GET, 0, ids[0]]]);
  });

  it("poll does not wait by default, waits up to its timeout, and never takes the message", () => {
    startRun();
    const [a, b] = Pipe<number>();
    expect(b.poll()).toBe(false);
    const t0 = performance.now();
    expect(b.poll(30)).toBe(false);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(29);
    a.send(5);
    expect(b.poll()).toBe(true);
    expect(b.recv()).toBe(5);
  });

  it("after close: EOFError for the peer once drained, OSError for the closed end", () => {
    startRun();
    const [a, b] = Pipe<string>();
    a.send("last words");
    a.close();
    expect(a.closed).toBe(true);
    expect(b.recv()).toBe("last words");
    expect(() => b.recv()).toThrow(EOFError);
    expect(() => a.send("more")).toThrow(expect.objectContaining({ name: "OSError", message: "handle is closed" }));
    expect(() => b.send("back")).toThrow(expect.objectContaining({ name: "BrokenPipeError" }));
  });

  it("Pipe(false) gives a receive-only end and a send-only end", () => {
    startRun();
    const [r, w] = Pipe<number>(false);
    expect([r.readable, r.writable, w.readable, w.writable]).toEqual([true, false, false, true]);
    w.send(1);
    expect(r.recv()).toBe(1);
    expect(() => r.send(1)).toThrow(expect.objectContaining({ name: "OSError", message: "connection is read-only" }));
  });

  it("a recv blocked in MainThread returns what another thread sends, shown as waiting", async () => {
    // Scenario: a puppet worker, given end 0 by reference, sends "hi" 50 ms
    // after being asked; MainThread's recv on end 1 sleeps (QueueWait on the
    // channel) and returns "hi". A Connection revived from [SEND]() data is
    // the same end.
    const { heap, events } = startRun();
    const [a, b] = Pipe<string>();
    const { base } = a[SEND]().data as ConnectionShared;
    const [puppet] = await startQueuePuppets(heap.buffer, 1);
    events();
    const sent = puppet.run({ op: "pipe", base, end: 0, method: "send", args: ["hi"], delayMs: 50 });
    expect(new Connection<string>(b[SEND]().data as ConnectionShared).recv()).toBe("hi");
    await sent;
    const states = events().filter((e) => e[0] === EventKind.State).map((e) => e[1]);
    expect(states).toEqual([ThreadState.QueueWait, ThreadState.Running]);
  });
});
