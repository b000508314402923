import { describe, expect, it } from "vitest";
import { browserLanguage, parseLanguage } from "./language";

describe("language", () => {
  it("reads language tags", () => {
    expect(parseLanguage("zh-CN")).toBe("zh");
    expect(parseLanguage("ZH-tw")).toBe("zh");
    expect(parseLanguage("en-GB")).toBe("en");
    expect(parseLanguage("fr")).toBeNull();
    expect(parseLanguage("")).toBeNull();
    expect(parseLanguage(null)).toBeNull();
  });

  it("follows the first browser language it knows, else English", () => {
    expect(browserLanguage(["fr-FR", "zh-CN", "en"])).toBe("zh");
    expect(browserLanguage(["de", "en-US"])).toBe("en");
    expect(browserLanguage(["ja"])).toBe("en");
    expect(browserLanguage([])).toBe("en");
  });
});
