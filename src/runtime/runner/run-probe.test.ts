// A search's run as the runner keeps it (run-probe.ts): its messages without
// trace events, whether it failed or cannot be controlled, and a key that
// tells apart every two runs the page would tell apart.
import { describe, expect, it } from "vitest";
import type { FromRunner, TraceChunk } from "../frame-protocol";
import { probeRun } from "./run-probe";

const chunk = (seq: number, lines: [number, string][]): TraceChunk => ({
  seq, threads: [], events: [{ ident: 2, data: new ArrayBuffer(16) }], output: lines.map(([t, text]) => ({ ident: 2, text, stream: 0, t })), ended: [],
});
const end = (status: "ok" | "error" | "deadlock" | "stopped" | "timeout", problem?: string): FromRunner => ({ type: "end", runId: 1, status, exitCode: status === "ok" ? 0 : 1, endMs: 1, ...(problem ? { problem } : {}) });
const exception = (message: string, t = 1): FromRunner => ({ type: "exception", runId: 1, ident: 2, thread: "Thread-1", errorName: "AssertionError", message, stack: "at work (snippet.js:3:1)", t });

async function probe(messages: FromRunner[]) {
  let acks = 0;
  const run = probeRun(() => acks++);
  for (const m of messages) run.send(m);
  const tried = await run.done;
  return { tried, acks };
}

describe("a search's run, as the runner keeps it", () => {
  it("keeps its messages without the trace's events, and acknowledges each chunk as the page would", async () => {
    const { tried, acks } = await probe([{ type: "started", runId: 1 }, { type: "chunk", runId: 1, chunk: chunk(0, [[1, "a"]]) }, end("ok")]);
    expect(acks).toBe(1);
    expect(tried.item.messages.map((m) => m.type)).toEqual(["started", "chunk", "end"]);
    expect((tried.item.messages[1] as Extract<FromRunner, { type: "chunk" }>).chunk.events).toEqual([]);
    expect(tried.failed).toBe(false);
    expect(tried.refusal).toBeNull();
  });

  it("tells apart runs whose lines differ, or come in another order of their moments, and not runs that printed the same in other chunks", async () => {
    const key = async (messages: FromRunner[]) => (await probe(messages)).tried.key;
    const one = await key([{ type: "chunk", runId: 1, chunk: chunk(0, [[1, "x = 1"], [2, "x = 2"]]) }, end("ok")]);
    const split = await key([{ type: "chunk", runId: 1, chunk: chunk(0, [[1, "x = 1"]]) }, { type: "chunk", runId: 1, chunk: chunk(1, [[2, "x = 2"]]) }, end("ok")]);
    const swapped = await key([{ type: "chunk", runId: 1, chunk: chunk(0, [[2, "x = 1"], [1, "x = 2"]]) }, end("ok")]);
    const other = await key([{ type: "chunk", runId: 1, chunk: chunk(0, [[1, "x = 1"], [2, "x = 3"]]) }, end("ok")]);
    const failed = await key([{ type: "chunk", runId: 1, chunk: chunk(0, [[1, "x = 1"], [2, "x = 2"]]) }, end("error")]);
    expect(split).toBe(one);
    for (const differs of [swapped, other, failed]) expect(differs).not.toBe(one);
  });

  it("counts an exception as a failure, with its message in the key, and a run that cannot be controlled as a refusal", async () => {
    const raised = await probe([exception("counter is 1"), end("ok")]);
    expect(raised.tried.failed).toBe(true);
    expect(raised.tried.refusal).toBeNull();
    expect(raised.tried.key).not.toBe((await probe([exception("counter is 2"), end("ok")])).tried.key);
    const refused = await probe([{ ...exception("Barrier is not supported in a controlled run"), errorName: "RuntimeError" } as FromRunner, end("error")]);
    expect(refused.tried.refusal).toBe("RuntimeError: Barrier is not supported in a controlled run");
    // The playground's own problem is one too; a run stopped or timed out says nothing about the code.
    expect((await probe([end("error", "the run could not start")])).tried.refusal).toBe("the run could not start");
    const stopped = await probe([exception("interrupted"), end("stopped")]);
    expect(stopped.tried.failed).toBe(false);
    expect(stopped.tried.refusal).toBeNull();
  });

  it("keeps a playground notice out of the key (the page does not print it) and a thread's in it", async () => {
    const notice = (ident: number, text: string): FromRunner => ({ type: "notice", runId: 1, ident, thread: ident ? "Thread-1" : "playground", text, t: 1 });
    const plain = (await probe([end("deadlock")])).tried.key;
    expect((await probe([notice(0, "deadlock: every thread is waiting"), end("deadlock")])).tried.key).toBe(plain);
    expect((await probe([notice(2, "a warning of Thread-1's"), end("deadlock")])).tried.key).not.toBe(plain);
  });

  it("keys a race report by what it prints (who, where), not by its moments, and by where each thread was started", async () => {
    const race = (t: number, prevThread = "Thread-1"): FromRunner => ({ type: "race", runId: 1, thread: "Thread-2", access: 0, site: 3, t, prevThread, prevAccess: 1, prevSite: 3, prevT: t - 0.001, cell: 0 });
    const origin = (parent: string): FromRunner => ({ type: "thread-origin", runId: 1, thread: "Thread-2", parent, pos: 6 * 4096 });
    const key = async (messages: FromRunner[]) => (await probe([...messages, end("ok")])).tried.key;
    expect(await key([origin("MainThread"), race(0.004)])).toBe(await key([origin("MainThread"), race(0.009)]));
    expect(await key([origin("MainThread"), race(0.004)])).not.toBe(await key([origin("MainThread"), race(0.004, "MainThread")]));
    // The report says "Thread-2 started at line 6 by MainThread": another starter is another output.
    expect(await key([origin("MainThread"), race(0.004)])).not.toBe(await key([origin("Thread-1"), race(0.004)]));
  });

  it("keeps a run's messages within a bound, however many it sent (each counts for some size)", async () => {
    const named = Array.from({ length: 100_000 }, (_, ref): FromRunner => ({ type: "object", runId: 1, ref, name: "" }));
    const { tried } = await probe([...named, end("ok")]);
    expect(tried.item.messages.length).toBeLessThan(20_000);
    expect(tried.key).toContain("partial");
  });
});
