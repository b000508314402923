// The model's bytes: every array counted at its capacity, and a million
// state changes cost what their three arrays hold.
import { describe, expect, it } from "vitest";
import { EventKind, ThreadState } from "./events";
import { TraceModel } from "./model";
import { heldBytes } from "./model-bytes";

describe("heldBytes", () => {
  it("grows with the events a thread records, 16 bytes per state change plus the doubling's slack", () => {
    const m = new TraceModel();
    m.addThread(1, "MainThread", "main", 1000);
    const empty = heldBytes(m);
    const n = 1 << 20;
    for (let i = 0; i < n; i++) m.add(1, i, EventKind.State, i % 2 ? ThreadState.Running : ThreadState.Sleeping, 0);
    // times (f64) + states (i32) + objects (i32), each at a power-of-two capacity that holds n
    expect(heldBytes(m) - empty).toBe(16 * n - 16 * 64);
    expect((heldBytes(m) - empty) / m.eventCount).toBeLessThanOrEqual(16);
  });
});
