import { describe, expect, it } from "vitest";
import { decodeSchedule, encodeSchedule } from "./schedule-codec";

describe("schedule strings", () => {
  it("round-trips runs of steps, compactly", () => {
    const choices = [1, 1, 1, 1, 1, 2, 1, 1, 1, 40, 40];
    const text = encodeSchedule(choices);
    expect(text).toBe("s1.1~5.2.1~3.14~2");
    expect(decodeSchedule(text, 100)).toEqual({ ok: true, choices });
    expect(encodeSchedule([])).toBe("s1");
    expect(decodeSchedule("s1", 100)).toEqual({ ok: true, choices: [] });
  });

  it("refuses what is not a schedule, with a reason", () => {
    for (const bad of ["", "x", "s2.1", "s1.", "s1.1~", "s1.0", "s1.1~0", "s1.-1", "s1.1.2~zzzzzzz"]) {
      const decoded = decodeSchedule(bad, 1000);
      expect(decoded.ok, bad).toBe(false);
    }
    expect(decodeSchedule("s1.1~zz", 100)).toEqual({ ok: false, error: expect.stringContaining("longer") });
  });
});
