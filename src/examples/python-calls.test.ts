import { describe, expect, it } from "vitest";
import { EXAMPLES } from "./catalog";
import { playgroundImports, pythonCallsOf, unknownImports } from "./python-calls";

describe("the Python each example's calls stand for", () => {
  it.each(EXAMPLES.map((e) => [e.id, e.code]))("%s: every name it imports has its Python, and it names at least one", (_, code) => {
    expect(unknownImports(code)).toEqual([]);
    expect(pythonCallsOf(code).length).toBeGreaterThan(0);
  });

  it("reads the import, renames included, in order, and leaves print out", () => {
    const code = 'import { print, Lock as L, Thread } from "playground";\nconst t = 1;';
    expect(playgroundImports(code)).toEqual(["print", "Lock", "Thread"]);
    expect(pythonCallsOf(code).map((c) => c.py)).toEqual(["threading.Lock(), with lock:", "threading.Thread(target=..., args=...)"]);
    expect(pythonCallsOf("const x = 1;")).toEqual([]);
  });
});
