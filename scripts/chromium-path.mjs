// Where the Chromium that Playwright drives lives, and how to start it: the
// one place that knows, shared by scripts/ensure-chromium.mjs,
// playwright.config.ts and bench/run.mjs. Playwright's own browser download
// does not work on our machines, so we drive Debian's `chromium` through
// `executablePath`.

import { accessSync, constants } from "node:fs";

/** Environment variables that name a Chromium, first match wins. */
export const CHROMIUM_ENV_VARS = ["CHROMIUM_PATH", "PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH"];

/** Where Debian (`chromium`) and Ubuntu-style packages (`chromium-browser`) put it. */
export const CHROMIUM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

/**
 * Flags for every launch. --no-sandbox: we run as root. The others keep
 * Chromium from calling home: this machine's closed network refuses those
 * connections, slowly and noisily.
 */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-gpu",
];

export const INSTALL_HINT =
  "Install Debian's Chromium (as root: apt-get update && apt-get install -y chromium), " +
  `or set ${CHROMIUM_ENV_VARS[0]}=/path/to/chromium.`;

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * @returns {{ path: string | null, source: string, tried: string[] }}
 *   path is null when nothing usable was found; a path named by an
 *   environment variable is never silently replaced by another one.
 */
export function locateChromium(env = process.env) {
  for (const name of CHROMIUM_ENV_VARS) {
    const value = env[name];
    if (value) return { path: isExecutable(value) ? value : null, source: name, tried: [value] };
  }
  const found = CHROMIUM_CANDIDATES.find(isExecutable) ?? null;
  return { path: found, source: found ? "default location" : "none", tried: CHROMIUM_CANDIDATES };
}

/** The path, or an Error whose message says what to install. */
export function requireChromium(env = process.env) {
  const { path, source, tried } = locateChromium(env);
  if (path) return path;
  const where = source === "none" ? `none of ${tried.join(", ")} exists` : `${source}=${tried[0]} is not an executable file`;
  throw new Error(`No Chromium found: ${where}. ${INSTALL_HINT} (npm test and npm run bench do this via scripts/ensure-chromium.mjs.)`);
}

/** Launch options for Playwright's `chromium.launch()` / `use.launchOptions`. */
export function chromiumLaunchOptions(env = process.env) {
  return { executablePath: requireChromium(env), args: [...CHROMIUM_ARGS], headless: true };
}
