// The embed's address options, and the <iframe> HTML a course page pastes:
// it must be valid HTML (escaped), ask for cross-origin isolation, and
// reopen exactly the snippet with exactly the options chosen.
import { describe, expect, it } from "vitest";
import { clampHeight, embedIframeHtml, embedUrl, parseEmbedOptions } from "./embed-options";
import { decodeShareHash, encodeShareHash } from "./share-link";

describe("parseEmbedOptions", () => {
  it("is null on the full page", () => {
    expect(parseEmbedOptions("")).toBeNull();
    expect(parseEmbedOptions("?lang=zh")).toBeNull();
    expect(parseEmbedOptions("?embed=0")).toBeNull();
  });

  it("reads flags and the initial panel", () => {
    expect(parseEmbedOptions("?embed=1")).toEqual({ readOnly: false, autorun: false, panel: "output", explain: false });
    expect(parseEmbedOptions("?embed&readonly&autorun=1&panel=timeline&explain")).toEqual({ readOnly: true, autorun: true, panel: "timeline", explain: true });
    expect(parseEmbedOptions("?embed=true&readonly=false&autorun=no&panel=bogus&explain=0")).toEqual({ readOnly: false, autorun: false, panel: "output", explain: false });
  });
});

describe("embed code", () => {
  const hash = encodeShareHash({ code: 'print("<b>\\"&\\"</b>")', settings: { gil: true, switchIntervalMs: 5, maxThreads: 64 } });
  const options = { readOnly: true, autorun: false, panel: "timeline" as const, explain: true, heightPx: 520 };

  it("points at the page with the options and the snippet's hash", () => {
    const url = new URL(embedUrl("https://host.example/play/?lang=zh#old", hash, options));
    expect(url.origin + url.pathname).toBe("https://host.example/play/");
    expect(parseEmbedOptions(url.search)).toEqual({ readOnly: true, autorun: false, panel: "timeline", explain: true });
    expect(url.searchParams.get("lang")).toBeNull();
    const decoded = decodeShareHash(url.hash);
    expect(decoded.ok && decoded.snippet.code).toBe('print("<b>\\"&\\"</b>")');
  });

  it("pins the language only when asked", () => {
    expect(new URL(embedUrl("https://host.example/", hash, { ...options, language: "zh" })).searchParams.get("lang")).toBe("zh");
    expect(new URL(embedUrl("https://host.example/", hash, { ...options, language: "en" })).searchParams.get("lang")).toBe("en");
    expect(new URL(embedUrl("https://host.example/?lang=zh", hash, { ...options, language: "reader" })).searchParams.get("lang")).toBeNull();
  });

  it("is one escaped <iframe> that allows cross-origin isolation", () => {
    const html = embedIframeHtml("https://host.example/", hash, options, 'A "title" <x>');
    expect(html).toMatch(/^<iframe [^<>]*><\/iframe>$/);
    expect(html).toContain('allow="cross-origin-isolated"');
    expect(html).toContain('height="520"');
    expect(html).toContain('title="A &quot;title&quot; &lt;x&gt;"');
    const src = /src="([^"]*)"/.exec(html)![1].replace(/&amp;/g, "&");
    expect(src).toBe(embedUrl("https://host.example/", hash, options));
  });

  it("keeps the height sensible", () => {
    expect(clampHeight(10)).toBe(240);
    expect(clampHeight(99999)).toBe(2000);
    expect(clampHeight(Number.NaN)).toBe(480);
  });
});
