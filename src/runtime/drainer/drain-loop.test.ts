// The drainer's `sent` word (drain-protocol.ts): how far back what the
// threads recorded has surely left the drainer, for the runner to cut a
// trace at when the final pass never ends (runner/run-drain.ts).
import { describe, expect, it } from "vitest";
import { SharedHeap } from "../../sync/heap";
import { OutputWriter } from "../output-ring";
import { DEFAULT_SETTINGS } from "../settings";
import { Field } from "../thread-table";
import { createRunMemory } from "../runner/run-memory";
import { DRAIN_CONTROL_BYTES, DRAIN_PAUSED, DRAIN_SENT_F64, type FromDrainer } from "./drain-protocol";
import { DrainLoop } from "./drain-loop";

function setUp() {
  const memory = createRunMemory(1, "", DEFAULT_SETTINGS, 0, { heap: SharedHeap.create(1 << 20), userHeap: SharedHeap.create(1 << 20) });
  const { heap, table, ctl, tableEndWord } = memory;
  const commands = new SharedArrayBuffer(DRAIN_CONTROL_BYTES);
  const posted: FromDrainer[] = [];
  const loop = new DrainLoop({ heap: heap.buffer, ctl, control: table.control, tableEndWord, commands }, (m) => posted.push(m));
  const clock = (ms: number) => (new Float64Array(heap.buffer)[table.clockIndex()] = ms);
  const print = (text: string, tMs: number) => new OutputWriter(heap.i32, table.get(memory.main, Field.OutputBase)).write(text, 0, tMs);
  const sent = () => new Float64Array(commands)[DRAIN_SENT_F64];
  return { loop, posted, clock, print, sent, commands: new Int32Array(commands) };
}

describe("DrainLoop's sent word", () => {
  it("is -1 until a pass that emptied every ring has been posted", () => {
    const { sent } = setUp();
    expect(sent()).toBe(-1);
  });

  it("holds the start of the last pass whose events went out", () => {
    const { loop, posted, clock, print, sent } = setUp();
    clock(12.5);
    print("one", 12);
    loop.turn();
    expect(posted.some((m) => m.type === "chunk")).toBe(true);
    expect(sent()).toBe(12.5);
  });

  it("does not move while the runner keeps the drainer paused (nothing is read)", () => {
    const { loop, clock, print, sent, commands } = setUp();
    clock(3);
    print("one", 2);
    loop.turn();
    Atomics.store(commands, DRAIN_PAUSED, 1);
    clock(40);
    print("two", 39);
    loop.turn();
    expect(sent()).toBe(3);
  });
});
