// The editor side of the page: Monaco with the starter snippet, typing and
// Ctrl+Enter, the output panel's rows (src/ui/output/OutputPanel.tsx:
// `.out-row` with `.out-time`, `.out-thread`, `.out-text`), completion from
// the "playground" module's types, and syntax errors as red markers.
import { test, expect, describeRun, outputRows } from "./fixtures";
import type { Locator, Page } from "@playwright/test";
import { starterSnippet } from "../src/examples/starter";

/** Monaco has replaced the plain text area (src/ui/playground-app.ts: data-editor). */
async function waitForMonaco(page: Page): Promise<Locator> {
  await expect(page.locator("body"), "Monaco should load (body[data-editor=monaco])").toHaveAttribute("data-editor", "monaco", {
    timeout: 30_000,
  });
  const editor = page.locator(".editor-pane .monaco-editor");
  await expect(editor).toBeVisible();
  return editor;
}

/** The editor's rendered lines, top to bottom, with Monaco's non-breaking spaces as spaces. */
function renderedLines(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll(".editor-pane .monaco-editor .view-lines .view-line")]
      .map((el) => ({ top: el.getBoundingClientRect().top, text: (el.textContent ?? "").replace(/\u00a0/g, " ") }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text),
  );
}

/** The 1-based line numbers on which Monaco draws an error squiggle. */
function errorSquiggleLines(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const numbers = [...document.querySelectorAll(".editor-pane .monaco-editor .margin-view-overlays .line-numbers")].map(
      (el) => ({ n: Number(el.textContent), box: el.getBoundingClientRect() }),
    );
    return [...document.querySelectorAll(".editor-pane .monaco-editor .squiggly-error")].map((el) => {
      const box = el.getBoundingClientRect();
      const middle = box.top + box.height / 2;
      return numbers.find((l) => middle >= l.box.top && middle < l.box.bottom)?.n ?? -1;
    });
  });
}

/** Clicks into the editor and selects everything, so that typing replaces the snippet. */
async function selectAllInEditor(page: Page): Promise<void> {
  await page.locator(".editor-pane .monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
}

function getCode(page: Page): Promise<string> {
  return page.evaluate(() => window.playground!.getCode());
}

function setCode(page: Page, code: string): Promise<void> {
  return page.evaluate((code) => window.playground!.setCode(code), code);
}

/** Opens the suggest widget at the cursor (Ctrl+Space) and waits until it lists `label`. */
async function expectSuggestion(page: Page, label: string): Promise<void> {
  const row = page.locator(".suggest-widget .monaco-list-row .label-name").filter({ hasText: new RegExp(`^${label}$`) });
  // The TypeScript worker may still be loading the first time: ask again until it answers.
  await expect(async () => {
    await page.keyboard.press("Escape");
    await page.keyboard.press("Control+Space");
    await expect(row.first()).toBeVisible({ timeout: 5_000 });
  }, `the suggest widget should list ${label}`).toPass({ timeout: 40_000 });
}

// The page opens with Monaco (not the plain fallback) showing the starter
// snippet, and getCode() returns exactly that snippet.
test("shows Monaco with the starter snippet", async ({ playground, pageErrors }) => {
  await waitForMonaco(playground);
  expect(await getCode(playground)).toBe(starterSnippet);
  const expectedTop = starterSnippet.split("\n").slice(0, 3);
  await expect.poll(async () => (await renderedLines(playground)).slice(0, 3)).toEqual(expectedTop);
  await expect(playground.getByTestId("run")).toBeEnabled();
  expect(pageErrors.messages).toEqual([]);
});

// A learner clicks into the editor, selects all, types a two-line snippet
// with the keyboard and presses Ctrl+Enter: the run ends "ok" and the output
// panel shows each printed line with its time, thread name and text. The
// shortcut does not insert a line into the editor.
test("typing a snippet and pressing Ctrl+Enter runs it and shows its output", async ({ playground, pageErrors }) => {
  await waitForMonaco(playground);
  await selectAllInEditor(playground);
  const lines = ['import { print } from "playground";', 'print("typed", 6 * 7);', 'print("second line");'];
  for (const [i, line] of lines.entries()) {
    if (i > 0) {
      await playground.keyboard.press("Escape"); // close a suggestion, so Enter makes a new line
      await playground.keyboard.press("Enter");
    }
    await playground.keyboard.type(line);
  }
  await playground.keyboard.press("Escape");
  const typed = lines.join("\n");
  expect(await getCode(playground), "the editor should hold exactly what was typed").toBe(typed);

  await playground.keyboard.press("Control+Enter");
  await expect(playground.locator("body")).toHaveAttribute("data-run-state", "ok", { timeout: 30_000 });

  const rows = outputRows(playground).filter({ has: playground.locator(".out-thread") });
  await expect(rows).toHaveCount(2);
  await expect(rows.locator(".out-thread")).toHaveText(["MainThread", "MainThread"]);
  await expect(rows.locator(".out-text")).toHaveText(["typed 42", "second line"]);
  for (const time of await rows.locator(".out-time").allTextContents()) expect(time.trim()).not.toBe("");
  expect(await getCode(playground), "Ctrl+Enter must not edit the snippet").toBe(typed);
  expect(pageErrors.messages).toEqual([]);
});

// Lines printed by different threads are tagged with their thread's name
// in the output panel: a named thread's line and MainThread's lines. (The
// panel's order across threads is not compared: see threads.spec.ts for
// the RunResult's time order.)
test("output rows carry the name of the thread that printed them", async ({ playground }) => {
  await waitForMonaco(playground);
  await setCode(
    playground,
    `import { Thread, print } from "playground";
print("main says hi");
function speak() { print("thread says hi"); }
const t = new Thread({ target: speak, name: "printer" });
t.start();
t.join();
print("main says bye");
`,
  );
  await playground.locator(".editor-pane .monaco-editor .view-lines").click();
  await playground.keyboard.press("Control+Enter");
  await expect(playground.locator("body")).toHaveAttribute("data-run-state", /^(ok|error|deadlock|stopped|timeout)$/, {
    timeout: 30_000,
  });
  const pairs = await playground.evaluate(() =>
    [...document.querySelectorAll(".output-pane .out-row")]
      .filter((row) => row.querySelector(".out-thread")?.textContent)
      .map((row) => [row.querySelector(".out-thread")!.textContent, row.querySelector(".out-text")?.textContent ?? ""]),
  );
  expect(pairs.map((p) => p.join(": ")).sort()).toEqual(
    ["MainThread: main says bye", "MainThread: main says hi", "printer: thread says hi"],
  );
  await expect(playground.locator("body")).toHaveAttribute("data-run-state", "ok");
});

// With Thread imported from "playground", typing `Thr` on the next line and
// pressing Ctrl+Space lists `Thread` in the suggest widget.
test("completion: typing Thr after an import from playground suggests Thread", async ({ playground }) => {
  await waitForMonaco(playground);
  await setCode(playground, 'import { Thread, print } from "playground";\n\n');
  await playground.locator(".editor-pane .monaco-editor .view-lines").click();
  await playground.keyboard.press("ControlOrMeta+End");
  await playground.keyboard.type("Thr");
  await expectSuggestion(playground, "Thread");
  expect(await getCode(playground)).toBe('import { Thread, print } from "playground";\n\nThr');
});

// Monaco knows the module's exports: inside `import { Thr } from
// "playground"`, Ctrl+Space lists `Thread` (which only the module's type
// declarations can supply).
test("completion: the playground module's exports are suggested inside its import braces", async ({ playground }) => {
  await waitForMonaco(playground);
  await setCode(playground, 'import {  } from "playground";\n');
  await playground.locator(".editor-pane .monaco-editor .view-lines").click();
  await playground.keyboard.press("ControlOrMeta+Home");
  for (let i = 0; i < "import { ".length; i++) await playground.keyboard.press("ArrowRight");
  await playground.keyboard.type("Thr");
  expect(await getCode(playground)).toBe('import { Thr } from "playground";\n');
  await expectSuggestion(playground, "Thread");
});

// `let x = ;` on line 3 gets a red squiggle on line 3 (and the editor's
// header counts the error); Ctrl+Enter ends the run as "error", and a run
// through window.playground reports status "error" with errors[0].line 3.
test("a syntax error gets a red marker on its line, the output says what and where, and the run reports it with that line", async ({ playground }) => {
  await waitForMonaco(playground);
  const code = 'import { print } from "playground";\nprint("start");\nlet x = ;\nprint(x);\n';
  await setCode(playground, code);
  await expect.poll(() => errorSquiggleLines(playground), { message: "a red squiggle on line 3", timeout: 30_000 }).toContain(3);
  await expect(playground.locator(".editor-pane .pane-header-note")).toContainText("error");

  await playground.locator(".editor-pane .monaco-editor .view-lines").click();
  await playground.keyboard.press("Control+Enter");
  await expect(playground.locator("body")).toHaveAttribute("data-run-state", "error", { timeout: 30_000 });
  // The learner reads why in the output panel, not only in the editor's marker (the run never started, so nothing streamed it).
  await expect(playground.locator(".output-pane .out-row").filter({ hasText: "SyntaxError" })).toContainText("line 3");

  const result = await playground.evaluate(() => window.playground!.run());
  expect(result.status, describeRun(result)).toBe("error");
  expect(result.errors.length, describeRun(result)).toBeGreaterThan(0);
  expect(result.errors[0].line, describeRun(result)).toBe(3);
  expect(result.output.map((l) => l.text), "nothing of the snippet ran").not.toContain("start");
  expect(await errorSquiggleLines(playground)).toContain(3);
});

test("Monaco's TypeScript service waits for the page's first run, so a cold page's first result has the cores; it starts when that run ends", async ({ page }) => {
  await page.goto("/");
  // A first run right at ready, that lasts a second: the service may start at its end (or 1.5 s after ready), never before.
  const { readyAt, endedAt } = await page.evaluate(async () => {
    const api = (window as unknown as { playground: { ready: Promise<void>; run(r: { code: string }): Promise<unknown> } }).playground;
    await api.ready;
    const readyAt = performance.now();
    await api.run({ code: 'import { print, sleep } from "playground"; sleep(1000); print(1)' });
    return { readyAt, endedAt: performance.now() };
  });
  const tsWorkerFetchedAt = () => page.evaluate(() => performance.getEntriesByType("resource").find((e) => /ts\.worker/.test(e.name))?.startTime ?? 0);
  await expect.poll(tsWorkerFetchedAt, { message: "Monaco's TypeScript worker starts after the first run", timeout: 15_000 }).toBeGreaterThan(0);
  const at = await tsWorkerFetchedAt();
  expect(at, `ready at ${readyAt.toFixed(0)} ms, the run ended at ${endedAt.toFixed(0)} ms`).toBeGreaterThan(readyAt + 900);
});

test("Monaco waits for a run begun at ready to end, and a learner typing in the plain editor meanwhile goes on typing at the same place", async ({ page }) => {
  await page.goto("/");
  // A run asked for at ready (as an embed's autorun is) keeps Monaco from loading beside it until it ends.
  await page.evaluate(async () => {
    await window.playground!.ready;
    void window.playground!.run({ code: 'import { sleep } from "playground";\nsleep(60_000);\n' });
  });
  await expect(page.locator("body")).toHaveAttribute("data-run-state", "running");
  const plain = page.locator(".editor-pane textarea.plain-editor");
  await expect(plain).toBeVisible();
  await plain.evaluate((el: HTMLTextAreaElement) => {
    el.focus();
    const at = el.value.indexOf("(60_000)");
    el.setSelectionRange(at, at);
  });
  await page.keyboard.type("/*a*/");
  expect(await page.locator("body").getAttribute("data-editor"), "Monaco loaded while the first run went on").toBe("placeholder");

  await page.evaluate(() => window.playground!.stop());
  await expect(page.locator("body")).toHaveAttribute("data-editor", "monaco", { timeout: 30_000 });
  expect(await page.evaluate(() => document.activeElement?.closest(".monaco-editor") !== null), "the focus went to Monaco").toBe(true);
  await page.keyboard.type("b");
  expect(await page.evaluate(() => window.playground!.getCode())).toBe('import { sleep } from "playground";\nsleep/*a*/b(60_000);\n');
});
