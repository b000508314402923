// Share links must survive the trip through an address bar and a chat app,
// and a link that did not survive must say so instead of loading garbage.
import LZString from "lz-string";
import { describe, expect, it } from "vitest";
import { buildShareUrl, checksum, decodeShareHash, encodeShareHash, isShareHash, MAX_LINK_CHARS } from "./share-link";

const { compressToEncodedURIComponent } = LZString;
const SETTINGS = { gil: true, switchIntervalMs: 2.5, maxThreads: 16 };
const CODE = 'import { print } from "playground";\nprint("hello & = $ + %20 #x");\n';

function roundTrip(code: string, exampleId: string | null = null) {
  const result = decodeShareHash(encodeShareHash({ code, settings: SETTINGS, exampleId }));
  if (!result.ok) throw new Error(`not decoded: ${result.reason}`);
  return result;
}

describe("share links", () => {
  it("round-trips code, settings and the example id", () => {
    const result = roundTrip(CODE, "race-counter");
    expect(result.snippet).toEqual({ code: CODE, settings: SETTINGS, exampleId: "race-counter" });
    expect(result.warnings).toEqual([]);
  });

  it("carries the race detector when it is on, and refuses a race value that is not 0 or 1", () => {
    const on = decodeShareHash(encodeShareHash({ code: CODE, settings: { ...SETTINGS, raceDetector: true }, exampleId: null }));
    expect(on.ok && on.snippet.settings).toEqual({ ...SETTINGS, raceDetector: true });
    const hash = encodeShareHash({ code: CODE, settings: { ...SETTINGS, raceDetector: false }, exampleId: null });
    expect(hash).not.toContain("race=");
    expect(decodeShareHash(hash.replace("&v=", "&race=yes&v="))).toEqual({ ok: false, reason: "bad-setting", detail: "race" });
  });

  it("carries a controlled run's seed and schedule (a replay link), and refuses ones a run would refuse", () => {
    const replay = { ...SETTINGS, controlled: true, seed: 4294967295, schedule: "s1.1~3.2.1~a" };
    const hash = encodeShareHash({ code: CODE, settings: replay, exampleId: null });
    expect(hash).toContain("&controlled=1&seed=4294967295&schedule=s1.1~3.2.1~a&");
    const back = decodeShareHash(hash);
    expect(back.ok && back.snippet.settings).toEqual(replay);
    // Without a controlled run, a seed or schedule would mean nothing: left out.
    const plain = encodeShareHash({ code: CODE, settings: { ...SETTINGS, controlled: false, seed: 3, schedule: "x" }, exampleId: null });
    expect(plain).not.toMatch(/controlled=|seed=|schedule=/);
    expect(decodeShareHash(hash.replace("seed=4294967295", "seed=4294967296"))).toEqual({ ok: false, reason: "bad-setting", detail: "seed" });
    expect(decodeShareHash(hash.replace("seed=4294967295", "seed=1.5"))).toEqual({ ok: false, reason: "bad-setting", detail: "seed" });
    expect(decodeShareHash(hash.replace("controlled=1", "controlled=on"))).toEqual({ ok: false, reason: "bad-setting", detail: "controlled" });
    expect(decodeShareHash(hash.replace("schedule=s1", "schedule=s*1"))).toEqual({ ok: false, reason: "bad-setting", detail: "schedule" });
    // URL-safe but no schedule a run made (no "s1", an empty one): refused too, not kept for the runs after
    expect(decodeShareHash(hash.replace("schedule=s1.1~3.2.1~a", "schedule=aB3_-.~0"))).toEqual({ ok: false, reason: "bad-setting", detail: "schedule" });
    expect(decodeShareHash(hash.replace("schedule=s1.1~3.2.1~a", "schedule="))).toEqual({ ok: false, reason: "bad-setting", detail: "schedule" });
  });

  it("round-trips Chinese text, emoji (surrogate pairs), tabs and CRLF", () => {
    const code = '// 三个线程同时给计数器加一\nprint("你好，世界 🧵🔒");\r\n\tconst 变量 = "\\u0000";\n';
    expect(roundTrip(code).snippet.code).toBe(code);
  });

  it("round-trips empty code and a large snippet", () => {
    expect(roundTrip("").snippet.code).toBe("");
    const big = Array.from({ length: 3000 }, (_, i) => `print(${i}); // line ${i}`).join("\n");
    expect(roundTrip(big).snippet.code).toBe(big);
  });

  it("leaves out an example id that would break the hash", () => {
    expect(encodeShareHash({ code: "x", settings: SETTINGS, exampleId: "a&b=c" })).not.toContain("ex=");
  });

  it("reads a link whose characters a chat app percent-encoded", () => {
    const hash = encodeShareHash({ code: CODE, settings: SETTINGS });
    const mangled = "#" + encodeURIComponent(hash.slice(1));
    expect(mangled).toContain("%26");
    const result = decodeShareHash(mangled);
    expect(result.ok && result.snippet.code).toBe(CODE);
  });

  it("says a link cut off anywhere is truncated or damaged, never loads part of it", () => {
    const hash = encodeShareHash({ code: CODE.repeat(20), settings: SETTINGS, exampleId: "ex-1" });
    for (let end = "#code/".length; end < hash.length - 1; end += 7) {
      const result = decodeShareHash(hash.slice(0, end));
      expect(result.ok, `cut at ${end}`).toBe(false);
      if (!result.ok) expect(["truncated", "damaged"]).toContain(result.reason);
    }
    const noCheck = decodeShareHash(hash.slice(0, hash.indexOf("&v=")));
    expect(noCheck).toMatchObject({ ok: false, reason: "truncated" });
  });

  it("spots a changed character in the code by its checksum", () => {
    const hash = encodeShareHash({ code: CODE, settings: SETTINGS });
    const i = "#code/".length + 5;
    const changed = hash.slice(0, i) + (hash[i] === "A" ? "B" : "A") + hash.slice(i + 1);
    expect(decodeShareHash(changed)).toMatchObject({ ok: false, reason: "damaged" });
  });

  it.each([
    ["garbage", "#code/!!!***&v=1&h=00000000"],
    ["characters outside the alphabet", "#code/<script>&v=1&h=12345678"],
    ["a bad percent-escape", "#code/%E0%A4%A&v=1&h=12345678"],
  ])("refuses %s without throwing", (_label, hash) => {
    const result = decodeShareHash(hash);
    expect(result.ok).toBe(false);
  });

  it("refuses a link of another format version, and one with no version or checksum", () => {
    const packed = compressToEncodedURIComponent(CODE);
    expect(decodeShareHash(`#code/${packed}&v=2&h=${checksum(CODE)}`)).toEqual({ ok: false, reason: "version", detail: "2" });
    expect(decodeShareHash(`#code/${packed}`)).toMatchObject({ ok: false, reason: "truncated" });
    expect(decodeShareHash(`#code/&v=1&h=${checksum("")}`)).toMatchObject({ ok: false, reason: "truncated" });
  });

  it("accepts hand-edited settings: clamps out-of-range numbers with a warning, refuses non-numbers", () => {
    const base = `#code/${compressToEncodedURIComponent(CODE)}`;
    const tail = `&v=1&h=${checksum(CODE)}`;
    const clamped = decodeShareHash(`${base}&gil=1&si=99999&mt=0${tail}`);
    expect(clamped.ok && clamped.snippet.settings).toEqual({ gil: true, switchIntervalMs: 10000, maxThreads: 1 });
    expect(clamped.ok && clamped.warnings.map((w) => w.kind === "clamped" && w.setting)).toEqual(["switchIntervalMs", "maxThreads"]);
    expect(decodeShareHash(`${base}&si=fast${tail}`)).toEqual({ ok: false, reason: "bad-setting", detail: "si" });
    expect(decodeShareHash(`${base}&mt=${tail}`)).toEqual({ ok: false, reason: "bad-setting", detail: "mt" });
    expect(decodeShareHash(`${base}&gil=yes${tail}`)).toEqual({ ok: false, reason: "bad-setting", detail: "gil" });
    // Missing settings stay unset (the page's defaults apply); unknown keys are ignored.
    const bare = decodeShareHash(`${base}&future=1${tail}`);
    expect(bare.ok && bare.snippet.settings).toEqual({});
    const badId = decodeShareHash(`${base}&ex=${"x".repeat(100)}${tail}`);
    expect(badId.ok && badId.snippet.exampleId).toBeNull();
    expect(badId.ok && badId.warnings[0]?.kind).toBe("bad-example-id");
  });

  it("tells share hashes from other hashes", () => {
    expect(isShareHash(encodeShareHash({ code: "x", settings: SETTINGS }))).toBe(true);
    expect(isShareHash("#code%2Fabc")).toBe(true);
    expect(isShareHash("#timeline")).toBe(false);
    expect(isShareHash("")).toBe(false);
    expect(decodeShareHash("#timeline")).toEqual({ ok: false, reason: "not-a-share-link" });
  });

  it("builds the link on the page's path without its query, and flags one over the limit", () => {
    const { url, tooLong } = buildShareUrl("https://example.org/play/?embed=1&x=2#old", { code: CODE, settings: SETTINGS });
    expect(url.startsWith("https://example.org/play/#code/")).toBe(true);
    expect(tooLong).toBe(false);
    // Random text barely compresses: enough of it makes a link over the limit.
    let seed = 1;
    const random = Array.from({ length: MAX_LINK_CHARS }, () => String.fromCharCode(0x4e00 + ((seed = (seed * 48271) % 2147483647) % 20000))).join("");
    const long = buildShareUrl("https://example.org/", { code: random, settings: SETTINGS });
    expect(long.tooLong).toBe(true);
    expect(long.url.length).toBeGreaterThan(MAX_LINK_CHARS);
    const back = decodeShareHash(new URL(long.url).hash);
    expect(back.ok && back.snippet.code).toBe(random);
  });
});
