// The examples gallery (src/examples/): every example runs as a learner
// would run it, with its own settings, and ends the way its explanation
// says; and the toolbar's Examples menu loads an example into the editor and
// shows its explanation.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { EXAMPLES, TOPICS, type Example } from "../src/examples/catalog";
import { test, expect, runSnippet, describeRun, outputTexts, type RunResult } from "./fixtures";

/** Generous: the examples finish in well under 3 s, but the test machine is shared. */
const EXAMPLE_TIMEOUT_MS = 20_000;

function expectRunAsDocumented(example: Example, result: RunResult): void {
  const why = `${example.id}\n${describeRun(result)}`;
  expect(result.status, why).toBe(example.expectedStatus);
  // Examples that end normally raise nothing on the way either.
  if (example.expectedStatus === "ok") expect(result.errors, why).toEqual([]);
  const text = outputTexts(result).join("\n");
  if (typeof example.expectedOutput === "string") expect(text, why).toContain(example.expectedOutput);
  else if (example.expectedOutput) expect(text, why).toMatch(example.expectedOutput);
}

/** Accessibility violations axe finds in the part of the page matched by `selector`. */
async function axeViolations(page: Page, selector: string): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).include(selector).analyze();
  return axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

for (const topic of TOPICS) {
  test.describe(`examples: ${topic.title.en}`, () => {
    for (const example of EXAMPLES.filter((e) => e.topic === topic.id)) {
      test(`${example.id} ends ${example.expectedStatus} and prints what it promises`, async ({ playground }) => {
        // Scenario: the example's code, run through window.playground.run
        // with the settings the menu would apply (the GIL for the GIL examples).
        const result = await runSnippet(playground, example.code, example.settings, EXAMPLE_TIMEOUT_MS);
        expectRunAsDocumented(example, result);
      });
    }
  });
}

test("choosing an example from the menu loads its code and settings and shows its explanation", async ({ playground }) => {
  // Scenario: a learner opens the Examples menu and picks a GIL example, then
  // (with the keyboard) a thread example: the editor's code becomes each
  // example's code, the GIL setting follows the example, and the
  // explanation box shows the chosen example's title; Dismiss hides it.
  const gil = EXAMPLES.find((e) => e.id === "gil-cpu-bound")!;
  const daemon = EXAMPLES.find((e) => e.id === "daemon-threads")!;
  const menu = playground.getByTestId("examples-menu");
  const button = menu.getByRole("button", { name: /Examples|示例/ });
  const explanation = playground.getByTestId("example-explanation");
  const code = () => playground.evaluate(() => (window as unknown as { playground: { getCode(): string } }).playground.getCode());
  const gilBox = playground.getByRole("radio", { name: "GIL" });

  await button.click();
  await expect(button).toHaveAttribute("aria-expanded", "true");
  expect(await axeViolations(playground, '[data-testid="examples-menu"]')).toEqual([]);
  await playground.getByRole("menuitem", { name: gil.text.en.title }).click();
  await expect(playground.getByRole("menu")).toHaveCount(0);
  await expect.poll(code).toBe(gil.code);
  await expect(explanation).toContainText(gil.text.en.title);
  await expect(gilBox).toBeChecked();
  expect(await axeViolations(playground, '[data-testid="example-explanation"]')).toEqual([]);

  // Keyboard: open with ArrowDown (focus lands on the loaded example), Home, type-ahead "d".
  await button.focus();
  await playground.keyboard.press("ArrowDown");
  await expect(playground.getByRole("menuitem", { name: gil.text.en.title })).toBeFocused();
  await playground.keyboard.press("Home");
  await playground.keyboard.press("d");
  await expect(playground.getByRole("menuitem", { name: daemon.text.en.title })).toBeFocused();
  await playground.keyboard.press("Enter");
  await expect.poll(code).toBe(daemon.code);
  await expect(explanation).toContainText(daemon.text.en.title);
  await expect(explanation).not.toContainText(gil.text.en.title);
  await expect(gilBox).not.toBeChecked();
  await expect(button).toBeFocused();

  await explanation.getByRole("button", { name: "Dismiss" }).click();
  await expect(explanation).toHaveCount(0);

  // Escape, or a click elsewhere, closes the menu without loading anything.
  await button.click();
  await playground.keyboard.press("Escape");
  await expect(playground.getByRole("menu")).toHaveCount(0);
  await expect(button).toBeFocused();
  await button.click();
  await playground.getByTestId("status").click();
  await expect(playground.getByRole("menu")).toHaveCount(0);
  expect(await code()).toBe(daemon.code);
});

test("the menu and the explanation speak Chinese when the page does", async ({ page }) => {
  // Scenario: ?lang=zh: the menu lists the topics and titles in Chinese and
  // the explanation of the chosen example is the Chinese one.
  const example = EXAMPLES.find((e) => e.id === "process-own-memory")!;
  await page.goto("/?lang=zh");
  await page.getByTestId("examples-menu").getByRole("button").click();
  await expect(page.getByRole("group", { name: "进程", exact: true })).toBeVisible();
  await page.getByRole("menuitem", { name: example.text.zh.title }).click();
  await expect(page.getByTestId("example-explanation")).toContainText(example.text.zh.explanation);
  await expect(page.getByTestId("example-explanation").getByRole("button", { name: "关闭" })).toBeVisible();
  // The code comes with Chinese comments, and follows a switch back to English while unedited.
  const code = () => page.evaluate(() => (window as unknown as { playground: { getCode(): string } }).playground.getCode());
  expect(await code()).toBe(example.codeZh);
  await page.getByTestId("language-switch").selectOption("en");
  await expect.poll(code).toBe(example.code);
});

test("on a phone, an explanation too long for its box offers to be read in full, and then shows all of it", async ({ page }) => {
  // Issue 16: at 390 px the box used to end mid-sentence, with a scroll area a phone does not show.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  await page.getByTestId("examples-button").click();
  await page.locator('[data-example-id="gil-cpu-bound"]').click();
  const box = page.getByTestId("example-explanation");
  const text = box.locator(".example-explanation-text");
  const hidden = () => text.evaluate((el) => el.scrollHeight - el.clientHeight);
  expect(await hidden()).toBeGreaterThan(0);
  await box.getByRole("button", { name: "Read all" }).click();
  await expect(box.getByRole("button", { name: "Show less" })).toHaveAttribute("aria-expanded", "true");
  expect(await hidden()).toBeLessThanOrEqual(1);
  // In full, it ends with the Python each call of the code stands for.
  await expect(box.getByTestId("example-python-calls")).toContainText("new Thread({ target, args }) → threading.Thread(target=..., args=...)");
  await expect(box.getByTestId("example-python-calls")).toBeInViewport();
});
