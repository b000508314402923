// The embed view's options, read from the page address, and the <iframe>
// HTML a course page pastes to embed a snippet. Pure: no React, no DOM.
//
//   /?embed=1[&readonly=1][&autorun=1][&explain=1][&panel=output|timeline][&lang=en|zh][&origin=<origin>]#code/...
//
//   embed     compact layout (slim toolbar, editor, output/timeline tabs)
//   readonly  the learner cannot edit the code (the parent page still can,
//             by postMessage playground:setCode)
//   autorun   run once when the page is ready; never without this flag
//   explain   show the gallery example's title and explanation above the
//             code (when the snippet is an example)
//   panel     the tab shown first (default output)
//   lang      the interface language (i18n/language.ts reads it); absent:
//             the reader's choice or browser language
//   origin    only this parent origin's messages are answered (automation.ts)
//   height    accepted and ignored: the frame fills whatever height its
//             <iframe> has, which is where the embed dialog puts it
//
// Flags are on when present with any value but 0/false/no ("?readonly" alone is on).

export type EmbedPanel = "output" | "timeline";

export interface EmbedOptions {
  readOnly: boolean;
  autorun: boolean;
  panel: EmbedPanel;
  explain: boolean;
}

/** The language an embed is pinned to, or "reader": whatever the learner's browser or choice says. */
export type EmbedLanguage = "en" | "zh" | "reader";

export const DEFAULT_EMBED_HEIGHT_PX = 480;
export const EMBED_HEIGHT_LIMITS_PX = { min: 240, max: 2000 } as const;

function flag(params: URLSearchParams, name: string): boolean {
  const value = params.get(name);
  return value !== null && !/^(0|false|no|off)$/i.test(value.trim());
}

/** The embed options of a page address's query, or null when it is the full page. */
export function parseEmbedOptions(search: string): EmbedOptions | null {
  const params = new URLSearchParams(search);
  if (!flag(params, "embed")) return null;
  return {
    readOnly: flag(params, "readonly"),
    autorun: flag(params, "autorun"),
    panel: params.get("panel") === "timeline" ? "timeline" : "output",
    explain: flag(params, "explain"),
  };
}

export interface EmbedCodeOptions extends EmbedOptions {
  heightPx: number;
}

/** What the embed dialog chooses: the address's options and its language. */
export interface EmbedUrlOptions extends EmbedOptions {
  language?: EmbedLanguage;
}

/** The embed page's address for a share hash (from share-link.ts) on the page at `pageUrl`. */
export function embedUrl(pageUrl: string, shareHash: string, options: EmbedUrlOptions): string {
  const url = new URL(pageUrl);
  url.hash = "";
  url.search = "";
  const params = ["embed=1"];
  if (options.readOnly) params.push("readonly=1");
  if (options.autorun) params.push("autorun=1");
  if (options.explain) params.push("explain=1");
  params.push(`panel=${options.panel}`);
  if (options.language && options.language !== "reader") params.push(`lang=${options.language}`);
  return `${url.href}?${params.join("&")}${shareHash}`;
}

const escapeAttribute = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function clampHeight(heightPx: number): number {
  if (!Number.isFinite(heightPx)) return DEFAULT_EMBED_HEIGHT_PX;
  return Math.round(Math.min(EMBED_HEIGHT_LIMITS_PX.max, Math.max(EMBED_HEIGHT_LIMITS_PX.min, heightPx)));
}

/**
 * The <iframe> to paste into a course page. `allow="cross-origin-isolated"`
 * lets the frame be isolated (Document-Isolation-Policy) even though the
 * course page is not; without it Chromium may withhold SharedArrayBuffer.
 */
export function embedIframeHtml(pageUrl: string, shareHash: string, options: EmbedCodeOptions & EmbedUrlOptions, title = "Concurrency Playground"): string {
  const src = embedUrl(pageUrl, shareHash, options);
  return (
    `<iframe src="${escapeAttribute(src)}" title="${escapeAttribute(title)}" width="100%" height="${clampHeight(options.heightPx)}"` +
    ` style="border: 1px solid #d0d7de; border-radius: 8px" allow="cross-origin-isolated" loading="lazy"></iframe>`
  );
}
