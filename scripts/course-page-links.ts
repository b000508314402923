// The embed addresses of demo/course-page.html, made the way the Embed
// dialog makes them (share-link.ts for the hash, embed-options.ts for the
// query), without the playground's origin: the page adds the origin it is
// told (?playground=...). A static page cannot compress code into a link
// itself, so the addresses are written into the page; e2e/course-page.spec.ts
// checks they still match the gallery, and this prints them again when an
// example changed:
//
//   npx tsx scripts/course-page-links.ts

import { findExample } from "../src/examples/catalog";
import { DEFAULT_SETTINGS } from "../src/runtime/settings";
import { embedUrl } from "../src/ui/share/embed-options";
import { encodeShareHash } from "../src/ui/share/share-link";

/** The page's frames: the example each shows, and whether the page drives it by postMessage. */
export const COURSE_PAGE_FRAMES = [
  { exampleId: "race-without-lock", driven: true },
  { exampleId: "lock-fixes-race", driven: false },
] as const;

/** An example's embed address, origin left out: "/?embed=1&explain=1&panel=output#code/...". */
export function courseEmbedPath(exampleId: string): string {
  const example = findExample(exampleId);
  if (!example) throw new Error(`no example ${exampleId}`);
  const { gil, switchIntervalMs, maxThreads } = { ...DEFAULT_SETTINGS, ...example.settings };
  const hash = encodeShareHash({ code: example.code, exampleId, settings: { gil, switchIntervalMs, maxThreads } });
  const url = new URL(embedUrl("http://playground.invalid/", hash, { readOnly: false, autorun: false, explain: true, panel: "output" }));
  return url.pathname + url.search + url.hash;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const frame of COURSE_PAGE_FRAMES) console.log(`${frame.exampleId}:\n  data-embed="${courseEmbedPath(frame.exampleId)}"`);
}
