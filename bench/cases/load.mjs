// load.firstRun.ms: a learner opening a link cold, until the first result:
// a fresh browser context (empty cache), navigation to the playground, then
// window.playground.run of a one-line snippet as soon as the page takes
// requests; the figure is performance.now() in the page when the result
// arrives (navigation start is its zero). Median of RUNS fresh contexts.
//
// bundle.initial.kb: the gzipped JavaScript the page loads before its editor
// shows (the plain editor that Monaco later replaces: the first thing a
// learner can type into). Each script response up to that moment is gzipped
// here (level 6, what static hosts use), so the figure does not depend on
// whether the preview server compresses.
import { gzipSync } from "node:zlib";
import { median } from "../snippet.mjs";

const RUNS = 3;

async function freshPage(page) {
  const browser = page.context().browser();
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

export const firstRun = {
  name: "load.firstRun.ms",
  goal: "<= 1000",
  async run(page) {
    const url = new URL("/", page.url()).href;
    const samples = [];
    for (let i = 0; i < RUNS; i++) {
      const fresh = await freshPage(page);
      try {
        await fresh.page.goto(url, { waitUntil: "commit" });
        await fresh.page.waitForFunction(() => window.playground, null, { timeout: 30_000 });
        const { status, t } = await fresh.page.evaluate(async () => {
          await window.playground.ready;
          const result = await window.playground.run({ code: 'import { print } from "playground"; print("hello")' });
          return { status: result.status, t: performance.now() };
        });
        if (status !== "ok") throw new Error(`the first run ended "${status}"`);
        samples.push(t);
      } finally {
        await fresh.context.close();
      }
    }
    return { value: median(samples), unit: "ms", note: `median of ${RUNS} cold loads (fresh context each): ${samples.map((s) => s.toFixed(0)).join(", ")} ms` };
  },
};

export const initialBundle = {
  name: "bundle.initial.kb",
  goal: "<= 350",
  async run(page) {
    const url = new URL("/", page.url()).href;
    const fresh = await freshPage(page);
    try {
      // The moment the first editor element is in the page, recorded by the page itself.
      await fresh.page.addInitScript(() => {
        const seen = () => document.querySelector(".plain-editor, .monaco-editor");
        const observer = new MutationObserver(() => {
          if (!seen()) return;
          window.__editorShownAt = performance.now();
          observer.disconnect();
        });
        observer.observe(document, { childList: true, subtree: true });
      });
      await fresh.page.goto(url);
      await fresh.page.waitForFunction(() => window.__editorShownAt !== undefined, null, { timeout: 30_000 });
      // Scripts whose request started before the editor showed (workers' scripts included).
      const urls = await fresh.page.evaluate(() =>
        performance.getEntriesByType("resource")
          .filter((e) => e.startTime <= window.__editorShownAt && /\.m?js(\?|$)/.test(new URL(e.name).pathname))
          .map((e) => e.name),
      );
      const files = await Promise.all(urls.map(async (u) => {
        const body = Buffer.from(await (await fetch(u)).arrayBuffer());
        return { url: u, raw: body.length, gz: gzipSync(body, { level: 6 }).length };
      }));
      const gz = files.reduce((sum, f) => sum + f.gz, 0) / 1024;
      const raw = files.reduce((sum, f) => sum + f.raw, 0) / 1024;
      const names = files.map((f) => `${new URL(f.url).pathname.split("/").pop()} ${(f.gz / 1024).toFixed(0)}`).join(", ");
      return { value: gz, unit: "KB", note: `${files.length} scripts before the editor showed (${raw.toFixed(0)} KB uncompressed): ${names}` };
    } finally {
      await fresh.context.close();
    }
  },
};
