// The free-slot stack (free-slots.ts) over real shared memory, with a real
// second thread for the wait: Node's worker_threads share the buffer.
import { describe, expect, it } from "vitest";
import { Worker } from "node:worker_threads";
import { FreeSlots } from "./free-slots";

const HEAD = 0, FREED = 1, LINKS = 2;

function aStack(slots: number) {
  const i32 = new Int32Array(new SharedArrayBuffer((LINKS + slots) * 4));
  return { i32, stack: new FreeSlots(i32, HEAD, FREED, (slot) => LINKS + slot) };
}

describe("FreeSlots", () => {
  it("gives slots back last in, first out, and -1 when empty", () => {
    const { stack } = aStack(3);
    expect(stack.pop()).toBe(-1);
    stack.push(0);
    stack.push(2);
    stack.push(1);
    expect([stack.pop(), stack.pop(), stack.pop(), stack.pop()]).toEqual([1, 2, 0, -1]);
  });

  it("changes the head's tag at every push and pop, so a pop that read an old top fails its exchange", () => {
    const { i32, stack } = aStack(2);
    stack.push(0);
    const before = Atomics.load(i32, HEAD);
    expect(stack.pop()).toBe(0);
    stack.push(0);
    // Same top slot as before, another tag: a compare-exchange against the old head fails.
    expect(Atomics.load(i32, HEAD) & 0xffff).toBe(before & 0xffff);
    expect(Atomics.load(i32, HEAD)).not.toBe(before);
  });

  it("take() waits for a slot another thread pushes, and gives up after its wait when none comes", async () => {
    const { i32, stack } = aStack(2);
    expect(stack.take(0)).toBe(-1);
    const pusher = new Worker(
      `const { workerData } = require("node:worker_threads");
       const i32 = new Int32Array(workerData);
       // Pushes slot 1 as FreeSlots.push does: link, head (tag 1, slot 1 + 1), then freed.
       Atomics.store(i32, ${LINKS + 1}, 0);
       Atomics.store(i32, ${HEAD}, (1 << 16) | 2);
       Atomics.add(i32, ${FREED}, 1);
       Atomics.notify(i32, ${FREED});`,
      { eval: true, workerData: i32.buffer },
    );
    // (Whether the push comes before take() looks or while it waits, take() answers the slot.)
    expect(stack.take(10_000)).toBe(1);
    await new Promise((resolve) => pusher.on("exit", resolve));
  });
});
