// `npm run bench` (after `npm run build`): serves dist/ with `vite preview`
// on a free port, opens it in headless Chromium, waits for
// window.playground.ready, runs every bench/cases/*.mjs, prints a table and
// writes bench-results.json. A case is `{ name, goal?, run(page) }`; run()
// returns a figure `{ value, unit, baseline?, ratio?, note? }` or throws.
// A failing case is reported in the table and the others still run; the
// exit code is 1 if any case failed.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "@playwright/test";
import { chromiumLaunchOptions } from "../scripts/chromium-path.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const CASES_DIR = join(ROOT, "bench", "cases");
const OUT = join(ROOT, "bench-results.json");
const SERVER_START_MS = 30_000;
const READY_MS = 60_000;
const CASE_MS = 180_000;

/** A case's run(page), failing after CASE_MS (then the page's run is stopped so the next case can go). */
async function runCase(c, page) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${CASE_MS / 1000} s`)), CASE_MS);
  });
  try {
    return await Promise.race([c.run(page), timeout]);
  } catch (error) {
    await page.evaluate(() => window.playground.stop()).catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** `npx vite preview` in its own process group, so stopping it stops vite too. */
async function startPreview(port) {
  const child = spawn("npx", ["vite", "preview", "--port", String(port), "--strictPort"], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  let exited = null;
  child.once("exit", (code, signal) => (exited = code ?? signal));
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + SERVER_START_MS;
  for (;;) {
    if (exited !== null) throw new Error(`vite preview exited (${exited}) before serving ${url}:\n${log.trim()}`);
    try {
      const res = await fetch(url);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      stopProcessGroup(child);
      throw new Error(`vite preview did not serve ${url} within ${SERVER_START_MS} ms:\n${log.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, child };
}

function stopProcessGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    // already gone
  }
}

async function openPlayground(browser, url) {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url);
  try {
    await page.waitForFunction(() => "playground" in window, null, { timeout: READY_MS });
  } catch (error) {
    throw new Error(
      `window.playground did not appear within ${READY_MS} ms at ${url}; does the build install the automation API (shared/API.md §9)?` +
        (errors.length ? ` Page errors: ${errors.join("; ")}` : ""),
      { cause: error },
    );
  }
  await page.evaluate(async (ms) => {
    const ready = window.playground.ready;
    if (!ready) return;
    await Promise.race([
      ready,
      new Promise((_, reject) => setTimeout(() => reject(new Error(`window.playground.ready did not resolve within ${ms} ms`)), ms)),
    ]);
  }, READY_MS);
  const isolated = await page.evaluate(() => window.crossOriginIsolated);
  if (!isolated) throw new Error(`${url} is not cross-origin isolated: check the COOP/COEP headers of vite preview`);
  return page;
}

async function loadCases() {
  // `node bench/run.mjs lock queue` runs only the cases whose names contain a word given.
  const only = process.argv.slice(2);
  const files = (await readdir(CASES_DIR)).filter((f) => f.endsWith(".mjs")).sort();
  const cases = [];
  for (const file of files) {
    const mod = await import(pathToFileURL(join(CASES_DIR, file)).href);
    // A file exports one case as default, or several as named exports.
    const found = Object.values(mod).filter((c) => typeof c?.name === "string" && typeof c?.run === "function");
    if (found.length === 0) {
      cases.push({ name: file, goal: "", run: () => Promise.reject(new Error(`${file} exports no { name, run }`)) });
    } else cases.push(...found);
  }
  return only.length ? cases.filter((c) => only.some((word) => c.name.includes(word))) : cases;
}

const fmt = (v) => (typeof v !== "number" || !Number.isFinite(v) ? "" : Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3));

function printTable(rows) {
  const head = ["name", "value", "unit", "baseline", "ratio", "goal", "note"];
  const cells = rows.map((r) => [r.name, fmt(r.value), r.unit ?? "", fmt(r.baseline), fmt(r.ratio), r.goal ?? "", r.note ?? ""]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (i === 6 ? 0 : c[i].length))));
  const line = (c) => c.map((x, i) => (i === 6 ? x : i === 0 || i === 2 || i === 5 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join("  ");
  console.log(line(head));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const c of cells) console.log(line(c));
}

async function main() {
  const cases = await loadCases();
  const rows = [];
  const figures = {};
  const failures = {};
  const meta = { date: new Date().toISOString(), chromium: null, cores: availableParallelism(), node: process.version };
  let server = null;
  let browser = null;
  let setupError = null;
  try {
    if (!existsSync(join(ROOT, "dist", "index.html"))) throw new Error("dist/index.html is missing: run `npm run build` first");
    server = await startPreview(await freePort());
    browser = await chromium.launch(chromiumLaunchOptions());
    meta.chromium = browser.version();
    console.log(`bench: ${server.url} in Chromium ${meta.chromium}, ${meta.cores} cores, ${cases.length} cases`);
    const page = await openPlayground(browser, server.url);
    for (const c of cases) {
      const t0 = performance.now();
      try {
        const f = await runCase(c, page);
        const figure = { value: f.value, unit: f.unit };
        if (f.baseline !== undefined) figure.baseline = f.baseline;
        if (f.ratio !== undefined) figure.ratio = f.ratio;
        if (!Number.isFinite(figure.value)) throw new Error(`non-numeric value ${JSON.stringify(f.value)}`);
        figures[c.name] = figure;
        rows.push({ name: c.name, ...figure, goal: c.goal, note: f.note });
      } catch (error) {
        failures[c.name] = error instanceof Error ? error.message : String(error);
        rows.push({ name: c.name, goal: c.goal, note: `ERROR: ${failures[c.name].split("\n")[0]}` });
      }
      console.log(`bench: ${c.name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
  } catch (error) {
    setupError = error instanceof Error ? error.message : String(error);
    for (const c of cases.filter((c) => !rows.some((r) => r.name === c.name))) {
      rows.push({ name: c.name, goal: c.goal, note: "ERROR: not run, setup failed" });
    }
  } finally {
    await browser?.close().catch(() => {});
    if (server) stopProcessGroup(server.child);
  }
  console.log("");
  printTable(rows);
  if (setupError) meta.setupError = setupError;
  if (Object.keys(failures).length) meta.errors = failures;
  await writeFile(OUT, JSON.stringify({ figures, meta }, null, 2) + "\n");
  console.log(`\nbench: wrote ${OUT}`);
  for (const [name, message] of Object.entries(failures)) console.error(`\nbench: ${name} failed:\n${message}`);
  if (setupError) console.error(`\nbench: setup failed, no case ran:\n${setupError}`);
  process.exitCode = setupError || Object.keys(failures).length ? 1 : 0;
}

await main();
