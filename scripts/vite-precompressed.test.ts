import { describe, expect, it } from "vitest";
import { assetName, takesGzip } from "./vite-precompressed";

describe("the preview's precompressed assets", () => {
  it("are sent to a client whose Accept-Encoding takes gzip, by name or by *, at a weight above 0", () => {
    expect(takesGzip("gzip, deflate, br, zstd")).toBe(true);
    expect(takesGzip("br;q=1.0, gzip;q=0.5")).toBe(true);
    expect(takesGzip("*")).toBe(true);
    expect(takesGzip(["deflate", "GZIP"])).toBe(true);
    expect(takesGzip("gzip;q=0")).toBe(false);
    expect(takesGzip("gzip;q=0, identity")).toBe(false);
    expect(takesGzip("*;q=0")).toBe(false);
    expect(takesGzip("x-gzip, deflate")).toBe(false);
    expect(takesGzip("identity")).toBe(false);
    expect(takesGzip(undefined)).toBe(false);
  });

  it("are looked up only for a file right in assets/, by an address that decodes", () => {
    expect(assetName("/assets/index-abc.js?v=1", "/assets/")).toBe("index-abc.js");
    expect(assetName("/base/assets/a.css", "/base/assets/")).toBe("a.css");
    expect(assetName("/assets/%E0", "/assets/")).toBeNull();
    expect(assetName("/assets/..%2Findex.html", "/assets/")).toBeNull();
    expect(assetName("/assets/sub/a.js", "/assets/")).toBeNull();
    expect(assetName("/assets/a%5Cb.js", "/assets/")).toBeNull();
    expect(assetName("/index.html", "/assets/")).toBeNull();
    expect(assetName("/assets/", "/assets/")).toBeNull();
  });
});
