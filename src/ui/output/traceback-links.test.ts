// The traceback forms the session prints become links; other text stays text.
import { describe, expect, it } from "vitest";
import { tracebackParts } from "./traceback-links";

describe("tracebackParts", () => {
  it("finds every place in a traceback line", () => {
    expect(tracebackParts("Exception in thread Thread-1: Error: boom (line 4, column 25)")).toEqual([
      { text: "Exception in thread Thread-1: Error: boom (" },
      { text: "line 4, column 25", line: 4, column: 25 },
      { text: ")" },
    ]);
    expect(tracebackParts("  line 12, column 3, in worker")[1]).toEqual({ text: "line 12, column 3", line: 12, column: 3 });
    expect(tracebackParts("'boom' (line 4)")[1]).toEqual({ text: "line 4", line: 4, column: undefined });
    expect(tracebackParts("at line 9:2")[1]).toEqual({ text: "line 9:2", line: 9, column: 2 });
  });

  it("leaves text without a place whole", () => {
    expect(tracebackParts("hello")).toEqual([{ text: "hello" }]);
    expect(tracebackParts("")).toEqual([{ text: "" }]);
    expect(tracebackParts("pipeline 4")).toEqual([{ text: "pipeline 4" }]);
  });
});
