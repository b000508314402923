// Scenarios for the Event core (event.ts), run on real worker_threads that
// share one SharedArrayBuffer. Words 0-1 are the event. Times are only ever
// bounded from below; "asleep" is observed through onBlock.

import { afterEach, describe, expect, it, vi } from "vitest";
import { Event } from "./event";
import { settlesWithin, startPuppets, stopPuppets, type Prim } from "./test-workers-2";

const EV: Prim = { kind: "Event", base: 0 };

function shared() {
  const sab = new SharedArrayBuffer(64);
  return { sab, event: new Event(new Int32Array(sab), EV.base) };
}

afterEach(stopPuppets);

describe("Event", () => {
  it("wakes every waiting worker when another worker sets it", async () => {
    // Scenario: a, b and c wait with no timeout and go to sleep; they are
    // still asleep 50 ms later. d calls set(): all three waits return true,
    // and the flag stays up.
    const { sab, event } = shared();
    const [a, b, c, d] = await startPuppets(sab, 4);
    const waits = [];
    for (const p of [a, b, c]) waits.push((await p.runUntilBlocked({ op: "call", prim: EV, method: "wait" })).reply);
    expect(await settlesWithin(Promise.race(waits), 50)).toBe(false);
    await d.call(EV, "set");
    for (const r of await Promise.all(waits)) expect(r).toMatchObject({ value: true, blocks: 1 });
    expect(event.isSet()).toBe(true);
  });

  it("returns at once while set; after clear, wait(timeout) blocks and returns false", async () => {
    // Scenario: after set(), a's wait returns true without sleeping. b
    // clears it; a's wait(50) now sleeps once and returns false after
    // >= ~50 ms; wait(0) returns false at once.
    const { sab, event } = shared();
    const [a, b] = await startPuppets(sab, 2);
    event.set();
    expect(await a.call(EV, "wait")).toMatchObject({ value: true, blocks: 0 });
    await b.call(EV, "clear");
    expect(event.isSet()).toBe(false);
    const r = await a.call(EV, "wait", 50);
    expect(r).toMatchObject({ value: false, blocks: 1 });
    expect(r.elapsedMs).toBeGreaterThanOrEqual(45);
    expect(await a.call(EV, "wait", 0)).toMatchObject({ value: false, blocks: 0 });
  });

  it("a set() immediately followed by clear() still releases the threads that were waiting", async () => {
    // Scenario (Python semantics: set() wakes every waiting thread, and each
    // returns True): a and b are asleep in wait(). This thread calls set()
    // and clear() back to back, so when a and b run the flag is already
    // down. Both waits still return true; the flag stays down, and a new
    // wait(20) by a times out.
    const { sab, event } = shared();
    const [a, b] = await startPuppets(sab, 2);
    const waits = [];
    for (const p of [a, b]) waits.push((await p.runUntilBlocked({ op: "call", prim: EV, method: "wait" })).reply);
    event.set();
    event.clear();
    for (const r of await Promise.all(waits)) expect(r.value).toBe(true);
    expect(event.isSet()).toBe(false);
    expect((await a.call(EV, "wait", 20)).value).toBe(false);
  });

  it("set twice is harmless, clear on a clear event is harmless, and bad timeouts are refused", () => {
    const { event } = shared();
    const onBlock = vi.fn();
    event.clear();
    event.set();
    event.set();
    expect(event.wait(Infinity, onBlock)).toBe(true);
    expect(onBlock).not.toHaveBeenCalled();
    expect(() => event.wait(NaN)).toThrow(expect.objectContaining({ name: "ValueError" }));
    expect(() => event.wait(-1)).toThrow(expect.objectContaining({ name: "ValueError" }));
  });
});
