// Share links: a snippet, its run settings and the gallery example it came
// from, packed into the page address's hash as the TypeScript playground
// does (lz-string's compressToEncodedURIComponent). Pure: no React, no DOM.
//
// Format (version 1), one hash, `&`-separated; the compressed code comes
// first and the check last, so a link cut off anywhere loses its check:
//
//   #code/<lz>&gil=0&si=5&mt=64[&ex=<exampleId>]&v=1&h=<checksum>
//
//   code/<lz>  the snippet, compressToEncodedURIComponent (alphabet A-Z a-z
//              0-9 + - $, so it never contains `&` or `=`)
//   gil        0 | 1                          settings.gil
//   si         number, ms, 0.1..1000          settings.switchIntervalMs
//   mt         integer, 1..1000               settings.maxThreads
//   race       1 (only when on)               settings.raceDetector
//   controlled 1 (only when on)               settings.controlled (API.md §10)
//   seed       integer, 0..2^32-1             settings.seed (controlled runs)
//   schedule   [A-Za-z0-9_.~-]*               settings.schedule: a recorded
//              interleaving, so a teacher can link "this exact one"
//   ex         [A-Za-z0-9._-]{1,64}           the example's id (optional)
//   v          format version; other versions are refused, not guessed at
//   h          FNV-1a 32-bit hash of the decoded code, 8 hex digits: a
//              link damaged inside the code (cut off, a character changed)
//              decompresses to something, often garbage; the hash tells.
//
// The settings are not covered by `h` on purpose: a teacher may edit
// `gil=1` by hand. Each is validated; out-of-range numbers are clamped (with
// a warning), values that are not numbers make the link unreadable.
// Unknown keys are ignored, so a later version can add some.

// The default import: lz-string is CommonJS, and Node (the browser tests import this file) has no named exports for it.
import { fnv1a } from "../../base/text-hash";
import LZString from "lz-string";
import { MAX_THREADS_RANGE, SWITCH_INTERVAL_RANGE_MS, checkSetting, type RunSettings } from "../../runtime/settings";

const { compressToEncodedURIComponent, decompressFromEncodedURIComponent } = LZString;

export const SHARE_FORMAT_VERSION = 1;

/**
 * Links longer than this are flagged (still produced). RFC 9110 §4.1 asks
 * senders and recipients to support URIs of at least 8,000 octets; longer
 * ones are cut by chat apps, mail clients, URL shorteners and some
 * browsers' address bars (and a cut link is unreadable).
 */
export const MAX_LINK_CHARS = 8000;

/** Guards against a decompression bomb in a hand-made hash. */
const MAX_PACKED_CHARS = 200_000;
const MAX_CODE_CHARS = 1_000_000;

/** A link's numbers are clamped into the ranges every entry has (runtime/settings.ts), with a notice. */
export const SETTING_LIMITS = {
  switchIntervalMs: SWITCH_INTERVAL_RANGE_MS,
  maxThreads: MAX_THREADS_RANGE,
} as const;

/** The settings a link carries. */
export type ShareSettings = Required<Pick<RunSettings, "gil" | "switchIntervalMs" | "maxThreads">> & Pick<RunSettings, "raceDetector" | "controlled" | "seed" | "schedule">;

export interface SharedSnippet {
  code: string;
  settings: ShareSettings;
  exampleId?: string | null;
}

/** Why a link could not be read; the UI words it (in the learner's language). */
export type ShareErrorReason =
  | "not-a-share-link" // the hash is something else (e.g. #timeline)
  | "truncated" //       parts missing: cut off when copied
  | "damaged" //         the code does not decompress or fails its check
  | "version" //         made by another version of the playground
  | "bad-setting" //     a setting that is not a number / not 0 or 1
  | "too-large"; //      more code than any snippet has

export type ShareWarning = { kind: "clamped"; setting: keyof RunSettings; value: string; usedValue: number } | { kind: "bad-example-id"; value: string };

export type DecodeResult =
  | { ok: true; snippet: { code: string; settings: RunSettings; exampleId: string | null }; warnings: ShareWarning[] }
  | { ok: false; reason: ShareErrorReason; detail?: string };

/** FNV-1a over UTF-16 code units: tiny, fast, and plenty to spot damage. */
export function checksum(text: string): string {
  return fnv1a(text);
}

const EXAMPLE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The hash (with its leading `#`) for a snippet. */
export function encodeShareHash(snippet: SharedSnippet): string {
  const { gil, switchIntervalMs, maxThreads, raceDetector, controlled, seed, schedule } = snippet.settings;
  const parts = [`code/${compressToEncodedURIComponent(snippet.code)}`, `gil=${gil ? 1 : 0}`, `si=${switchIntervalMs}`, `mt=${maxThreads}`];
  if (raceDetector) parts.push("race=1");
  // A seed or a schedule only means something to a controlled run.
  if (controlled) {
    parts.push("controlled=1");
    if (seed !== undefined) parts.push(`seed=${seed}`);
    if (schedule) parts.push(`schedule=${schedule}`);
  }
  if (snippet.exampleId && EXAMPLE_ID.test(snippet.exampleId)) parts.push(`ex=${snippet.exampleId}`);
  parts.push(`v=${SHARE_FORMAT_VERSION}`, `h=${checksum(snippet.code)}`);
  return `#${parts.join("&")}`;
}

/** The full link for a page address (its query and hash are replaced), and whether it is too long to pass around safely. */
export function buildShareUrl(pageUrl: string, snippet: SharedSnippet): { url: string; tooLong: boolean } {
  const base = new URL(pageUrl);
  base.search = "";
  base.hash = "";
  const url = base.href + encodeShareHash(snippet);
  return { url, tooLong: url.length > MAX_LINK_CHARS };
}

/** Whether a hash claims to be a share link (other hashes, like #timeline, are left alone). */
export function isShareHash(hash: string): boolean {
  return /^#?code(\/|%2F)/i.test(hash);
}

/** Reads a hash back. Never throws: a damaged link gives a reason. */
export function decodeShareHash(rawHash: string): DecodeResult {
  let hash = rawHash.startsWith("#") ? rawHash.slice(1) : rawHash;
  // Some apps percent-encode a pasted link's `$`, `&` or `=`.
  if (hash.includes("%")) {
    try {
      hash = decodeURIComponent(hash);
    } catch {
      return { ok: false, reason: "damaged", detail: "percent-encoding" };
    }
  }
  if (!hash.startsWith("code/")) return { ok: false, reason: "not-a-share-link" };
  const [first, ...rest] = hash.split("&");
  const packed = first.slice("code/".length);
  const params = new Map<string, string>();
  for (const pair of rest) {
    const eq = pair.indexOf("=");
    if (eq > 0) params.set(pair.slice(0, eq), pair.slice(eq + 1));
  }

  const version = params.get("v");
  if (version && version !== String(SHARE_FORMAT_VERSION)) return { ok: false, reason: "version", detail: version };
  // v and h come last: without them the link was cut off (or hand-made).
  const expected = params.get("h");
  if (!version || expected === undefined || !/^[0-9a-f]{8}$/.test(expected)) return { ok: false, reason: "truncated" };
  if (packed.length === 0) return { ok: false, reason: "truncated", detail: "code" };
  if (packed.length > MAX_PACKED_CHARS) return { ok: false, reason: "too-large" };

  let code: string | null;
  try {
    code = decompressFromEncodedURIComponent(packed);
  } catch {
    code = null; // lz-string throws on some invalid input
  }
  if (code === null) return { ok: false, reason: "damaged" };
  if (code.length > MAX_CODE_CHARS) return { ok: false, reason: "too-large" };
  if (checksum(code) !== expected) return { ok: false, reason: "damaged", detail: "checksum" };

  const warnings: ShareWarning[] = [];
  const settings: RunSettings = {};
  const gil = params.get("gil");
  if (gil !== undefined) {
    if (gil !== "0" && gil !== "1") return { ok: false, reason: "bad-setting", detail: "gil" };
    settings.gil = gil === "1";
  }
  const race = params.get("race");
  if (race !== undefined) {
    if (race !== "0" && race !== "1") return { ok: false, reason: "bad-setting", detail: "race" };
    settings.raceDetector = race === "1";
  }
  const controlled = params.get("controlled");
  if (controlled !== undefined) {
    if (controlled !== "0" && controlled !== "1") return { ok: false, reason: "bad-setting", detail: "controlled" };
    settings.controlled = controlled === "1";
  }
  // Not clamped: a different seed or a cut schedule would show another interleaving than the one linked.
  const seed = params.get("seed");
  if (seed !== undefined) {
    if (!/^\d{1,10}$/.test(seed) || checkSetting("seed", Number(seed)) !== null) return { ok: false, reason: "bad-setting", detail: "seed" };
    settings.seed = Number(seed);
  }
  const schedule = params.get("schedule");
  if (schedule !== undefined) {
    if (checkSetting("schedule", schedule) !== null) return { ok: false, reason: "bad-setting", detail: "schedule" };
    settings.schedule = schedule;
  }
  const numbers = [
    ["si", "switchIntervalMs", false],
    ["mt", "maxThreads", true],
  ] as const;
  for (const [key, setting, integer] of numbers) {
    const text = params.get(key);
    if (text === undefined) continue;
    const value = Number(text);
    if (text.trim() === "" || !Number.isFinite(value)) return { ok: false, reason: "bad-setting", detail: key };
    const { min, max } = SETTING_LIMITS[setting];
    const used = Math.min(max, Math.max(min, integer ? Math.round(value) : value));
    if (used !== value) warnings.push({ kind: "clamped", setting, value: text, usedValue: used });
    settings[setting] = used;
  }

  let exampleId: string | null = null;
  const ex = params.get("ex");
  if (ex !== undefined) {
    if (EXAMPLE_ID.test(ex)) exampleId = ex;
    else warnings.push({ kind: "bad-example-id", value: ex.slice(0, 80) });
  }
  return { ok: true, snippet: { code, settings, exampleId }, warnings };
}
