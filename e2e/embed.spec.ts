// The embed view (?embed=1) inside a course page of ANOTHER origin that is
// served WITHOUT isolation headers (a tiny server started here): the frame
// is still cross-origin isolated (Document-Isolation-Policy), takes
// playground:run / playground:getTrace by postMessage, ignores malformed
// messages and, with origin=, every other origin; its read-only, panel and
// autorun options show; a frame that cannot be isolated offers a new tab.
// Also the full page on a phone: the same tabs (Editor / Output / Timeline).
import type { Frame, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { test, expect, waitForPlayground } from "./fixtures";
import { startCoursePageServer, startStrippingProxy, type RunningServer } from "./servers";
import { encodeShareHash } from "../src/ui/share/share-link";

const HELLO = 'import { print, currentThread } from "playground";\nprint("hello from", currentThread().name);\n';
const SETTINGS = { gil: false, switchIntervalMs: 5, maxThreads: 64 };

let course: RunningServer;
test.beforeAll(async () => { course = await startCoursePageServer(); });
test.afterAll(async () => { await course?.close(); });

type Received = { frame: number; data: { type?: string; id?: unknown; result?: unknown } | null };

/** Opens the course page with one iframe per embed address (relative to the playground's baseURL). */
async function openCourse(page: Page, baseURL: string, ...frames: string[]): Promise<Frame[]> {
  const query = frames.map((f) => `frame=${encodeURIComponent(new URL(f, baseURL).href)}`).join("&");
  await page.goto(`${course.origin}/course.html?${query}`);
  const playgroundOrigin = new URL(baseURL).origin;
  await expect.poll(() => page.frames().filter((f) => f.url().startsWith(playgroundOrigin)).length).toBe(frames.length);
  const handles = await Promise.all(frames.map((_, i) => page.locator(`#frame-${i}`).elementHandle()));
  const result = await Promise.all(handles.map((h) => h!.contentFrame()));
  for (const frame of result) await waitForPlayground(frame as unknown as Page);
  return result as Frame[];
}

const received = (page: Page) => page.evaluate(() => (window as unknown as { received: Received[] }).received);
const send = (page: Page, frame: number, message: unknown) =>
  page.evaluate(([frame, message]) => (window as unknown as { send(i: number, m: unknown): void }).send(frame as number, message), [frame, message] as const);

async function waitForMessage(page: Page, frame: number, type: string, id?: unknown): Promise<Received["data"]> {
  const handle = await page.waitForFunction(
    ({ frame, type, id }) =>
      (window as unknown as { received: Received[] }).received.find(
        (m) => m.frame === frame && m.data?.type === type && (id === undefined || m.data.id === id),
      )?.data,
    { frame, type, id },
    { timeout: 45_000 },
  );
  return (await handle.jsonValue()) as Received["data"];
}

test("embedded in a non-isolated page of another origin, the frame is isolated and answers playground:run and getTrace", async ({ page, baseURL }) => {
  const [frame] = await openCourse(page, baseURL!, "/?embed=1");
  expect(await page.evaluate(() => window.crossOriginIsolated), "the course page itself is not isolated").toBe(false);
  expect(await frame.evaluate(() => ({ isolated: window.crossOriginIsolated, sab: typeof SharedArrayBuffer }))).toEqual({ isolated: true, sab: "function" });
  await waitForMessage(page, 0, "playground:ready");
  // Nothing ran by itself (no autorun in the address).
  expect(await frame.evaluate(() => document.body.dataset.runState)).toBe("idle");

  await send(page, 0, { type: "playground:run", id: "r1", code: HELLO });
  const reply = (await waitForMessage(page, 0, "playground:result", "r1")) as { result: { status: string; output: { thread: string; text: string }[] } };
  expect(reply.result.status, JSON.stringify(reply.result).slice(0, 800)).toBe("ok");
  expect(reply.result.output.map((l) => [l.thread, l.text])).toEqual([["MainThread", "hello from MainThread"]]);
  await expect(frame.locator(".output-pane .out-text").filter({ hasText: "hello from MainThread" })).toBeVisible();

  await send(page, 0, { type: "playground:getTrace", id: "t1" });
  const trace = (await waitForMessage(page, 0, "playground:result", "t1")) as { result: { traceEvents: { ph: string; name: string; args?: { name?: string } }[] } };
  expect(trace.result.traceEvents.length).toBeGreaterThan(3);
  expect(trace.result.traceEvents.some((e) => e.ph === "M" && e.args?.name === "MainThread")).toBe(true);
});

test("malformed messages get no reply and break nothing", async ({ page, baseURL }) => {
  const [frame] = await openCourse(page, baseURL!, "/?embed=1");
  await waitForMessage(page, 0, "playground:ready");
  for (const message of ["playground:run", null, 7, [], { type: "playground:run" }, { type: "playground:getTrace" }, { type: "playground:run", id: 1, code: 5 }, { type: "playground:nope", id: 2 }]) {
    await send(page, 0, message);
  }
  await send(page, 0, { type: "playground:getCode", id: "ok" });
  await waitForMessage(page, 0, "playground:result", "ok");
  const replies = (await received(page)).filter((m) => m.data?.type === "playground:result");
  expect(replies.map((m) => m.data?.id)).toEqual(["ok"]);
  expect(await frame.evaluate(() => document.body.dataset.runState)).toBe("idle");
});

test("origin= lets only that origin talk to the frame", async ({ page, baseURL }) => {
  const elsewhere = "https://course.example";
  const [refusing] = await openCourse(
    page,
    baseURL!,
    `/?embed=1&origin=${encodeURIComponent(elsewhere)}`,
    `/?embed=1&origin=${encodeURIComponent(course.origin)}`,
  );
  // The frame that names this page's origin says ready and answers.
  await waitForMessage(page, 1, "playground:ready");
  await send(page, 0, { type: "playground:run", id: "refused", code: HELLO });
  await send(page, 0, { type: "playground:setCode", id: "refused-2", code: "// not allowed" });
  await send(page, 1, { type: "playground:run", id: "allowed", code: HELLO });
  const allowed = (await waitForMessage(page, 1, "playground:result", "allowed")) as { result: { status: string } };
  expect(allowed.result.status).toBe("ok");

  // By then the refusing frame would have taken its requests long ago: it did nothing, and said nothing.
  expect((await received(page)).filter((m) => m.frame === 0)).toEqual([]);
  expect(await refusing.evaluate(() => document.body.dataset.runState)).toBe("idle");
  expect(await refusing.evaluate(() => window.playground!.getCode())).not.toContain("not allowed");
});

test("read-only and the initial panel apply, and autorun runs once by itself", async ({ page, baseURL }) => {
  const hash = encodeShareHash({ code: 'import { print } from "playground";\nprint("autorun ran");\n', settings: SETTINGS });
  const [frame] = await openCourse(page, baseURL!, `/?embed=1&readonly=1&panel=timeline&autorun=1${hash}`);

  await expect(frame.getByRole("tab", { name: "Timeline" })).toHaveAttribute("aria-selected", "true");
  await expect(frame.locator(".timeline-pane")).toBeVisible();
  await expect(frame.locator(".output-pane")).toBeHidden();
  await expect(frame.getByTestId("readonly-badge")).toBeVisible();

  // autorun: the snippet ran once, without a request.
  await expect(frame.locator("body")).toHaveAttribute("data-run-state", "ok", { timeout: 45_000 });
  await frame.getByRole("tab", { name: "Output" }).click();
  await expect(frame.locator(".output-pane .out-text").filter({ hasText: "autorun ran" })).toHaveCount(1);

  // Read-only: typing into the editor changes nothing.
  const before = await frame.evaluate(() => window.playground!.getCode());
  await frame.locator(".editor-pane .monaco-editor .view-lines").click();
  await page.keyboard.type("typed();");
  await page.keyboard.press("Enter");
  expect(await frame.evaluate(() => window.playground!.getCode())).toBe(before);

  // "Open in playground" is the full page with this code.
  const href = await frame.getByTestId("open-in-playground").getAttribute("href");
  expect(new URL(href!).search).toBe("");
  expect(new URL(href!).hash).toBe(hash);
});

test("an embed that cannot be isolated says so and offers to open a new tab", async ({ page, baseURL }) => {
  // The playground through a proxy that drops its isolation headers: inside a frame nothing can isolate it.
  const proxy = await startStrippingProxy(baseURL!);
  try {
    const [frame] = await openCourse(page, proxy.origin, "/?embed=1");
    expect(await frame.evaluate(() => window.crossOriginIsolated)).toBe(false);
    const banner = frame.getByRole("alert").filter({ hasText: "SharedArrayBuffer" });
    await expect(banner).toBeVisible();
    await expect(banner.getByRole("link", { name: /Open in a new tab/ })).toHaveAttribute("target", "_blank");
    await expect(frame.getByTestId("run")).toBeDisabled();
    const open = frame.getByTestId("open-in-playground");
    await expect(open).toBeVisible();
    await expect(open).toHaveClass(/primary/);
  } finally {
    await proxy.close();
  }
});

test("on a phone the full page shows Editor, Output and Timeline as tabs", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  await waitForPlayground(page);
  const tabs = page.getByRole("tablist");
  await expect(tabs.getByRole("tab")).toHaveText(["Editor", "Output", "Timeline"]);
  await expect(page.getByRole("tab", { name: "Editor" })).toHaveAttribute("aria-selected", "true");
  await expect(page.locator(".editor-pane")).toBeVisible();
  await expect(page.locator(".output-pane")).toBeHidden();

  // Run from the editor tab: the output tab comes up with what it printed.
  await page.evaluate((code) => window.playground!.setCode(code), 'import { print } from "playground";\nprint("on a phone");\n');
  await page.getByTestId("run").click();
  await expect(page.getByRole("tab", { name: "Output" })).toHaveAttribute("aria-selected", "true");
  await expect(page.locator(".output-pane .out-text").filter({ hasText: "on a phone" })).toBeVisible({ timeout: 30_000 });

  // Arrow keys move between tabs (WAI-ARIA tabs pattern).
  await page.getByRole("tab", { name: "Output" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { name: "Timeline" })).toHaveAttribute("aria-selected", "true");
  await expect(page.locator(".timeline-pane")).toBeVisible();
  const axe = await new AxeBuilder({ page }).include('[role="tablist"]').analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);

  // Wide again: every pane shows, no tab bar.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(page.getByRole("tablist")).toBeHidden();
  await expect(page.locator(".editor-pane")).toBeVisible();
  await expect(page.locator(".output-pane")).toBeVisible();
  await expect(page.locator(".timeline-pane")).toBeVisible();
});
