// The examples' Python panel (src/ui/examples/PythonPanel.tsx): every gallery
// example loaded from the menu offers its Python program, coloured by
// Monaco's Python grammar, and pointing at a TypeScript line highlights the
// Python line its line map names. Chinese readers get Chinese comments.
import type { Page } from "@playwright/test";
import { EXAMPLES } from "../src/examples/catalog";
import { PYTHON_VERSIONS, pythonCodeZh } from "../src/examples/python";
import { test, expect, waitForPlayground } from "./fixtures";

async function loadFromMenu(page: Page, id: string): Promise<void> {
  await page.getByTestId("examples-button").click();
  await page.locator(`[data-example-id="${id}"]`).click();
  await expect(page.getByRole("menu")).toHaveCount(0);
}

/** The first line of the Python program whose TypeScript line is mapped, after the first few lines. */
function mappedLine(id: string): { ts: number; py: number } {
  const map = PYTHON_VERSIONS[id].tsToPy;
  const ts = map.findIndex((py, i) => i >= 1 && py > 0) + 1;
  return { ts, py: map[ts - 1] };
}

test("every example shows its Python, and the cursor's TypeScript line lights its Python line", async ({ playground }) => {
  // Scenario: a learner opens the Python panel once, then goes through the
  // whole gallery. For each example the panel shows that example's Python
  // (its first line and its file name), in Monaco's Python colouring; moving
  // the text cursor to a mapped TypeScript line highlights the mapped Python line.
  test.setTimeout(180_000);
  await loadFromMenu(playground, EXAMPLES[0].id);
  const toggle = playground.getByTestId("python-toggle");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  const panel = playground.getByTestId("python-panel");
  await expect(panel.locator(".monaco-editor")).toBeVisible();

  for (const example of EXAMPLES) {
    await loadFromMenu(playground, example.id);
    const python = PYTHON_VERSIONS[example.id];
    await expect(panel.locator(".python-panel-header"), example.id).toContainText(`${example.id}.py`);
    const firstLine = python.code.split("\n")[0];
    // Monaco renders spaces as non-breaking spaces.
    await expect(panel.locator(".view-lines"), example.id).toContainText(firstLine.slice(0, 40).replace(/ /g, "\u00a0"));
    // Python keywords are coloured: Monaco's grammar is loaded.
    await expect(panel.locator(".view-lines span[class^='mtk']").first(), example.id).toBeVisible();

    const { ts, py } = mappedLine(example.id);
    // Into the snippet editor, then the mouse away (hovering wins over the cursor), then the keys.
    await playground.locator(".editor-pane .monaco-host .view-lines").click({ position: { x: 200, y: 10 } });
    await playground.mouse.move(2, 2);
    await playground.keyboard.press("Control+Home");
    for (let i = 1; i < ts; i++) await playground.keyboard.press("ArrowDown");
    await expect(panel, `${example.id}: TypeScript line ${ts}`).toHaveAttribute("data-python-line", String(py));
    await expect(panel.locator(".python-linked-line")).toHaveCount(1);
  }
});

test("a Chinese reader's Python has Chinese comments, and the choice to show it stays", async ({ page }) => {
  // Scenario: the interface is Chinese; the learner opens the Python panel on
  // the first thread example, reloads the page and loads another example:
  // the panel is still open, its comments in Chinese.
  await page.addInitScript(() => localStorage.setItem("playground.language", "zh"));
  await page.goto("/");
  await waitForPlayground(page);
  await loadFromMenu(page, "thread-target");
  await page.getByTestId("python-toggle").click();
  const panel = page.getByTestId("python-panel");
  const zh = pythonCodeZh(PYTHON_VERSIONS["thread-target"]).split("\n")[0];
  await expect(panel.locator(".view-lines")).toContainText(zh.slice(0, 12).replace(/ /g, "\u00a0"));

  await page.reload();
  await waitForPlayground(page);
  await loadFromMenu(page, "thread-subclass");
  await expect(page.getByTestId("python-toggle")).toHaveAttribute("aria-pressed", "true");
  const zh2 = pythonCodeZh(PYTHON_VERSIONS["thread-subclass"]).split("\n")[0];
  await expect(panel.locator(".view-lines")).toContainText(zh2.slice(0, 12).replace(/ /g, "\u00a0"));
});

test("the starter has no Python panel to offer, and edited code stops linking lines", async ({ playground }) => {
  // Scenario: the page opens on the starter (no gallery example): no toggle.
  // After loading an example and typing into it, the panel says the lines
  // are no longer linked.
  await expect(playground.getByTestId("python-toggle")).toHaveCount(0);
  await loadFromMenu(playground, "thread-target");
  await playground.getByTestId("python-toggle").click();
  await playground.evaluate(() => {
    const api = (window as unknown as { playground: { getCode(): string; setCode(c: string): void } }).playground;
    api.setCode(api.getCode() + "\n// my edit\n");
  });
  await expect(playground.getByTestId("python-panel")).toContainText(/lines no longer linked|行不再对应/);
});
