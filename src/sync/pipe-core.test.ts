// Scenarios for the pipe core (pipe-core.ts) on real worker_threads: both
// directions, EOF after the peer closes, the errors of closed and one-way
// ends, poll. Times are only ever bounded from below.

import { afterEach, describe, expect, it } from "vitest";
import { decode, encodeInto } from "../base/value-codec";
import { SharedHeap } from "./heap";
import { PipeEnd } from "./pipe-core";
import { BLOCK_HEADER_WORDS, Blocks } from "./blocks";
import { startQueuePuppets, stopQueuePuppets } from "./test-workers-queue";

const ME = 99;
const scratch = new Uint8Array(4096);

function makePipe(duplex = true, bytes = 4096) {
  const heap = SharedHeap.create(1 << 20);
  const blocks = new Blocks(heap, heap.alloc(BLOCK_HEADER_WORDS, 2));
  const base = heap.alloc(PipeEnd.words(duplex), 2);
  PipeEnd.init(heap.i32, base, bytes, duplex, blocks);
  const end = (k: 0 | 1) => new PipeEnd(heap.i32, base, k, ME);
  return { heap, base, end };
}

const send = (e: PipeEnd, v: unknown) => e.send(scratch, encodeInto(v, scratch));
const recv = (e: PipeEnd, timeoutMs = Infinity) => {
  const len = e.recv(timeoutMs);
  return len < 0 ? len : decode(e.received, 0, len);
};

afterEach(stopQueuePuppets);

describe("PipeEnd", () => {
  it("carries messages both ways between two workers, in order", async () => {
    // Scenario: worker A holds end 0, worker B end 1. A sends three values,
    // B receives them in order and answers each with its double; A receives
    // the answers in order.
    const { heap, base } = makePipe();
    const [a, b] = await startQueuePuppets(heap.buffer, 2);
    for (const v of [1, 20, 300]) await a.pipe(base, 0, "send", v);
    for (const v of [1, 20, 300]) {
      expect((await b.pipe(base, 1, "recv")).value).toEqual({ item: v });
      await b.pipe(base, 1, "send", { double: v * 2 });
    }
    for (const v of [1, 20, 300]) expect((await a.pipe(base, 0, "recv")).value).toEqual({ item: { double: v * 2 } });
  });

  it("a blocked recv wakes with the message another worker sends", async () => {
    const { heap, base, end } = makePipe();
    const [a] = await startQueuePuppets(heap.buffer, 1);
    const blocked = a.nextBlock();
    const aRecv = a.pipe(base, 1, "recv");
    await blocked;
    send(end(0), "hello");
    const r = await aRecv;
    expect(r.value).toEqual({ item: "hello" });
    expect(r.blocks).toBe(1);
  });

  it("after the peer closes, recv drains what was sent, then raises EOFError", async () => {
    // Scenario: end 0 sends "a" and "b" and closes. End 1 receives both,
    // then gets EOFError; poll() says a recv would not block (it would raise).
    const { end } = makePipe();
    const [e0, e1] = [end(0), end(1)];
    send(e0, "a");
    send(e0, "b");
    e0.close();
    expect(recv(e1)).toBe("a");
    expect(e1.poll()).toBe(true);
    expect(recv(e1)).toBe("b");
    expect(e1.poll()).toBe(true);
    expect(() => recv(e1)).toThrow(expect.objectContaining({ name: "EOFError" }));
  });

  it("a recv blocked in another worker raises EOFError when the peer closes", async () => {
    const { heap, base, end } = makePipe();
    const [a] = await startQueuePuppets(heap.buffer, 1);
    const blocked = a.nextBlock();
    const aRecv = a.pipe(base, 1, "recv");
    await blocked;
    end(0).close();
    await expect(aRecv).rejects.toMatchObject({ name: "EOFError" });
  });

  it("a closed end raises OSError('handle is closed'); sending to a closed peer raises BrokenPipeError", () => {
    const { end } = makePipe();
    const [e0, e1] = [end(0), end(1)];
    e0.close();
    e0.close(); // closing twice does nothing
    expect(e0.closed()).toBe(true);
    for (const use of [() => send(e0, 1), () => recv(e0), () => e0.poll()]) {
      expect(use).toThrow(expect.objectContaining({ name: "OSError", message: "handle is closed" }));
    }
    expect(() => send(e1, 1)).toThrow(expect.objectContaining({ name: "BrokenPipeError" }));
  });

  it("Pipe(false) gives a receive-only end 0 and a send-only end 1", () => {
    const { end } = makePipe(false);
    const [r, w] = [end(0), end(1)];
    expect([r.readable, r.writable, w.readable, w.writable]).toEqual([true, false, false, true]);
    send(w, [1, 2]);
    expect(recv(r)).toEqual([1, 2]);
    expect(() => send(r, 1)).toThrow(expect.objectContaining({ name: "OSError", message: "connection is read-only" }));
    expect(() => recv(w)).toThrow(expect.objectContaining({ name: "OSError", message: "connection is write-only" }));
  });

  it("poll waits up to its timeout for a message and never takes it", async () => {
    // Scenario: poll() with no message returns false at once; poll(30)
    // returns false after at least ~30 ms. Worker A's poll(Infinity) sleeps
    // until end 0 sends; the message is still there for recv.
    const { heap, base, end } = makePipe();
    const e1 = end(1);
    expect(e1.poll()).toBe(false);
    const t0 = performance.now();
    expect(e1.poll(30)).toBe(false);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(29);
    const [a] = await startQueuePuppets(heap.buffer, 1);
    const blocked = a.nextBlock();
    const aPoll = a.pipe(base, 1, "poll", Infinity);
    await blocked;
    send(end(0), "ping");
    expect((await aPoll).value).toBe(true);
    expect(recv(e1, 0)).toBe("ping");
  });

  it("a message larger than the pipe's buffer fails send with the sizes", () => {
    const { end } = makePipe(true, 64);
    expect(() => send(end(0), "x".repeat(100))).toThrow(/item too large: it takes 102 bytes, and this buffer of 64 bytes holds items of at most 60 bytes/);
  });
});
