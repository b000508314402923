// "Open in Perfetto" from the cross-origin isolated page, through the relay
// page (public/perfetto-relay.js), up to Perfetto's documented hand-off:
// PING until PONG, then { perfetto: { buffer, title, fileName } }.
//
// Perfetto itself is a stand-in here: a page on another origin (a server
// started by this file) that answers PING with PONG as ui.perfetto.dev
// does, and records what it received. The playground is pointed at it with
// localStorage "playground.perfettoUrl", as a self-hosted Perfetto would be.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "@playwright/test";
import { test, expect, runSnippet, describeRun, waitForPlayground } from "./fixtures";
import { ISOLATION_HEADERS, type RunningServer } from "./servers";

const SNIPPET = `import { Thread, Lock, print } from "playground";
const lock = new Lock();
let total = 0;
const workers = [1, 2].map(() => new Thread({ target: () => { for (let i = 0; i < 50; i++) lock.with(() => { total += 1; }); } }));
for (const t of workers) t.start();
for (const t of workers) t.join();
print("total", total);
`;

/** What the stand-in saw, in order: "PING", "sent PONG", or the trace message (buffer as text). */
type Received = string | { title: unknown; fileName: unknown; bufferIsArrayBuffer: boolean; text: string; fromParent: boolean };

const STAND_IN = `<!doctype html>
<html><head><meta charset="utf-8"><title>Perfetto stand-in</title></head>
<body><p>Perfetto stand-in</p>
<script>
  window.received = [];
  window.addEventListener("message", (event) => {
    if (event.data === "PING") {
      window.received.push("PING");
      event.source.postMessage("PONG", event.origin);
      window.received.push("sent PONG");
      return;
    }
    const posted = event.data && event.data.perfetto;
    if (!posted) return;
    window.received.push({
      title: posted.title,
      fileName: posted.fileName,
      bufferIsArrayBuffer: posted.buffer instanceof ArrayBuffer,
      text: new TextDecoder().decode(posted.buffer),
      fromParent: event.source === window.parent,
    });
  });
</script></body></html>`;

function startStandIn(): Promise<RunningServer> {
  const server = createServer((req, res) => {
    if (new URL(req.url ?? "/", "http://x").pathname !== "/perfetto.html") {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
    res.end(STAND_IN);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => {
    resolve({
      origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      close: () => new Promise<void>((done) => { server.closeAllConnections(); server.close(() => done()); }),
    });
  }));
}

let standIn: RunningServer;
test.beforeAll(async () => { standIn = await startStandIn(); });
test.afterAll(async () => { await standIn?.close(); });

/** Clicks "Open in Perfetto" and returns the relay page it opened. */
async function openRelay(page: Page): Promise<Page> {
  const opened = page.context().waitForEvent("page");
  await page.getByTestId("open-in-perfetto").click();
  const relay = await opened;
  await relay.waitForLoadState("domcontentloaded");
  return relay;
}

test("the trace reaches a Perfetto of another origin: PING, PONG, then the buffer", async ({ playground, pageErrors }) => {
  const target = `${standIn.origin}/perfetto.html`;
  expect(new URL(target).origin).not.toBe(new URL(playground.url()).origin);
  await playground.evaluate((url) => localStorage.setItem("playground.perfettoUrl", url), target);
  const result = await runSnippet(playground, SNIPPET);
  expect(result.status, describeRun(result)).toBe("ok");

  const relay = await openRelay(playground);
  expect(new URL(relay.url()).pathname).toMatch(/perfetto-relay\.html$/);
  expect(await relay.evaluate(() => window.crossOriginIsolated)).toBe(false);
  // COOP cut the tie: the trace can only have come over the BroadcastChannel.
  expect(await relay.evaluate(() => window.opener)).toBeNull();
  await expect.poll(() => relay.frames().some((f) => f.url() === target)).toBe(true);
  const frame = relay.frames().find((f) => f.url() === target)!;

  await expect.poll(() => frame.evaluate(() => (window as unknown as { received: Received[] }).received.length)).toBeGreaterThanOrEqual(3);
  const received = await frame.evaluate(() => (window as unknown as { received: Received[] }).received);
  const trace = received.find((r): r is Exclude<Received, string> => typeof r === "object");
  expect(received.indexOf("PING"), "PING first").toBe(0);
  expect(received.indexOf("sent PONG")).toBe(1);
  expect(received.indexOf(trace!), "the trace only after PONG").toBeGreaterThan(1);
  expect(received.filter((r) => typeof r === "object"), "the trace is posted once").toHaveLength(1);

  expect(trace!.bufferIsArrayBuffer).toBe(true);
  expect(trace!.fromParent, "posted by the relay that frames it").toBe(true);
  expect(trace!.title).toMatch(/^Concurrency playground /);
  expect(trace!.fileName).toMatch(/^playground-trace-.*\.json$/);
  const parsed = JSON.parse(trace!.text) as { traceEvents: { ph: string; name: string; args?: { name?: string } }[] };
  const threadNames = parsed.traceEvents.filter((e) => e.ph === "M" && e.name === "thread_name").map((e) => e.args?.name);
  expect(threadNames).toEqual(expect.arrayContaining(["MainThread", "Thread-1", "Thread-2"]));
  expect(parsed.traceEvents.filter((e) => e.ph === "X").length, "the run's slices").toBeGreaterThan(0);

  await expect(relay.getByRole("status")).toContainText("The trace is in Perfetto");
  expect(pageErrors.messages).toEqual([]);
  await relay.close();
});

test("the relay page is served without isolation; the playground with it", async ({ request }) => {
  for (const path of ["/perfetto-relay.html", "/perfetto-relay"]) {
    const relay = await request.get(path);
    expect(relay.status(), path).toBe(200);
    for (const name of ISOLATION_HEADERS) expect(relay.headers()[name], `${path}: ${name}`).toBeUndefined();
  }
  const main = await request.get("/");
  expect(main.headers()["cross-origin-opener-policy"]).toBe("same-origin");
  expect(main.headers()["cross-origin-embedder-policy"]).toBe("require-corp");
  expect(main.headers()["document-isolation-policy"]).toBe("isolate-and-require-corp");
});

test("a relay opened without an offer's id says to use the button", async ({ page }) => {
  for (const hash of ["", "#id=not-an-id"]) {
    await page.goto("about:blank"); // a new hash alone would not load the page again
    await page.goto(`/perfetto-relay.html${hash}`);
    await expect(page.getByRole("status"), hash || "no hash").toHaveText(/use the playground's “Open in Perfetto” button/);
    await expect(page.locator("#perfetto")).toBeHidden();
  }
  await page.goto("about:blank");
  await page.goto("/perfetto-relay.html#lang=zh");
  await expect(page.getByRole("status")).toHaveText(/请使用演练场中的“在 Perfetto 中打开”按钮/);
});

test("a relay whose id no playground offers says the playground did not answer", async ({ page }) => {
  await page.goto(`/perfetto-relay.html#id=${crypto.randomUUID()}`);
  await expect(page.getByRole("status")).toHaveText(/Getting the trace/);
  await expect(page.getByRole("status")).toHaveText(/The playground did not answer/, { timeout: 20_000 });
});

test("before any run, and when the pop-up is blocked, the button says why nothing opened", async ({ page }) => {
  await page.goto("/?lang=zh");
  await waitForPlayground(page);
  const button = page.getByTestId("open-in-perfetto");
  await expect(button).toHaveText("在 Perfetto 中打开");
  await button.click();
  await expect(page.getByTestId("perfetto-notice")).toHaveAttribute("data-notice", "empty");
  await expect(page.getByTestId("perfetto-notice")).toContainText("请先运行代码");
  await page.getByTestId("perfetto-notice").getByRole("button").click();
  await expect(page.getByTestId("perfetto-notice")).toBeHidden();

  const result = await runSnippet(page, SNIPPET);
  expect(result.status, describeRun(result)).toBe("ok");
  // What a pop-up blocker does: window.open returns null.
  await page.evaluate(() => { window.open = () => null; });
  await button.click();
  await expect(page.getByTestId("perfetto-notice")).toHaveAttribute("data-notice", "blocked");
  await expect(page.getByTestId("perfetto-notice")).toContainText("浏览器阻止了 Perfetto 标签页");
  expect(page.context().pages()).toHaveLength(1);
});
