// The interface language (browser default, a switch that is remembered),
// the theme button and the shortcuts help.
import { test, expect } from "./fixtures";
import { waitForPlayground } from "./fixtures";

test.describe("with a Chinese browser", () => {
  test.use({ locale: "zh-CN" });

  test("the interface follows the browser's language, and the switch changes it and is remembered", async ({ playground }) => {
    await expect(playground.getByTestId("run")).toContainText("运行");
    await expect(playground.getByRole("region", { name: "输出" })).toBeVisible();
    await playground.getByTestId("language-switch").selectOption("en");
    await expect(playground.getByTestId("run")).toContainText("Run");
    await expect(playground.getByRole("region", { name: "Output" })).toBeVisible();
    expect(await playground.evaluate(() => document.documentElement.lang)).toBe("en");
    await playground.reload();
    await waitForPlayground(playground);
    await expect(playground.getByTestId("run")).toContainText("Run");
  });
});

test("?lang=zh in the address wins over the browser's language", async ({ page }) => {
  await page.goto("/?lang=zh");
  await waitForPlayground(page);
  await expect(page.getByTestId("stop")).toContainText("停止");
});

test("the theme button cycles system, light and dark, and the page follows", async ({ playground }) => {
  await playground.emulateMedia({ colorScheme: "light" });
  const theme = () => playground.evaluate(() => document.documentElement.dataset.theme);
  const background = () => playground.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(await theme()).toBe("light");
  const lightBackground = await background();
  await playground.getByTestId("theme-toggle").click(); // system -> light
  expect(await theme()).toBe("light");
  await playground.getByTestId("theme-toggle").click(); // light -> dark
  expect(await theme()).toBe("dark");
  expect(await background()).not.toBe(lightBackground);
  await playground.getByTestId("theme-toggle").click(); // dark -> system (light here)
  expect(await theme()).toBe("light");
});

test("? opens the keyboard shortcuts, Escape closes them", async ({ playground }) => {
  await playground.locator("body").press("?");
  const dialog = playground.getByTestId("shortcuts-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Ctrl+Enter");
  await playground.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
});
