// A run on a search's workers that the page asks for sends its messages in
// batches: in order, whole, and never held while the backlog waits for the
// page to acknowledge the chunks a batch holds.
import { describe, expect, it } from "vitest";
import type { FromRunner, TraceChunk } from "../frame-protocol";
import { batchedSend, MAX_HELD } from "./message-batch";
import { PAGE_IN_FLIGHT, TraceBacklog } from "./trace-backlog";

function chunk(seq: number): TraceChunk {
  return { seq, threads: [{ ident: 1, name: "MainThread", role: "main", pid: 0, parent: 0 }], events: [{ ident: 1, data: new ArrayBuffer(32) }], output: [{ ident: 1, text: `line ${seq}`, stream: 0, t: seq }], ended: [] };
}

function collect() {
  const sent: FromRunner[] = [];
  const send = batchedSend(7, (m) => sent.push(m));
  const batches = () => sent.map((m) => (m.type === "batch" ? m.messages.map((x) => x.type) : [m.type]));
  return { sent, send, batches };
}

describe("batchedSend", () => {
  it("holds a short run's messages until its end, and sends them in order in one batch", () => {
    const { sent, send, batches } = collect();
    send({ type: "started", runId: 7 });
    send({ type: "object", runId: 7, ref: 3, name: "lock" });
    send({ type: "chunk", runId: 7, chunk: chunk(0) });
    expect(sent).toEqual([]);
    send({ type: "end", runId: 7, status: "ok", exitCode: 0, endMs: 2 });
    expect(batches()).toEqual([["started", "object", "chunk", "end"]]);
    const batch = sent[0] as Extract<FromRunner, { type: "batch" }>;
    expect(batch.runId).toBe(7);
    // The run arrives whole, its trace's events too (it is drawn as any run).
    const only = batch.messages[2] as Extract<FromRunner, { type: "chunk" }>;
    expect(only.chunk.output).toEqual([{ ident: 1, text: "line 0", stream: 0, t: 0 }]);
    expect(only.chunk.threads).toHaveLength(1);
    expect(only.chunk.events).toHaveLength(1);
  });

  it("sends a batch once it holds as many chunks as the backlog sends before an ack, so a long run's trace keeps flowing", () => {
    const batches: number[][] = [];
    /** the page's acks, sent back later (it takes a batch in as a task of its own) */
    const acks: number[] = [];
    // The backlog as the supervisor wires it: its chunks go out through the batch.
    const page = batchedSend(7, (m) => {
      if (m.type !== "batch") return;
      const seqs = m.messages.flatMap((x) => (x.type === "chunk" ? [x.chunk.seq] : []));
      batches.push(seqs);
      acks.push(...seqs);
    });
    const backlog = new TraceBacklog((c) => page({ type: "chunk", runId: 7, chunk: c }), () => {}, 1e9);
    const total = 3 * PAGE_IN_FLIGHT + 1;
    for (let seq = 0; seq < total; seq++) backlog.add(chunk(seq));
    while (acks.length > 0) {
      acks.shift();
      backlog.ack();
    }
    page({ type: "end", runId: 7, status: "ok", exitCode: 0, endMs: 2 });
    // Every chunk reached the page, in order: none waited for an ack of a chunk still held in a batch.
    expect(batches.flat()).toEqual([...Array(total).keys()]);
    expect(backlog.allSent).toBe(true);
    expect(batches[0]).toEqual([...Array(PAGE_IN_FLIGHT).keys()]);
  });

  it("sends what it holds every MAX_HELD messages", () => {
    const { sent, send } = collect();
    for (let i = 0; i < MAX_HELD * 2 + 5; i++) send({ type: "notice", runId: 7, ident: 0, thread: "playground", text: `n${i}`, t: i });
    expect(sent).toHaveLength(2);
    send({ type: "end", runId: 7, status: "ok", exitCode: 0, endMs: 2 });
    const texts = sent.flatMap((m) => (m.type === "batch" ? m.messages : [m])).flatMap((m) => (m.type === "notice" ? [m.text] : []));
    expect(texts).toEqual(Array.from({ length: MAX_HELD * 2 + 5 }, (_, i) => `n${i}`));
  });
});
