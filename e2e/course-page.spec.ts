// The course page demo (demo/course-page.html, README "Course page demo"),
// served as a teacher would: a static file on ANOTHER origin, with no
// isolation headers. Its two frames load their gallery examples (with the
// explanation) and are isolated themselves; its "Run the example" button
// drives the first frame by postMessage (playground:run), and the page
// shows what the run printed (from playground:result) and a message that
// the learner's run finished. Also: the page's embed addresses are still
// the gallery's current ones (scripts/course-page-links.ts makes them).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Frame, Page } from "@playwright/test";
import { test, expect, waitForPlayground } from "./fixtures";
import { startStaticServer, type RunningServer } from "./servers";
import { findExample } from "../src/examples/catalog";
import { COURSE_PAGE_FRAMES, courseEmbedPath } from "../scripts/course-page-links";

const DEMO_DIR = fileURLToPath(new URL("../demo/", import.meta.url));

let site: RunningServer;
test.beforeAll(async () => { site = await startStaticServer(DEMO_DIR); });
test.afterAll(async () => { await site?.close(); });

async function frameOf(page: Page, id: string): Promise<Frame> {
  const frame = await (await page.locator(`#${id}`).elementHandle())!.contentFrame();
  await waitForPlayground(frame as unknown as Page);
  return frame!;
}

test("the demo's embed addresses are the gallery's current examples", () => {
  const html = readFileSync(`${DEMO_DIR}course-page.html`, "utf8").replace(/&amp;/g, "&");
  for (const { exampleId } of COURSE_PAGE_FRAMES) {
    expect(html, `run npx tsx scripts/course-page-links.ts and paste the address of ${exampleId}`).toContain(`data-embed="${courseEmbedPath(exampleId)}"`);
  }
});

test("served from another origin, the course page embeds two examples and shows the run it drives, and that it finished", async ({ page, baseURL, pageErrors }) => {
  const playgroundOrigin = new URL(baseURL!).origin;
  await page.goto(`${site.origin}/course-page.html?playground=${encodeURIComponent(playgroundOrigin + "/")}`);
  expect(site.origin).not.toBe(playgroundOrigin);
  expect(await page.evaluate(() => window.crossOriginIsolated), "the course page itself is not isolated").toBe(false);

  const race = await frameOf(page, "race");
  const lock = await frameOf(page, "lock");
  for (const [frame, id] of [[race, "race-without-lock"], [lock, "lock-fixes-race"]] as const) {
    expect(await frame.evaluate(() => window.crossOriginIsolated), `${id}: the frame is isolated`).toBe(true);
    expect(new URL(frame.url()).searchParams.get("origin"), `${id}: takes requests from the course page only`).toBe(site.origin);
    const example = findExample(id)!;
    await expect(frame.getByTestId("example-explanation")).toContainText(/.+/);
    expect([example.text.en.title, example.text.zh.title]).toContain(await frame.locator(".example-explanation-title").textContent());
    expect([example.code, example.codeZh]).toContain(await frame.evaluate(() => window.playground!.getCode()));
  }

  // The page hears playground:ready, then drives the first frame.
  const button = page.getByRole("button", { name: "Run the example" });
  await expect(button).toBeEnabled({ timeout: 45_000 });
  await button.click();
  const finished = page.locator("#finished");
  await expect(finished).toBeVisible({ timeout: 60_000 });
  await expect(finished).toContainText(/^Your run finished in [\d.]+ s(: \d+ updates were lost|, and no update was lost this time: run it again)/);
  await expect(page.locator("#race-output")).toContainText(/MainThread: expected 600000, got \d+/);
  // The frame drew the same run the page was told about.
  await expect(race.locator(".output-pane .out-text").filter({ hasText: /expected 600000, got \d+/ })).toHaveCount(1);
  expect(await race.evaluate(() => document.body.dataset.runState)).toBe("ok");
  await expect(finished).toHaveAttribute("data-source", "button");

  // The learner presses Run inside the frame: the page is told of that run too (playground:finished).
  await race.evaluate(() => window.playground!.setCode('import { print } from "playground";\nprint("expected 3, got 2");\n'));
  await race.getByTestId("run").click();
  await expect(finished).toHaveAttribute("data-source", "frame", { timeout: 60_000 });
  await expect(finished).toContainText("Your run finished in");
  await expect(finished).toContainText("1 updates were lost");
  await expect(page.locator("#race-output")).toHaveText("MainThread: expected 3, got 2");
  expect(pageErrors.messages).toEqual([]);
});
