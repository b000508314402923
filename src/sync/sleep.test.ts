// Scenarios for sleepMs and waitWhileEquals (sleep.ts), run in real
// worker_threads so that they really block. Word 0 is the watched word.
// Times are only ever bounded from below.

import { afterEach, describe, expect, it } from "vitest";
import { sleepMs, waitWhileEquals } from "./sleep";
import { Puppet, stopPuppets } from "./test-workers";

const WORD = 0;

afterEach(stopPuppets);

describe("sleepMs", () => {
  it("blocks the calling worker for at least the time asked", async () => {
    // Scenario: a worker sleeps 30 ms and measures, with its own clock, at
    // least ~30 ms gone by when sleepMs returns.
    const w = await Puppet.start(new SharedArrayBuffer(8));
    const r = await w.run({ op: "sleep", ms: 30 });
    expect(r.elapsedMs).toBeGreaterThanOrEqual(28);
  });

  it("rejects negative and NaN lengths, as time.sleep does", () => {
    expect(() => sleepMs(-1)).toThrow(expect.objectContaining({ name: "ValueError", message: "sleep length must be non-negative" }));
    expect(() => sleepMs(NaN)).toThrow(expect.objectContaining({ name: "ValueError" }));
    expect(() => sleepMs(0)).not.toThrow();
  });
});

describe("waitWhileEquals", () => {
  it("keeps waiting through notifies that leave the value unchanged", async () => {
    // Scenario: a worker waits up to 100 ms while word 0 is 0. Meanwhile this
    // thread calls Atomics.notify on the word every millisecond without
    // changing it. Each notify ends one Atomics.wait early; the helper must
    // wait again for the time left, returning false only after >= ~100 ms.
    const sab = new SharedArrayBuffer(8);
    const i32 = new Int32Array(sab);
    const w = await Puppet.start(sab);
    const pester = setInterval(() => Atomics.notify(i32, WORD), 1);
    try {
      const r = await w.run({ op: "waitWhileEquals", index: WORD, value: 0, timeoutMs: 100 });
      expect(r.value).toBe(false);
      expect(r.elapsedMs).toBeGreaterThanOrEqual(95);
    } finally {
      clearInterval(pester);
    }
  });

  it("returns true once another thread changes the value", async () => {
    // Scenario: a worker waits with no timeout while word 0 is 0; this thread
    // stores 1 and notifies. The wait returns true (had the change been
    // missed, it would never return and the test would time out).
    const sab = new SharedArrayBuffer(8);
    const i32 = new Int32Array(sab);
    const w = await Puppet.start(sab);
    const waited = w.run({ op: "waitWhileEquals", index: WORD, value: 0, timeoutMs: Infinity });
    await new Promise((r) => setTimeout(r, 10));
    Atomics.store(i32, WORD, 1);
    Atomics.notify(i32, WORD);
    expect((await waited).value).toBe(true);
  });

  it("answers at once when the value already differs or the timeout is 0", () => {
    const i32 = new Int32Array(new SharedArrayBuffer(8));
    i32[WORD] = 5;
    expect(waitWhileEquals(i32, WORD, 0, 1000)).toBe(true);
    expect(waitWhileEquals(i32, WORD, 5, 0)).toBe(false);
    expect(() => waitWhileEquals(i32, WORD, 5, NaN)).toThrow(expect.objectContaining({ name: "ValueError" }));
  });
});
