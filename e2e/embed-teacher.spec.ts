// What a teacher ships (issue 16): the Embed dialog offers language,
// explanation, read-only, autorun and the first panel, and its live preview
// is the frame with exactly those options; the embed shows the example's
// explanation (in the chosen language, with the example's comments in that
// language too) and its timeline legend whole at 700 and 1000 px.
import type { Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { findExample } from "../src/examples/catalog";
import { test, expect, expectLegendWhole, waitForPlayground } from "./fixtures";

async function loadFromMenu(page: Page, id: string): Promise<void> {
  await page.getByTestId("examples-button").click();
  await page.locator(`[data-example-id="${id}"]`).click();
  await expect(page.getByRole("menu")).toHaveCount(0);
}


test("the Embed dialog offers language, explanation, read-only, autorun and panel, and previews that very frame", async ({ page }) => {
  // Scenario: a teacher loads an example, opens Embed, picks Chinese, keeps
  // the explanation, turns on read-only and chooses the timeline first. The
  // HTML's address has each option; the preview frame below loads that
  // address and shows the Chinese explanation, Chinese comments, the
  // read-only badge and the timeline tab.
  await page.goto("/");
  await waitForPlayground(page);
  await loadFromMenu(page, "thread-target");
  await page.getByTestId("embed").click();
  const dialog = page.getByTestId("embed-dialog");
  const explain = dialog.getByTestId("embed-explain");
  await expect(explain).toBeChecked();
  await dialog.getByTestId("embed-language").selectOption("zh");
  await dialog.getByLabel("Read-only").check();
  await dialog.getByLabel("Show first").selectOption("timeline");
  const html = await dialog.getByTestId("embed-code").inputValue();
  const src = new URL(/src="([^"]+)"/.exec(html)![1].replace(/&amp;/g, "&"));
  expect(Object.fromEntries(src.searchParams)).toEqual({ embed: "1", readonly: "1", explain: "1", panel: "timeline", lang: "zh" });

  const preview = dialog.getByTestId("embed-preview");
  await expect(preview).toHaveAttribute("src", src.href);
  const frame = page.frameLocator('[data-testid="embed-preview"]');
  const example = findExample("thread-target")!;
  await expect(frame.getByTestId("example-explanation")).toContainText(example.text.zh.title);
  await expect(frame.getByTestId("readonly-badge")).toHaveText("只读");
  await expect(frame.getByRole("tab", { name: "时间线" })).toHaveAttribute("aria-selected", "true");
  await expect.poll(() => frame.locator("body").evaluate(() => (window as unknown as { playground: { getCode(): string } }).playground.getCode()))
    .toBe(example.codeZh);

  // Without the explanation, and back to English: a new preview without it.
  await explain.uncheck();
  await dialog.getByTestId("embed-language").selectOption("en");
  await expect(preview).not.toHaveAttribute("src", /explain=1/);
  await expect(frame.getByRole("tab", { name: "Timeline" })).toBeVisible();
  await expect(frame.getByTestId("example-explanation")).toHaveCount(0);

  const axe = await new AxeBuilder({ page }).include('[data-testid="embed-dialog"]').exclude('[data-testid="embed-preview"]').analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
});

test("the explanation option is off for code that is no example, and reader's language leaves lang out", async ({ page }) => {
  await page.goto("/");
  await waitForPlayground(page);
  await page.getByTestId("embed").click();
  const dialog = page.getByTestId("embed-dialog");
  await expect(dialog.getByTestId("embed-explain")).toBeDisabled();
  await dialog.getByTestId("embed-language").selectOption("reader");
  await dialog.getByLabel("Run when loaded").check();
  const html = await dialog.getByTestId("embed-code").inputValue();
  const src = new URL(/src="([^"]+)"/.exec(html)![1].replace(/&amp;/g, "&"));
  expect(Object.fromEntries(src.searchParams)).toEqual({ embed: "1", autorun: "1", panel: "output" });
});

for (const width of [700, 1000, 600]) {
  test(`in a ${width} px frame the embed's legend is whole and the explanation readable`, async ({ page }) => {
    // Scenario: the embed address a teacher copies, opened at the frame's
    // size, after a run: every legend item is on screen, none cut off.
    await page.setViewportSize({ width, height: 560 });
    await page.goto("/");
    await waitForPlayground(page);
    await loadFromMenu(page, "gil-cpu-bound");
    const hash = new URL(await page.evaluate(() => (window as unknown as { playground: { shareUrl(): string } }).playground.shareUrl())).hash;
    await page.goto(`/?embed=1&explain=1&panel=timeline${hash}`);
    await waitForPlayground(page);
    await expect(page.getByTestId("example-explanation")).toContainText(findExample("gil-cpu-bound")!.text.en.title);
    await expectLegendWhole(page, width, `${width} px`);
  });
}
