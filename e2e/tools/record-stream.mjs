// Records the event stream a real run feeds the trace model, for the unit
// tests of src/trace/ that need real runs (src/trace/recorded/*.json):
// every addThread, add and finish call in the order the page made them,
// plus the objects' names, the run's end and its output. It drives the
// *dev* server, where the app's modules have URLs of their own, so it can
// wrap TraceModel's methods in the page before the run starts.
//
//   npx vite --port 4393 --strictPort &
//   node e2e/tools/record-stream.mjs http://127.0.0.1:4393 snippet.ts out.json

import { readFileSync, writeFileSync } from "node:fs";
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, requireChromium } from "../../scripts/chromium-path.mjs";

const [base, snippetPath, outPath] = process.argv.slice(2);
if (!base || !snippetPath || !outPath) {
  console.error("usage: node e2e/tools/record-stream.mjs <dev server url> <snippet.ts> <out.json>");
  process.exit(2);
}

const browser = await chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  await page.goto(base);
  await page.waitForFunction(() => "playground" in window, null, { timeout: 60_000 });
  await page.evaluate(() => window.playground.ready);
  await page.evaluate(async () => {
    // Same URL as the app's own import, so the same module instance.
    const { TraceModel } = await import("/src/trace/model.ts");
    const calls = [];
    const models = new Set();
    window.recorded = { calls, models };
    const wrap = (name, tag) => {
      const original = TraceModel.prototype[name];
      TraceModel.prototype[name] = function (...args) {
        models.add(this);
        calls.push([tag, ...args]);
        return original.apply(this, args);
      };
    };
    wrap("addThread", "T");
    wrap("add", "E");
    wrap("finish", "F");
  });
  const code = readFileSync(snippetPath, "utf8");
  const result = await page.evaluate((code) => window.playground.run({ code }), code);
  const stream = await page.evaluate(() => {
    const { calls, models } = window.recorded;
    if (models.size !== 1) throw new Error(`expected one model, saw ${models.size}`);
    const [model] = models;
    return { calls, labels: [...model.labels], owners: [...model.owners] };
  });
  const out = {
    recordedWith: "e2e/tools/record-stream.mjs",
    snippet: code,
    status: result.status,
    durationMs: result.durationMs,
    output: result.output.map(({ thread, text, t }) => ({ thread, text, t })),
    ...stream,
  };
  writeFileSync(outPath, `${JSON.stringify(out)}\n`);
  console.log(`${result.status}: ${stream.calls.length} calls, ${(JSON.stringify(out).length / 1024).toFixed(1)} KB -> ${outPath}`);
} finally {
  await browser.close();
}
