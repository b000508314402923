// The toolbar shows the GIL setting in force, whatever set it (issue 16;
// the box is now the run mode's GIL choice, ModeSetting.tsx):
// a snippet's first-line pragma beats the toolbar (runtime/settings.ts), so
// the box must show the pragma's value and say it is "set by the code"
// before, during and after a run; a link's gil=1 shows as the toolbar's own.
// The run itself says whether it had the GIL (gilEnabled()), so the box is
// checked against what really ran, not against another piece of the UI.
import type { Page } from "@playwright/test";
import { test, expect, waitForPlayground } from "./fixtures";
import { encodeShareHash } from "../src/ui/share/share-link";

const LINK_SETTINGS = { gil: false, switchIntervalMs: 5, maxThreads: 64 };
// Prints whether it has the GIL, then spins until Stop: the test looks at the box mid-run.
const PRAGMA_SPIN = `// playground: gil=on
import { print, gilEnabled } from "playground";
print("GIL on: " + gilEnabled());
for (;;) {}
`;

const gilBox = (page: Page) => page.getByRole("radio", { name: "GIL" });
const byCode = (page: Page) => page.getByTestId("gil-by-code");
const setCode = (page: Page, code: string) => page.evaluate((c) => window.playground!.setCode(c), code);

test("a link whose code turns the GIL on by pragma: the box is checked and set by the code, before, during and after the run", async ({ page, pageErrors }) => {
  await page.goto(`/${encodeShareHash({ code: PRAGMA_SPIN, settings: LINK_SETTINGS })}`);
  await waitForPlayground(page);
  // Before: the link said gil=0, the code's line 1 says on, and line 1 wins.
  await expect(gilBox(page)).toBeChecked();
  await expect(gilBox(page)).toBeDisabled();
  await expect(byCode(page)).toHaveText("set by the code");

  // During: the run reports the GIL on, and the box still says so.
  await page.getByTestId("run").click();
  await expect(page.locator(".output-pane .out-text").filter({ hasText: "GIL on: true" })).toBeVisible({ timeout: 45_000 });
  await expect(page.getByTestId("status")).toHaveClass(/status-running/);
  await expect(gilBox(page)).toBeChecked();
  await expect(byCode(page)).toBeVisible();
  await page.getByTestId("stop").click();
  await expect(page.getByTestId("status")).toHaveClass(/status-stopped/);

  // After: unchanged.
  await expect(gilBox(page)).toBeChecked();
  await expect(byCode(page)).toBeVisible();

  // Line 1 edited to gil=off: the box follows the code; without a pragma, the toolbar (the link's gil=0) again.
  await setCode(page, PRAGMA_SPIN.replace("gil=on", "gil=off"));
  await expect(gilBox(page)).not.toBeChecked();
  await expect(byCode(page)).toBeVisible();
  await setCode(page, PRAGMA_SPIN.split("\n").slice(1).join("\n"));
  await expect(gilBox(page)).not.toBeChecked();
  await expect(gilBox(page)).toBeEnabled();
  await expect(byCode(page)).toHaveCount(0);
  expect(pageErrors.messages).toEqual([]);
});

test("a link's gil=1 with no pragma shows as the toolbar's own setting, and the run has the GIL", async ({ page }) => {
  const code = 'import { print, gilEnabled } from "playground";\nprint("GIL on: " + gilEnabled());\n';
  await page.goto(`/${encodeShareHash({ code, settings: { ...LINK_SETTINGS, gil: true } })}`);
  await waitForPlayground(page);
  await expect(gilBox(page)).toBeChecked();
  await expect(gilBox(page)).toBeEnabled();
  await expect(byCode(page)).toHaveCount(0);
  const result = await page.evaluate(() => window.playground!.run());
  expect(result.output.map((l) => l.text)).toEqual(["GIL on: true"]);
  await expect(gilBox(page)).toBeChecked();
});

test("the comparison example, whose pragma turns the GIL on, shows the box checked and set by the code (in Chinese too)", async ({ page }) => {
  await page.goto("/?lang=zh");
  await waitForPlayground(page);
  await page.getByTestId("examples-button").click();
  await page.locator('[data-example-id="gil-threads-processes-coroutines"]').click();
  await expect(gilBox(page)).toBeChecked();
  await expect(byCode(page)).toHaveText("由代码设定");
});

test("a lesson about speed says how many cores its figures were measured on, in the reader's language", async ({ page, pageErrors }) => {
  // Honest timings (issue 16): the GIL lesson's times are this machine's, and the page says which machine.
  // Whether it also warns of a busy machine depends on the run's figures (timing-notes.test.ts covers that rule).
  await page.goto("/?lang=zh");
  await waitForPlayground(page);
  await page.getByTestId("examples-button").click();
  await page.locator('[data-example-id="gil-cpu-bound"]').click();
  const result = await page.evaluate(() => window.playground!.run({ timeoutMs: 60_000 }));
  expect(result.status).toBe("ok");
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  await expect(page.locator(".output-pane .out-row.lesson").first()).toContainText(`它有 ${cores} 个逻辑核心`);
  expect(pageErrors.messages).toEqual([]);
});
