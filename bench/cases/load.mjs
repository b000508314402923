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
  goal: "<= 2000",
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
      const scripts = [];
      let editorShown = false;
      fresh.page.on("response", (response) => {
        if (editorShown || response.request().resourceType() !== "script") return;
        scripts.push(response.body().then((body) => ({ url: response.url(), raw: body.length, gz: gzipSync(body, { level: 6 }).length }), () => null));
      });
      await fresh.page.goto(url);
      await fresh.page.waitForSelector(".plain-editor, .monaco-editor", { timeout: 30_000 });
      editorShown = true;
      const files = (await Promise.all(scripts)).filter(Boolean);
      const gz = files.reduce((sum, f) => sum + f.gz, 0) / 1024;
      const raw = files.reduce((sum, f) => sum + f.raw, 0) / 1024;
      return { value: gz, unit: "KB", note: `${files.length} scripts before the editor showed, ${raw.toFixed(0)} KB uncompressed` };
    } finally {
      await fresh.context.close();
    }
  },
};
