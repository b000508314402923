// A traceback names a frame as Python would: a nameless arrow's is
// `<lambda>`, the top level's `<module>` (V8 calls both "eval").
import { describe, expect, it } from "vitest";
import { compile } from "../compile/compile";
import { snippetFrames } from "./traceback";

describe("snippetFrames", () => {
  it("tells a nameless arrow's frame from the module's, and keeps a named function's name", () => {
    const compiled = compile([
      `function named(n: number) { if (n > 0) throw new Error("boom"); }`,
      `[1].forEach((n) => { named(n); });`,
    ].join("\n"));
    expect(compiled.ok).toBe(true);
    // Where V8 would stand in the compiled body: the throw, the arrow's call of named(), the module's forEach.
    const lines = compiled.js.split("\n");
    const at = (text: string, from = 0) => {
      const line = lines.findIndex((l, i) => i >= from && l.includes(text));
      return `${line + 1}:${lines[line].indexOf(text) + 1}`;
    };
    const arrowLine = lines.findIndex((l) => l.includes("forEach"));
    const stack = [
      "Error: boom",
      `    at named (snippet.js:${at("throw")})`,
      `    at eval (snippet.js:${at("named(n)", arrowLine)})`,
      "    at Array.forEach (<anonymous>)",
      `    at eval (snippet.js:${at("forEach")})`,
    ].join("\n");
    expect(snippetFrames(stack, compiled, 0).map((f) => [f.functionName, f.line])).toEqual([["named", 1], ["<lambda>", 2], ["<module>", 2]]);
  });
});
