import { describe, expect, it } from "vitest";
import { BODY_HEADER_LINES, placeInBody } from "./snippet-position";

describe("where a function's source lies in the compiled body", () => {
  const js = `const a = 1;\nnew Thread({ target: () => {\n  throw new Error("x");\n} });\nconst twice = () => 0, again = () => 0;\n`;

  it("gives its line as the body's frames say it (the header's lines added) and its 1-based column", () => {
    expect(placeInBody(js, `() => {\n  throw new Error("x");\n}`)).toEqual({ line: 2 + BODY_HEADER_LINES, column: 22 });
    expect(placeInBody(js, "const a = 1;")).toEqual({ line: 1 + BODY_HEADER_LINES, column: 1 });
  });

  it("counts the line breaks V8 counts: U+2028, U+2029 and a lone CR in a string literal", () => {
    const body = `const s = "a\u2028b\u2029c\rd";\nwork(() => 1);\n`;
    expect(placeInBody(body, "() => 1")).toEqual({ line: 5 + BODY_HEADER_LINES, column: 6 });
  });

  it("gives no place for a source that is not there, or is there twice (it could be either)", () => {
    expect(placeInBody(js, "() => 1")).toBeNull();
    expect(placeInBody(js, "() => 0")).toBeNull();
    expect(placeInBody(js, "")).toBeNull();
  });

  it("measures the header V8 puts before a Function-constructor body", () => {
    expect(BODY_HEADER_LINES).toBeGreaterThanOrEqual(1);
  });
});
