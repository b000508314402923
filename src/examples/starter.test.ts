import { describe, expect, it } from "vitest";
import { isStarterCode, starterCode, starterLostNothing, starterSnippet, starterSnippetZh } from "./starter";

describe("the starter", () => {
  it("comes with Chinese comments for Chinese readers: the same program, line for line", () => {
    expect(starterCode("en")).toBe(starterSnippet);
    expect(starterCode("zh")).toBe(starterSnippetZh);
    expect(starterSnippetZh).not.toBe(starterSnippet);
    const en = starterSnippet.split("\n");
    const zh = starterSnippetZh.split("\n");
    expect(zh.length).toBe(en.length);
    // Only comments differ: each line is the same up to its "//".
    en.forEach((line, i) => expect(zh[i].split("//")[0]).toBe(line.split("//")[0]));
    // Every English comment was translated (no comment left with Latin words, outside "Ctrl/⌘+Enter").
    for (const line of zh) {
      const comment = line.split("//")[1];
      if (comment !== undefined) expect(comment.replace("Ctrl/⌘+Enter", "")).not.toMatch(/[A-Za-z]{3,}/);
    }
  });

  it("is recognised in either language, and not once edited", () => {
    expect(isStarterCode(starterSnippet)).toBe(true);
    expect(isStarterCode(starterSnippetZh)).toBe(true);
    expect(isStarterCode(starterSnippet + "\n// mine")).toBe(false);
  });

  it("reads from the output whether the unlocked half lost an update", () => {
    expect(starterLostNothing(["without a lock: 600000 of 600000 (31.2 ms)", "with a lock:    600000 of 600000 (80.1 ms)"])).toBe(true);
    expect(starterLostNothing(["without a lock: 412977 of 600000 (31.2 ms)", "with a lock:    600000 of 600000 (80.1 ms)"])).toBe(false);
    expect(starterLostNothing(["with a lock:    600000 of 600000 (80.1 ms)"])).toBeNull();
    expect(starterLostNothing([])).toBeNull();
  });
});
