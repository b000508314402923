import { describe, expect, it } from "vitest";
import { MAX_OUTPUT_LINES, RunOutput } from "./run-output";
import type { OutputLine } from "../runtime/types";

const line = (thread: string, t: number, system = false): OutputLine => ({ thread, text: `${thread}@${t}`, t, stream: "stdout", ...(system ? { system } : {}) });

describe("RunOutput", () => {
  it("merges a chunk's lines into those kept in time order, an earlier-kept line first on a tie, and hands each to the UI once", () => {
    const out = new RunOutput();
    out.add([line("a", 1), line("a", 5)]);
    expect(out.takeNew()?.map((l) => l.text)).toEqual(["a@1", "a@5"]);
    out.add([line("b", 5), line("b", 3), line("c", 9)]);
    expect(out.lines.map((l) => l.text)).toEqual(["a@1", "b@3", "a@5", "b@5", "c@9"]);
    expect(out.takeNew()?.map((l) => l.text)).toEqual(["b@3", "b@5", "c@9"]);
    expect(out.takeNew()).toBeNull();
  });

  it("counts the snippet's lines past the cap instead of keeping them, keeps the playground's own, and says how many at the end", () => {
    const out = new RunOutput();
    out.add(Array.from({ length: MAX_OUTPUT_LINES }, (_, i) => line("a", i)));
    out.add([line("a", MAX_OUTPUT_LINES), line("playground", MAX_OUTPUT_LINES + 1, true), line("a", MAX_OUTPUT_LINES + 2)]);
    expect(out.lines).toHaveLength(MAX_OUTPUT_LINES + 1);
    expect(out.lines[out.lines.length - 1].thread).toBe("playground");
    out.takeNew();
    out.sayOmitted(1e6);
    const said = out.takeNew();
    expect(said?.[0].text).toMatch(/^2 more output lines were printed but not kept/);
    expect(said?.[0].system).toBe(true);
  });
});
