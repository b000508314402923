import { describe, expect, it } from "vitest";
import { compile } from "./compile";
import { parsePragmas } from "./pragmas";

describe("first-line pragmas", () => {
  it("reads gil, switchInterval and maxThreads", () => {
    const result = compile(`// playground: gil=on switchInterval=5 maxThreads=16\nlet x = 1;`);
    expect(result.ok).toBe(true);
    expect(result.pragmas).toEqual({ gil: true, switchIntervalMs: 5, maxThreads: 16 });
    expect(result.diagnostics).toEqual([]);
  });

  it("accepts on/off/true/false for gil", () => {
    for (const [text, value] of [["on", true], ["off", false], ["true", true], ["false", false]] as const) {
      expect(parsePragmas(`// playground: gil=${text}`).pragmas.gil).toBe(value);
    }
  });

  it("reports on line 1 bad values (errors: nothing runs) and unknown keys (warnings), and keeps the rest", () => {
    const { pragmas, diagnostics } = parsePragmas(`//playground: gil=maybe speed=9 maxThreads=4 switchInterval=-1\ncode()`);
    expect(pragmas).toEqual({ maxThreads: 4 });
    expect(diagnostics.map((d) => [d.severity, d.line, d.column, d.endColumn, d.message.split(" ")[0] + " " + d.message.split(" ")[1]])).toEqual([
      ["error", 1, 15, 24, "pragma 'gil'"],
      ["warning", 1, 25, 32, "unknown pragma"],
      ["error", 1, 46, 63, "pragma 'switchInterval'"],
    ]);
    expect(compile(`// playground: colour=red\nlet x = 1;`).ok).toBe(true);
    expect(compile(`// playground: switchInterval=-5\nlet x = 1;`).ok).toBe(false);
  });

  it("reads controlled and seed, so a snippet can always show the same interleaving", () => {
    expect(parsePragmas(`// playground: controlled=on seed=7`).pragmas).toEqual({ controlled: true, seed: 7 });
    expect(parsePragmas(`// playground: controlled=off`).pragmas).toEqual({ controlled: false });
    const bad = parsePragmas(`// playground: controlled=maybe seed=-1 seed=1.5 seed=99999999999`);
    expect(bad.pragmas).toEqual({});
    expect(bad.diagnostics.map((d) => d.message.split(" ")[1])).toEqual(["'controlled'", "'seed'", "'seed'", "'seed'"]);
  });

  it("only reads the first line", () => {
    expect(parsePragmas(`let x = 1;\n// playground: gil=on`)).toEqual({ pragmas: {}, diagnostics: [] });
    expect(parsePragmas(`// a comment: gil=on`)).toEqual({ pragmas: {}, diagnostics: [] });
  });
});
