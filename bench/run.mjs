// `npm run bench` (after `npm run build`): serves dist/ with `vite preview`
// on a free port, opens it in headless Chromium, waits for
// window.playground.ready, runs every bench/cases/*.mjs, prints a table and
// writes bench-results.json. A case is `{ name, goal?, run(page) }`; run()
// returns a figure `{ value, unit, baseline?, ratio?, note?, also? }` or
// throws; `also` lists more figures of the same run, each with its name and goal.
// A failing case is reported in the table and the others still run; the
// exit code is 1 if any case failed.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { availableParallelism, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "@playwright/test";
import { chromiumLaunchOptions } from "../scripts/chromium-path.mjs";
import { cpythonFigures, cpythonNames, sideBySide } from "./cpython.mjs";

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
    // Settings a run gives stay for the next runs (README: Settings); each
    // case starts from the defaults, not with the GIL a case before it set.
    await page.evaluate(() => window.playground.debug?.resetSettings?.());
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

/** "2.02x ahead" / "3.50x behind": a ratio of how many times better the playground is, as read. */
const vsText = (ratio) =>
  typeof ratio !== "number" || !Number.isFinite(ratio) || ratio <= 0
    ? ""
    : ratio >= 1
      ? `${fmt(ratio)}x ahead`
      : `${fmt(1 / ratio)}x behind`;

function printTable(rows) {
  const head = ["name", "value", "unit", "baseline", "ratio", "goal", "cpython", "vs cpython", "note"];
  const cells = rows.map((r) => [
    r.name,
    fmt(r.value),
    r.unit ?? "",
    fmt(r.baseline),
    fmt(r.ratio),
    r.goal ?? "",
    fmt(r.cpython),
    vsText(r.vsCpython),
    r.note ?? "",
  ]);
  const last = head.length - 1;
  const left = (i) => i === 0 || i === 2 || i === 5;
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (i === last ? 0 : c[i].length))));
  const line = (c) => c.map((x, i) => (i === last ? x : left(i) ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join("  ");
  console.log(line(head));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const c of cells) console.log(line(c));
}

/**
 * Runs bench/cpython/figures.py (when Python is there) for the figures in
 * `figures`, sets each row's cpython/vsCpython and each figure's
 * `cpython: { name, value, ratio }`, records meta.cpython, and returns the
 * CPython figures no row shows, as "name value unit" texts.
 */
async function addCpythonColumn(rows, figures, meta) {
  const names = Object.keys(figures);
  if (names.length === 0) return [];
  console.log("bench: CPython's figures (bench/cpython/figures.py) ...");
  const t0 = performance.now();
  // Unfiltered, every figure of the script (the multiprocessing ones too).
  const words = process.argv.length > 2 ? cpythonNames(names) : [];
  const cpython = await cpythonFigures({ words });
  if (!cpython.available) {
    meta.cpython = { available: false, reason: cpython.reason };
    console.log(`bench: CPython skipped: ${cpython.reason}`);
    return [];
  }
  console.log(`bench: CPython ${cpython.version} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  meta.cpython = { available: true, version: cpython.version, figures: cpython.figures };
  const shown = new Set();
  for (const r of sideBySide(figures, cpython)) {
    shown.add(r.cpythonName);
    figures[r.name].cpython = { name: r.cpythonName, value: r.cpython, ratio: r.ratio };
    const row = rows.find((x) => x.name === r.name);
    row.cpython = r.cpython;
    row.vsCpython = r.ratio;
  }
  const others = [];
  for (const [name, f] of Object.entries(cpython.figures)) {
    if (shown.has(name)) continue;
    others.push(f.error ? `${name} ERROR ${f.error}` : `${name} ${fmt(f.value)} ${f.unit}`);
  }
  return others;
}

/**
 * A fixed piece of single-threaded work, timed (best of 3): how fast this
 * machine is today, so figures from different days can be compared (a
 * shared host can run the same code half as fast on another day, and the
 * load average does not show it).
 */
function calibrate() {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const t0 = performance.now();
    let x = 1;
    const keep = [];
    for (let i = 0; i < 20_000_000; i++) {
      x = (Math.imul(x, 1103515245) + 12345) | 0;
      if ((i & 0xfff) === 0) keep.push({ i, x, s: String(x) });
    }
    if (keep.length === 0 || x === 0.5) throw new Error("unreachable");
    best = Math.min(best, performance.now() - t0);
  }
  return Math.round(best * 10) / 10;
}

async function main() {
  const cases = await loadCases();
  const rows = [];
  const figures = {};
  const failures = {};
  // The machine's 1-minute load average before the bench starts: whether the figures were taken on a quiet machine
  // (the goals are judged on one) or beside other work, which on 2 cores moves most figures more than any change does.
  const meta = { date: new Date().toISOString(), chromium: null, cores: availableParallelism(), node: process.version, loadBefore: loadavg()[0], calibrationMs: calibrate() };
  let server = null;
  let browser = null;
  let setupError = null;
  try {
    if (!existsSync(join(ROOT, "dist", "index.html"))) throw new Error("dist/index.html is missing: run `npm run build` first");
    // BENCH_PORT fixes the port (other servers on the machine may hold some);
    // by default the system picks a free one.
    server = await startPreview(process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : await freePort());
    browser = await chromium.launch(chromiumLaunchOptions());
    meta.chromium = browser.version();
    console.log(`bench: ${server.url} in Chromium ${meta.chromium}, ${meta.cores} cores, load average ${meta.loadBefore.toFixed(2)}, calibration ${meta.calibrationMs} ms, ${cases.length} cases`);
    const page = await openPlayground(browser, server.url);
    for (const c of cases) {
      const t0 = performance.now();
      try {
        const f = await runCase(c, page);
        // A case may report more figures measured in the same run (`also`).
        for (const g of [{ ...f, name: c.name, goal: c.goal }, ...(f.also ?? [])]) {
          const figure = { value: g.value, unit: g.unit };
          if (g.baseline !== undefined) figure.baseline = g.baseline;
          if (g.ratio !== undefined) figure.ratio = g.ratio;
          if (!Number.isFinite(figure.value)) throw new Error(`${g.name}: non-numeric value ${JSON.stringify(g.value)}`);
          figures[g.name] = figure;
          rows.push({ name: g.name, ...figure, goal: g.goal, note: g.note });
        }
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
  // CPython's column, after the browser has closed so the two do not share
  // the cores; a machine without Python gets the playground's table alone.
  const cpythonOnly = await addCpythonColumn(rows, figures, meta);
  console.log("");
  printTable(rows);
  if (meta.cpython?.available) {
    console.log("\nvs cpython: CPython's time / ours, or our rate or speedup / CPython's (bench-results.json: figures.NAME.cpython).");
    if (cpythonOnly.length) console.log(`CPython ${meta.cpython.version} also: ${cpythonOnly.join("; ")}`);
  } else if (meta.cpython?.reason) console.log(`\nbench: no CPython column (${meta.cpython.reason})`);
  if (setupError) meta.setupError = setupError;
  if (Object.keys(failures).length) meta.errors = failures;
  await writeFile(OUT, JSON.stringify({ figures, meta }, null, 2) + "\n");
  console.log(`\nbench: wrote ${OUT}`);
  for (const [name, message] of Object.entries(failures)) console.error(`\nbench: ${name} failed:\n${message}`);
  if (setupError) console.error(`\nbench: setup failed, no case ran:\n${setupError}`);
  process.exitCode = setupError || Object.keys(failures).length ? 1 : 0;
}

await main();
