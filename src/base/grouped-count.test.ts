import { describe, expect, it } from "vitest";
import { groupedCount } from "./grouped-count";

describe("groupedCount", () => {
  it("writes whole numbers as en-US and zh-CN do", () => {
    for (const n of [0, 1, 12, 999, 1000, 1001, 12_345, 999_999, 1_000_000, 1_234_567_890, -1, -1000, -987_654, Number.MAX_SAFE_INTEGER]) {
      expect(groupedCount(n)).toBe(n.toLocaleString("en-US"));
      expect(groupedCount(n)).toBe(n.toLocaleString("zh-CN"));
    }
  });

  it("leaves anything but a safe integer to Intl", () => {
    expect(groupedCount(1234.5)).toBe((1234.5).toLocaleString("en-US"));
    expect(groupedCount(Infinity)).toBe("∞");
  });
});
