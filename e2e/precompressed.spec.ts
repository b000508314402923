// `vite preview` serves the build's assets from the gzip files made at build
// time (scripts/vite-precompressed.ts): the same bytes as the asset, with
// the page's isolation headers and an ETag; a client that takes no gzip
// gets the file as vite serves it.
import { readdirSync, readFileSync } from "node:fs";
import { test, expect } from "./fixtures";

const DIST = new URL("../dist/", import.meta.url);

test("the build's assets are served from their gzip files, unchanged", async ({ request, baseURL }) => {
  const assets = readdirSync(new URL("assets/", DIST));
  const worker = assets.find((name) => /^compile-worker-[\w-]+\.js$/.test(name));
  expect(worker, "the compiler's worker in dist/assets").toBeDefined();
  expect(assets, "its gzip file").toContain(`${worker}.gz`);
  const url = new URL(`/assets/${worker}`, baseURL).href;
  const file = readFileSync(new URL(`assets/${worker}`, DIST));

  const zipped = await fetch(url, { headers: { "Accept-Encoding": "gzip" } });
  expect(zipped.headers.get("content-encoding")).toBe("gzip");
  expect(zipped.headers.get("content-type")).toBe("text/javascript");
  expect(zipped.headers.get("cross-origin-embedder-policy")).toBe("require-corp");
  expect(zipped.headers.get("cross-origin-resource-policy")).toBe("same-origin");
  expect(Number(zipped.headers.get("content-length"))).toBe(readFileSync(new URL(`assets/${worker}.gz`, DIST)).length);
  // (fetch decodes what it was sent: compare what came over the wire, decoded once.)
  expect(Buffer.from(await zipped.arrayBuffer()).equals(file)).toBe(true);

  // Asked again with its ETag: not modified, nothing sent.
  const again = await fetch(url, { headers: { "Accept-Encoding": "gzip", "If-None-Match": zipped.headers.get("etag")! } });
  expect(again.status).toBe(304);
  expect((await again.arrayBuffer()).byteLength).toBe(0);

  // A client that takes no gzip gets the file as it is.
  const plain = await request.get(url, { headers: { "Accept-Encoding": "identity" } });
  expect(plain.headers()["content-encoding"]).toBeUndefined();
  expect((await plain.body()).equals(file)).toBe(true);
});
