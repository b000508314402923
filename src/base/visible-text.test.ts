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
    expect(visibleText("two\nlines")).toBe("two\\nlines");
    expect(visibleText("nel\x85")).toBe("nel\\x85");
    expect(visibleText("soft\u00ADhyphen")).toBe("soft\\xadhyphen");
    expect(visibleText("tag\u{E0041}")).toBe("tag\\U000e0041");
    expect(visibleText("lone\uD800")).toBe("lone\\ud800");
    expect(visibleText("filler\u3164")).toBe("filler\\u3164");
  });

  it("in a name it escapes, doubles a backslash, so that an escape cannot pass for one; a plain name keeps its backslashes", () => {
    expect(visibleText("C:\\temp")).toBe("C:\\temp");
    expect(visibleText("\\u202e\u202e")).toBe("\\\\u202e\\u202e");
  });
});
