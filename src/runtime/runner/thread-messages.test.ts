import { describe, expect, it } from "vitest";
import { readThreadMessage } from "./thread-messages";

// A worker runs the snippet's code: whatever it posts is read as a forger's.
describe("readThreadMessage", () => {
  const exit = { type: "exit", state: "done", t: 5, exitCode: 0 };

  it("keeps an exit's count of timers still set, a positive integer", () => {
    expect(readThreadMessage({ ...exit, timers: 2 })).toEqual({ ...exit, timers: 2 });
    expect(readThreadMessage(exit)).toEqual(exit);
  });

  it("drops an exit whose count of timers is not one the runtime sends", () => {
    for (const timers of [0, -1, 1.5, "1", Number.NaN, Infinity, null]) expect(readThreadMessage({ ...exit, timers })).toBeNull();
  });

  it("drops a late report with a negative or fractional count, and one that counts nothing", () => {
    const late = { type: "late", ident: 3, events: 0, lines: 1 };
    expect(readThreadMessage(late)).toEqual({ ...late, timers: 0, hostCalls: 0 });
    expect(readThreadMessage({ ...late, lines: -1 })).toBeNull();
    expect(readThreadMessage({ ...late, timers: 0.5 })).toBeNull();
    expect(readThreadMessage({ ...late, lines: 0 })).toBeNull();
    expect(readThreadMessage({ ...late, ident: 0 })).toBeNull();
  });

  it("drops what is not an object or has a type the runtime never sends", () => {
    for (const data of [null, 7, "exit", { type: "print" }, { type: "__proto__" }]) expect(readThreadMessage(data)).toBeNull();
  });
});
