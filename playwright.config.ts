// Browser tests: Debian's Chromium (Playwright's own browser download does
// not work here) against the built site, served by `vite preview` with the
// cross-origin isolation headers from vite.config.ts. `npm test` builds
// first, and `npm run test:e2e` runs scripts/ensure-chromium.mjs first.
import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, requireChromium } from "./scripts/chromium-path.mjs";

const PORT = 4317;
// PLAYWRIGHT_BASE_URL points the tests at a server that is already running
// (e.g. `npm start -- --port 5181` while developing); no preview is started then.
const external = process.env.PLAYWRIGHT_BASE_URL;
const baseURL = external ?? `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: "e2e",
  // The tests start Web Workers themselves, and the machine has 2 cores:
  // parallel browsers would make timing-sensitive runs flaky.
  workers: 1,
  fullyParallel: false,
  // One retry: CI is one all-or-nothing run of ~300 browser tests on a
  // shared 2-core machine, where a rare failure (a flow left out of the
  // timeline's export, 1 run in 30+) would sink everything. A test that
  // passes only on its retry is reported "flaky" in the list, and one that
  // fails twice still fails the run.
  retries: 1,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: "list",
  use: {
    baseURL,
    browserName: "chromium",
    headless: true,
    launchOptions: { executablePath: requireChromium(), args: CHROMIUM_ARGS },
    // No trace recording: its screencast took a core of this 2-core machine and made
    // long runs 2-3x slower (the 100,000-thread test: 1.9 min without, 5.4 min with).
    // Pass --trace on to record one while debugging a test.
    trace: "off",
  },
  webServer: external ? undefined : {
    command: `npm run preview -- --port ${PORT} --strictPort`,
    url: `${baseURL}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
