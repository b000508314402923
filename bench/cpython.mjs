// CPython's side of the side-by-side benchmark: runs bench/cpython/figures.py
// (the work of bench/cases/*.mjs done with CPython's own threading, queue
// and multiprocessing) and lines its figures up with the playground's.
//
// `npm run bench` (bench/run.mjs) runs it after the browser's cases and
// prints both columns. `node bench/cpython.mjs [word ...]` runs it alone and
// prints CPython's figures, then the side-by-side table if a
// bench-results.json from `npm run bench` is there.
import { spawn } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const SCRIPT = join(ROOT, "bench", "cpython", "figures.py");
// $PYTHON first, so a particular interpreter can be compared without touching PATH.
const CANDIDATES = [process.env.PYTHON, "python3", "python"].filter(Boolean);

/**
 * Runs figures.py with `python`. Resolves { missing: true } when there is no
 * such command, else { code, stdout, stderr, timedOut }.
 */
function runScript(python, timeoutMs, words) {
  return new Promise((resolve) => {
    // Its own process group (POSIX), so a timeout also stops the worker
    // processes the script has started, which would otherwise outlive it.
    const group = process.platform !== "win32";
    const child = spawn(python, [SCRIPT, ...words], { cwd: ROOT, detached: group, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (group) process.kill(-child.pid, "SIGKILL");
        else child.kill("SIGKILL");
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      resolve(error.code === "ENOENT" ? { missing: true } : { code: null, stdout, stderr: `${stderr}${error.message}`, timedOut });
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? signal, stdout, stderr, timedOut });
    });
  });
}

/**
 * CPython's figures: { available: true, version, figures } where figures is
 * { NAME: { value, unit, note } | { error } }, or { available: false, reason }
 * when no Python is found or the script fails. Never throws: the bench must
 * go on without Python. `words`, if given, keep only the figures whose names
 * contain one of them (figures.py's arguments).
 */
export async function cpythonFigures({ timeoutMs = 180_000, words = [] } = {}) {
  try {
    return await findAndRun(timeoutMs, words);
  } catch (error) {
    // spawn() itself throws on some arguments (an odd $PYTHON, say).
    return { available: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

async function findAndRun(timeoutMs, words) {
  for (const python of CANDIDATES) {
    const run = await runScript(python, timeoutMs, words);
    if (run.missing) continue;
    const tail = run.stderr.trim().split("\n").slice(-3).join(" | ");
    if (run.timedOut) return { available: false, reason: `${python} ${SCRIPT} timed out after ${timeoutMs / 1000} s` };
    if (run.code !== 0) return { available: false, reason: `${python} ${SCRIPT} exited ${run.code}: ${tail || "no stderr"}` };
    try {
      const { python: version, figures } = JSON.parse(run.stdout);
      if (typeof figures !== "object" || figures === null) throw new Error("no figures object");
      return { available: true, version, figures };
    } catch (error) {
      return { available: false, reason: `${python} printed no figures JSON (${error.message}): ${run.stdout.slice(0, 200)}` };
    }
  }
  return { available: false, reason: `none of ${CANDIDATES.join(", ")} is on PATH` };
}

// figures.py spells units for ASCII ("us", "ops"), the cases as they read
// ("µs", "items/s"); one spelling each, so the two sides compare.
const UNIT = { us: "µs", ops: "items/s" };
const canonical = (unit) => UNIT[unit] ?? unit;
const LOWER_IS_BETTER = new Set(["ns", "µs", "ms"]);

/**
 * Playground figures whose CPython counterpart has another name: two CPU
 * threads without a GIL are what CPython does with two processes (3.11 has
 * no free-threaded build), and so is the machine's own figure.
 */
export const CPYTHON_NAME = {
  "nogil.cpu2.speedup": "processes.cpu2.speedup",
  "workers.cpu2.speedup": "processes.cpu2.speedup",
};

/** figures.py's names for the playground figures `names` (for its word filter). */
export function cpythonNames(names) {
  return names.map((name) => CPYTHON_NAME[name] ?? name);
}

/**
 * One row { name, cpythonName, playground, cpython, unit, ratio } per figure with a value
 * on both sides, in the playground's order. ratio is how many times better
 * the playground is: cpython / playground for times, playground / cpython
 * for rates and speedups; null when the units differ. Speedups have no
 * "better" of their own (gil.cpu2.speedup should be about 1 on both sides),
 * so read their ratio as "how close". Takes the `figures` maps, or the
 * objects holding them (bench-results.json, cpythonFigures()'s result).
 */
export function sideBySide(playgroundFigures, cpython) {
  const ours = playgroundFigures?.figures ?? playgroundFigures ?? {};
  const theirs = cpython?.figures ?? (cpython?.available === false ? {} : (cpython ?? {}));
  const rows = [];
  for (const [name, p] of Object.entries(ours)) {
    const cpythonName = name in theirs ? name : (CPYTHON_NAME[name] ?? name);
    const c = theirs[cpythonName];
    if (!Number.isFinite(p?.value) || !Number.isFinite(c?.value)) continue;
    const unit = canonical(p.unit);
    let ratio = null;
    if (unit === canonical(c.unit)) {
      ratio = LOWER_IS_BETTER.has(unit) ? c.value / p.value : p.value / c.value;
      if (!Number.isFinite(ratio)) ratio = null;
    }
    rows.push({ name, cpythonName, playground: p.value, cpython: c.value, unit, ratio });
  }
  return rows;
}

// --- `node bench/cpython.mjs` -------------------------------------------

const fmt = (v) => (typeof v !== "number" || !Number.isFinite(v) ? "" : Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3));

/** As run.mjs's table: numbers right-aligned, names and units left, the last column ragged. */
function printTable(head, cells) {
  const last = head.length - 1;
  const left = (i) => head[i] === "name" || head[i] === "unit";
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (i === last ? 0 : c[i].length))));
  const line = (c) => c.map((x, i) => (i === last ? x : left(i) ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join("  ");
  console.log(line(head));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const c of cells) console.log(line(c));
}

async function main() {
  console.log(`cpython: running ${SCRIPT} (under a minute)`);
  const cpython = await cpythonFigures({ words: process.argv.slice(2) });
  if (!cpython.available) {
    console.error(`cpython: not available: ${cpython.reason}`);
    process.exitCode = 1;
    return;
  }
  console.log(`\nCPython ${cpython.version}\n`);
  const entries = Object.entries(cpython.figures);
  printTable(
    ["name", "value", "unit", "note"],
    entries.map(([name, f]) => [name, fmt(f.value), canonical(f.unit ?? ""), f.error ? `ERROR: ${f.error}` : (f.note ?? "")]),
  );
  const results = join(ROOT, "bench-results.json");
  if (existsSync(results)) {
    const rows = sideBySide(JSON.parse(await readFile(results, "utf8")), cpython);
    console.log(`\nside by side with ${results} (ratio: times better in the playground)\n`);
    printTable(["name", "playground", "cpython", "ratio", "unit"], rows.map((r) => [r.name, fmt(r.playground), fmt(r.cpython), fmt(r.ratio), r.unit]));
  }
  if (entries.some(([, f]) => f.error)) process.exitCode = 1;
}

// Node resolves symlinks in a module's own URL, so argv[1] is resolved too.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) await main();
