// Accessibility (axe-core, WCAG 2 A/AA rules): the page after a run, in both
// themes and both languages, and with the shortcuts dialog open, has no
// serious or critical violations. Monaco's own DOM is left out: it is a
// third-party widget with its own accessibility mode (and its hidden
// textarea trips rules that do not apply to a code editor).
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect, runSnippet, describeRun } from "./fixtures";

const SNIPPET = `
import { Thread, Lock, print } from "playground";
const lock = new Lock();
function work(n: number) { lock.with(() => print("thread", n)); }
const ts = [1, 2].map((n) => new Thread({ target: work, args: [n] }));
ts.forEach((t) => t.start()); ts.forEach((t) => t.join());
`;

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .exclude(".monaco-editor")
    .exclude(".monaco-aria-container")
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("\n    ")}`);
}

for (const theme of ["light", "dark"] as const) {
  test(`no serious accessibility violations after a run, ${theme} theme`, async ({ playground }) => {
    await playground.emulateMedia({ colorScheme: theme });
    const result = await runSnippet(playground, SNIPPET);
    expect(result.status, describeRun(result)).toBe("ok");
    expect(await playground.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
    expect(await seriousViolations(playground)).toEqual([]);
  });
}

test("no serious accessibility violations in Chinese, with the shortcuts dialog open", async ({ playground }) => {
  await playground.getByTestId("language-switch").selectOption("zh");
  await playground.getByTestId("shortcuts-button").click();
  await expect(playground.getByTestId("shortcuts-dialog")).toBeVisible();
  expect(await playground.evaluate(() => document.documentElement.lang)).toBe("zh-CN");
  expect(await seriousViolations(playground)).toEqual([]);
});
