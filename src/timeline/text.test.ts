// A label on the canvas is drawn made visible (base/visible-text.ts), and
// shortened to fit like any other.
import { describe, expect, it } from "vitest";
import { fitName, fitText } from "./text";

/** A measurer where every character is 10 px wide. */
const tenPx = { font: "test", measureText: (text: string) => ({ width: text.length * 10 }) };

describe("fitText", () => {
  it("draws a name's control characters as escapes, and shortens the result to fit", () => {
    expect(fitText(tenPx, "ab\u202Ecd", 1000)).toBe("ab\\u202ecd");
    expect(fitText(tenPx, "ab\u202Ecd", 50)).toBe("ab\\u…");
    expect(fitText(tenPx, "Thread-1", 20)).toBeNull();
  });
});

describe("fitName", () => {
  it("shortens a lane's name in the middle, keeping the end that tells it from its neighbours", () => {
    expect(fitName(tenPx, "ThreadPoolExecutor-0_1", 1000)).toBe("ThreadPoolExecutor-0_1");
    expect(fitName(tenPx, "ThreadPoolExecutor-0_1", 150)).toBe("ThreadPo…or-0_1");
    expect(fitName(tenPx, "ThreadPoolExecutor-0_2", 150)).not.toBe(fitName(tenPx, "ThreadPoolExecutor-0_1", 150));
    expect(fitName(tenPx, "Thread-1", 20)).toBeNull();
    // A name that does not end in a number keeps its start, as any text.
    expect(fitName(tenPx, "changed (lock)", 90)).toBe("changed …");
  });
});
