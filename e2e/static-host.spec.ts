// A static host that sends no isolation headers (a proxy started here drops
// them from every response): public/coi-serviceworker.js adds them, after
// one reload, so the page becomes cross-origin isolated and runs threads.
// (isolation.spec.ts blocks service workers to see the page without them.)
import { test, expect, waitForPlayground } from "./fixtures";
import { ISOLATION_HEADERS, startStrippingProxy, type RunningServer } from "./servers";

let proxy: RunningServer;
test.beforeAll(async ({ baseURL }) => { proxy = await startStrippingProxy(baseURL!); });
test.afterAll(async () => { await proxy?.close(); });

test("without isolation headers the service worker isolates the page after one reload", async ({ page }) => {
  const loads: string[] = [];
  page.on("load", () => loads.push(page.url()));
  const response = await page.goto(`${proxy.origin}/`);
  const headers = await response!.allHeaders();
  for (const name of ISOLATION_HEADERS) expect(headers[name], `the proxy must drop ${name}`).toBeUndefined();

  // The worker takes control and the page reloads itself once, through it.
  await expect.poll(() => page.evaluate(() => window.crossOriginIsolated).catch(() => false), { timeout: 30_000 }).toBe(true);
  await waitForPlayground(page);
  expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  expect(loads.length, "one reload, no loop").toBe(2);

  const result = await page.evaluate(() =>
    window.playground!.run({ code: 'import { Thread, print } from "playground";\nconst t = new Thread({ target: () => print("from a thread") });\nt.start(); t.join();\n' }),
  );
  expect(result.status).toBe("ok");
  expect(result.output.map((l) => l.text)).toEqual(["from a thread"]);
});
