#!/usr/bin/env node
// Makes sure a Chromium is there for Playwright (npm test, npm run bench).
// Order: $CHROMIUM_PATH / $PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH, then
// /usr/bin/chromium, /usr/bin/chromium-browser; if none and we are root on a
// machine with apt-get (CI, a fresh Debian box), install Debian's `chromium`.
// Otherwise exit 1 saying what to install. The lookup itself lives in
// chromium-path.mjs so the Playwright config and the bench use the same one.

import { spawnSync } from "node:child_process";
import { CHROMIUM_CANDIDATES, INSTALL_HINT, locateChromium } from "./chromium-path.mjs";

function fail(message) {
  console.error(`ensure-chromium: ${message}`);
  process.exit(1);
}

function version(path) {
  // stdout only: Debian's /usr/bin/chromium wrapper prints shell noise on stderr.
  const r = spawnSync(path, ["--version"], { encoding: "utf8", timeout: 30_000 });
  return r.status === 0 ? r.stdout.trim() : null;
}

function hasAptGet() {
  return spawnSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" }).status === 0;
}

function aptInstallChromium() {
  console.log("ensure-chromium: no Chromium found; installing Debian's chromium with apt-get");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update"], ["install", "-y", "chromium"]]) {
    console.log(`ensure-chromium: $ apt-get ${args.join(" ")}`);
    const r = spawnSync("apt-get", args, { stdio: ["ignore", "inherit", "inherit"], env });
    if (r.status !== 0) fail(`apt-get ${args.join(" ")} failed (exit ${r.status ?? r.signal}). ${INSTALL_HINT}`);
  }
}

let found = locateChromium();
if (!found.path && found.source !== "none") {
  // An explicit path that is wrong is a mistake to report, not to paper over.
  fail(`${found.source}=${found.tried[0]} is not an executable file. Fix or unset it. ${INSTALL_HINT}`);
}
if (!found.path) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || !hasAptGet()) {
    fail(
      `no Chromium found (looked at ${CHROMIUM_CANDIDATES.join(", ")}). ` +
        (isRoot ? "apt-get is not available here. " : "Not root, so not installing it myself. ") +
        INSTALL_HINT,
    );
  }
  aptInstallChromium();
  found = locateChromium();
  if (!found.path) fail(`apt-get installed chromium but none of ${CHROMIUM_CANDIDATES.join(", ")} exists. ${INSTALL_HINT}`);
}

const v = version(found.path);
if (!v) fail(`${found.path} does not run (\`${found.path} --version\` failed). ${INSTALL_HINT}`);
console.log(`ensure-chromium: using ${found.path} (${v}; from ${found.source})`);
