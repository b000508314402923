// Share links, the Share and Embed dialogs, and the draft. A link opened in
// a NEW browser context (no draft, nothing shared but the address) brings
// back the code and the settings and runs nothing; a damaged link says why
// and leaves a working page with the starter code; the draft survives a
// reload, and a page whose storage throws still works.
import type { BrowserContext, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { test, expect, waitForPlayground } from "./fixtures";
import { starterSnippet } from "../src/examples/starter";
import { encodeShareHash, MAX_LINK_CHARS } from "../src/ui/share/share-link";

const CODE = '// 分享：三个线程 🧵\nimport { print } from "playground";\nprint("shared & = $ + #");\n';

const getCode = (page: Page) => page.evaluate(() => window.playground!.getCode());
const setCode = (page: Page, code: string) => page.evaluate((code) => window.playground!.setCode(code), code);

/** Turns the GIL on and sets its switch interval through the toolbar, as a learner does. */
async function setGil(page: Page, switchIntervalMs: number): Promise<void> {
  await page.getByRole("radio", { name: "GIL" }).check();
  await page.locator(".setting-interval input").fill(String(switchIntervalMs));
}

async function openFresh(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await waitForPlayground(page);
  return page;
}

test("a share link opened in a new browser context restores code and settings, and runs nothing", async ({ playground, browser }) => {
  await setCode(playground, CODE);
  await setGil(playground, 7);
  const url = await playground.evaluate(() => window.playground!.shareUrl());
  expect(url).toMatch(/#code\/[A-Za-z0-9+\-$]+&gil=1&si=7&mt=64&v=1&h=[0-9a-f]{8}$/);

  const context = await browser.newContext();
  try {
    const page = await openFresh(context, url);
    expect(await getCode(page)).toBe(CODE);
    await expect(page.getByRole("radio", { name: "GIL" })).toBeChecked();
    await expect(page.locator(".setting-interval input")).toHaveValue("7");
    // The same snippet, the same link.
    expect(await page.evaluate(() => window.playground!.shareUrl())).toBe(url);
    // Loaded, not run: no output, no trace, the page idle.
    await expect(page.locator("body")).toHaveAttribute("data-run-state", "idle");
    await expect(page.locator(".output-pane .out-row")).toHaveCount(0);
    expect(await page.evaluate(() => window.playground!.getTrace())).toBeNull();
    await expect(page.getByTestId("link-notice")).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test("a link's maxThreads and example id come back too", async ({ page }) => {
  const hash = encodeShareHash({ code: CODE, settings: { gil: false, switchIntervalMs: 5, maxThreads: 3 }, exampleId: "threads-race" });
  await page.goto(`/${hash}`);
  await waitForPlayground(page);
  const url = await page.evaluate(() => window.playground!.shareUrl());
  expect(new URL(url).hash).toBe(hash);
});

test("a damaged link says why, starts with the starter code, and the page works", async ({ page, pageErrors }) => {
  // A draft exists: a damaged link must not fall back to it either (the learner expected someone else's code).
  await page.goto("/");
  await waitForPlayground(page);
  await setCode(page, "// my draft\n");
  await page.reload();
  await waitForPlayground(page);
  expect(await getCode(page)).toBe("// my draft\n");

  const hash = encodeShareHash({ code: CODE.repeat(10), settings: { gil: true, switchIntervalMs: 5, maxThreads: 64 } });
  // Via another page: from "/" to "/#..." would only change the hash, not load the page anew.
  await page.goto("about:blank");
  await page.goto(`/${hash.slice(0, Math.floor(hash.length * 0.6))}`);
  await waitForPlayground(page);
  const notice = page.getByRole("alert").filter({ hasText: "could not be read" });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(/incomplete|damaged/);
  expect(await getCode(page)).toBe(starterSnippet);

  await page.getByTestId("run").click();
  await expect(page.locator("body")).toHaveAttribute("data-run-state", "ok", { timeout: 60_000 });
  await notice.getByRole("button", { name: "Dismiss" }).click();
  await expect(page.getByTestId("link-notice")).toHaveCount(0);
  expect(pageErrors.messages).toEqual([]);
});

test("a link pasted into an open playground's address bar loads its code without running; a damaged one keeps the code", async ({ playground }) => {
  await setCode(playground, "// my work\n");
  const hash = encodeShareHash({ code: CODE, settings: { gil: true, switchIntervalMs: 9, maxThreads: 64 } });
  await playground.evaluate((hash) => { location.hash = hash; }, hash);
  await expect.poll(() => getCode(playground)).toBe(CODE);
  await expect(playground.getByRole("radio", { name: "GIL" })).toBeChecked();
  await expect(playground.locator("body")).toHaveAttribute("data-run-state", "idle");

  await playground.evaluate((hash) => { location.hash = hash; }, hash.replace(/&h=.*/, "&h=00000000"));
  const notice = playground.getByRole("alert").filter({ hasText: "could not be read" });
  await expect(notice).toContainText("left as it was");
  expect(await getCode(playground)).toBe(CODE);
});

test("the draft survives a reload; editing a shared link's code drops the link from the address", async ({ page }) => {
  const hash = encodeShareHash({ code: CODE, settings: { gil: false, switchIntervalMs: 5, maxThreads: 64 } });
  await page.goto(`/${hash}`);
  await waitForPlayground(page);
  const edited = `${CODE}print("edited");\n`;
  await setCode(page, edited);
  await setGil(page, 12);
  await expect.poll(() => page.evaluate(() => location.hash)).toBe("");

  await page.reload();
  await waitForPlayground(page);
  expect(await getCode(page)).toBe(edited);
  await expect(page.getByRole("radio", { name: "GIL" })).toBeChecked();
  await expect(page.locator(".setting-interval input")).toHaveValue("12");
});

test("without usable storage the page still starts and runs", async ({ page, pageErrors }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, "localStorage", { get() { throw new DOMException("storage is disabled", "SecurityError"); } });
  });
  await page.goto("/");
  await waitForPlayground(page);
  await setCode(page, 'import { print } from "playground";\nprint("no storage");\n');
  const result = await page.evaluate(() => window.playground!.run());
  expect(result.status).toBe("ok");
  await page.reload();
  await waitForPlayground(page);
  expect(await getCode(page)).toBe(starterSnippet);
  expect(pageErrors.messages.filter((m) => m.startsWith("uncaught"))).toEqual([]);
});

test("the Share button copies the link and says so; a long link is flagged", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(baseURL!).origin });
  await page.goto("/");
  await waitForPlayground(page);
  await setCode(page, CODE);
  await page.getByTestId("share").click();
  const dialog = page.getByTestId("share-dialog");
  await expect(dialog.getByText("Link copied")).toBeVisible();
  const url = await page.evaluate(() => window.playground!.shareUrl());
  await expect(dialog.getByTestId("share-url")).toHaveValue(url);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await expect(dialog.getByTestId("share-too-long")).toHaveCount(0);
  const axe = await new AxeBuilder({ page }).include('[data-testid="share-dialog"]').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);

  // Random text barely compresses: this makes a link over the limit, which is still given.
  await page.evaluate((n) => {
    let seed = 7;
    const text = Array.from({ length: n }, () => String.fromCharCode(0x4e00 + ((seed = (seed * 48271) % 2147483647) % 20000))).join("");
    window.playground!.setCode(`// ${text}\n`);
  }, MAX_LINK_CHARS);
  await page.getByTestId("share").click();
  await expect(page.getByTestId("share-too-long")).toBeVisible();
  const long = await page.getByTestId("share-url").inputValue();
  expect(long.length).toBeGreaterThan(MAX_LINK_CHARS);
});

test("where the clipboard is refused, the link is shown selected to copy by hand", async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, "clipboard", { value: { writeText: () => Promise.reject(new DOMException("denied", "NotAllowedError")) } });
  });
  await page.goto("/");
  await waitForPlayground(page);
  await page.getByTestId("share").click();
  const dialog = page.getByTestId("share-dialog");
  await expect(dialog.getByText("did not allow copying")).toBeVisible();
  const field = dialog.getByTestId("share-url");
  await expect(field).toHaveValue(await page.evaluate(() => window.playground!.shareUrl()));
  await expect(field).toBeFocused();
  expect(await field.evaluate((el: HTMLInputElement) => el.selectionEnd! - el.selectionStart!)).toBe(await field.evaluate((el: HTMLInputElement) => el.value.length));
});

test("the Embed dialog gives an <iframe> with the chosen options that allows isolation", async ({ page }) => {
  await page.goto("/");
  await waitForPlayground(page);
  await setCode(page, CODE);
  await page.getByTestId("embed").click();
  const dialog = page.getByTestId("embed-dialog");
  await dialog.getByLabel("Read-only").check();
  await dialog.getByLabel("Show first").selectOption("timeline");
  await dialog.getByRole("spinbutton").fill("600");
  const html = await dialog.getByTestId("embed-code").inputValue();
  expect(html).toContain('allow="cross-origin-isolated"');
  expect(html).toContain('height="600"');
  const src = /src="([^"]+)"/.exec(html)![1].replace(/&amp;/g, "&");
  const url = new URL(src);
  // The language is the page's unless the teacher picks another (embed-teacher.spec.ts).
  expect(Object.fromEntries(url.searchParams)).toEqual({ embed: "1", readonly: "1", panel: "timeline", lang: "en" });
  const shared = new URL(await page.evaluate(() => window.playground!.shareUrl()));
  expect(url.hash).toBe(shared.hash);
  const axe = await new AxeBuilder({ page }).include('[data-testid="embed-dialog"]').analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
});
