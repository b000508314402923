// Names on the canvas are the snippet's: one with a control character in it
// is drawn with that character shown, not obeyed.
import { describe, expect, it } from "vitest";
import { visibleText } from "./visible-text";

describe("visibleText", () => {
  it("leaves a plain name alone, Chinese and emoji included", () => {
    for (const name of ["Thread-1", "工人-2", "🧵 worker", "lock A"]) expect(visibleText(name)).toBe(name);
  });

  it("shows a bidi override, an isolate, a zero-width mark and a newline as Python's repr does", () => {
    expect(visibleText("evil\u202Egnp.exe")).toBe("evil\\u202egnp.exe");
    expect(visibleText("a\u2066b\u2069")).toBe("a\\u2066b\\u2069");
    expect(visibleText("x\u200By")).toBe("x\\u200by");
    expect(visibleText("two\nlines")).toBe("two\\u000alines");
  });
});
