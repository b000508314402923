// The Python panel's data: every gallery example has a Python view in both
// languages, a TypeScript line leads to its mapped Python line only while the
// code is the example's, and the reverse lookup finds the TypeScript lines.

import { describe, expect, it } from "vitest";
import { EXAMPLES, findExample } from "../../examples/catalog";
import { pythonLineFor, pythonView, tsLinesFor } from "./python-view";

describe("pythonView", () => {
  it("gives every example its Python, with Chinese comments for zh readers", () => {
    for (const example of EXAMPLES) {
      const en = pythonView(example, example.code, "en");
      const zh = pythonView(example, example.codeZh ?? example.code, "zh");
      expect(en, example.id).not.toBeNull();
      expect(en!.linesMatch, example.id).toBe(true);
      expect(zh!.linesMatch, example.id).toBe(true);
      expect(zh!.code.split("\n").length, example.id).toBe(en!.code.split("\n").length);
    }
    const zh = pythonView(findExample("thread-target"), "", "zh")!;
    expect(zh.code).toMatch(/[\u4e00-\u9fff]/);
  });

  it("has none for code that is no example", () => {
    expect(pythonView(undefined, "print(1)", "en")).toBeNull();
  });

  it("maps a TypeScript line to its Python line while the code is unedited", () => {
    const example = findExample("thread-target")!;
    const view = pythonView(example, example.code, "en");
    const tsLine = view!.tsToPy.findIndex((py) => py > 0) + 1;
    const pyLine = view!.tsToPy[tsLine - 1];
    expect(pythonLineFor(view, tsLine)).toBe(pyLine);
    expect(tsLinesFor(view, pyLine)).toContain(tsLine);
    expect(pythonLineFor(view, null)).toBeNull();
    // A line with no counterpart (0) highlights nothing.
    const unmapped = view!.tsToPy.indexOf(0);
    if (unmapped >= 0) expect(pythonLineFor(view, unmapped + 1)).toBeNull();

    const edited = pythonView(example, example.code + "\n// mine", "en");
    expect(edited!.linesMatch).toBe(false);
    expect(pythonLineFor(edited, tsLine)).toBeNull();
    expect(tsLinesFor(edited, pyLine)).toEqual([]);
  });
});
