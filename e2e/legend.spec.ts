// The timeline's legend is never cut (issue 16): in the full page, wide or
// on a phone's Timeline tab, in English (the longer words) and Chinese,
// every item is on screen inside the legend. The embed's own sizes are in
// embed-teacher.spec.ts.
import { test, expect, expectLegendWhole, waitForPlayground } from "./fixtures";

for (const [width, height, lang] of [[1440, 900, "en"], [1000, 800, "en"], [1000, 800, "zh"], [390, 844, "en"], [390, 844, "zh"]] as const) {
  test(`the legend is whole at ${width} px in ${lang}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.goto(`/?lang=${lang}`);
    await waitForPlayground(page);
    // A phone shows the timeline in a tab of its own.
    const tab = page.getByRole("tab", { name: lang === "en" ? "Timeline" : "时间线" });
    if (width < 700) await tab.click();
    else await expect(tab).toHaveCount(0);
    await expectLegendWhole(page, width, `${width} px, ${lang}`);
  });
}
