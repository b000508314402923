// The built site served WITHOUT cross-origin isolation: a tiny static
// server (started here, on a free port) serves dist/ with none of
// Cross-Origin-Opener-Policy, Cross-Origin-Embedder-Policy or
// Document-Isolation-Policy, so the browser withholds SharedArrayBuffer.
// The page must still load, say clearly why it cannot run (naming
// SharedArrayBuffer and cross-origin isolation), disable Run, and throw no
// error.
import { test, expect, waitForPlayground } from "./fixtures";
import { createServer, type Server } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import type { AddressInfo } from "node:net";

/** The built site (`npx vite build` writes dist/); PLAYGROUND_DIST names another build. */
const DIST = resolve(process.env.PLAYGROUND_DIST ?? resolve(import.meta.dirname, "..", "dist"));
const ISOLATION_HEADERS = ["cross-origin-opener-policy", "cross-origin-embedder-policy", "document-isolation-policy"];

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".ttf": "font/ttf",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

// The page would isolate itself on such a host with public/coi-serviceworker.js
// (static-host.spec.ts tests that); here we test the page without it.
test.use({ serviceWorkers: "block" });

let server: Server;
let origin: string;

test.beforeAll(async () => {
  server = createServer((request, response) => {
    void (async () => {
      const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
      const file = normalize(join(DIST, path.endsWith("/") ? `${path}index.html` : path));
      if (file !== DIST && !file.startsWith(DIST + sep)) {
        response.writeHead(403).end();
        return;
      }
      try {
        const body = await readFile(file);
        // Deliberately no COOP, COEP, CORP or Document-Isolation-Policy.
        response.writeHead(200, { "Content-Type": MIME[extname(file)] ?? "application/octet-stream", "Cache-Control": "no-store" });
        response.end(body);
      } catch {
        response.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
});

// Served without isolation headers, the page loads (the response carries
// none of them), is not cross-origin isolated, shows a message naming
// SharedArrayBuffer and cross-origin isolation, disables Run (button and
// Ctrl+Enter), answers window.playground.run with an "error" result instead
// of throwing, and reports no uncaught error.
test("without isolation headers the page explains why it cannot run and disables Run", async ({ page, pageErrors }) => {
  const response = await page.goto(`${origin}/`);
  expect(response?.status()).toBe(200);
  const headers = await response!.allHeaders();
  for (const name of ISOLATION_HEADERS) expect(headers[name], `the test server must not send ${name}`).toBeUndefined();

  await waitForPlayground(page);
  expect(
    await page.evaluate(() => ({ isolated: window.crossOriginIsolated, sab: typeof SharedArrayBuffer })),
  ).toEqual({ isolated: false, sab: "undefined" });

  // (Monaco keeps empty role=alert regions for screen readers; the message is the one with text.)
  const message = page.getByRole("alert").filter({ hasText: "SharedArrayBuffer" });
  await expect(message, "a visible message naming SharedArrayBuffer").toBeVisible();
  await expect(message).toContainText(/cross-origin isolat/i);

  const runButton = page.getByTestId("run");
  await expect(runButton).toBeVisible();
  await expect(runButton).toBeDisabled();

  // Ctrl+Enter does not start a run either (starting one would set the state to "running" at once).
  const before = await page.evaluate(() => document.body.dataset.runState);
  await page.locator(".editor-pane").click();
  await page.keyboard.press("Control+Enter");
  expect(await page.evaluate(() => document.body.dataset.runState)).toBe(before);
  expect(before).not.toBe("running");

  // The automation API answers with a failed run that says why.
  const result = await page.evaluate(() => window.playground!.run({ code: 'import { print } from "playground";\nprint(1);\n' }));
  expect(result.status).toBe("error");
  expect(result.output).toEqual([]);
  expect(result.errors[0]?.message ?? "").toMatch(/SharedArrayBuffer|cross-origin isolat/i);

  expect(pageErrors.messages.filter((m) => m.startsWith("uncaught:"))).toEqual([]);
  expect(pageErrors.messages, "no console errors either").toEqual([]);
});
