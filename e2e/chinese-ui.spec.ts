// The Chinese interface, scanned for English a learner would have to read
// (issue 16): every visible word and every tooltip and label, in the states
// a learner meets (a finished run, a deadlock, a race report, a controlled
// search, the dialogs, the phone's tabs). What may stay Latin: code (the
// editor, the Python panel, `code`), what the snippet printed, names from
// the snippet and from Python's API (MainThread, Lock, Queue), and a short
// list of proper names (Python, GIL, Perfetto, Ctrl). The timeline's canvas
// words are checked in src/timeline/words.test.ts.
import type { Page } from "@playwright/test";
import { test, expect, waitForPlayground } from "./fixtures";

/** Words that stay as they are in Chinese text: proper names, units, keys, and Python's and the API's names. */
const ALLOWED = new Set([
  "Python", "TypeScript", "JavaScript", "GIL", "CPU", "CPython", "JSON", "Perfetto", "Chrome", "PNG", "URL", "HTML", "iframe",
  "Web", "Workers", "Worker", "SharedArrayBuffer", "Atomics", "Ctrl", "Enter", "Shift", "Esc", "Alt", "Tab", "ms", "µs", "id",
  "MainThread", "Thread", "Lock", "RLock", "RWLock", "Condition", "Semaphore", "BoundedSemaphore", "Event", "Barrier", "Queue",
  "LifoQueue", "PriorityQueue", "SimpleQueue", "JoinableQueue", "Pipe", "Process", "Pool", "Value", "Timer", "ThreadPoolExecutor",
  "ProcessPoolExecutor", "asyncio", "join", "start", "run", "print", "sleep", "put", "get", "acquire", "release", "wait", "notify",
  "set", "map", "apply", "applyAsync", "submit", "await", "async", "threading", "multiprocessing", "queue", "DATA", "RACE",
  "MemoryError", "RuntimeError", "SyntaxError", "settings", "maxThreads", "switchInterval", "seed", "schedule", "explore", "assert",
  "AssertionError", "playground", "PoolWorker", "Dummy", "lang", "zh", "en", "embed", "origin", "readonly", "autorun", "panel",
  "postMessage", "getTrace", "getCode", "setCode", "Edge", "Firefox", "Safari", "Document-Isolation-Policy", "gather", "atexit", "ThreadLocal", "Full", "Empty", "startNewThread", "Java", "Go", "API", "Trace", "terminate", "mark", "deadlock", "lockA", "jobs",
  // keywords and parameters a lesson is about ("Condition: if or while?", map's chunksize)
  "if", "while", "chunksize",
]);

/** Every word of Latin letters a learner can see or hear (text, title, aria-label, placeholder) outside code and program output. */
async function englishOnScreen(page: Page): Promise<string[]> {
  const { texts, code } = await page.evaluate(() => {
    const SKIP = [
      ".monaco-editor", "code", "pre", "kbd", "textarea", "script", "style", "svg", "[data-testid=python-panel]", ".plain-editor",
      ".out-thread", ".out-time", ".out-row:not(.notice):not(.stderr):not(.summary) .out-text",
      // Python's traceback, as CPython prints it (in English there too); the runner's hidden frame
      ".out-row.traceback", "[aria-hidden=true]",
    ].join(",");
    const texts: string[] = [];
    const visible = (el: Element) => (el as HTMLElement).checkVisibility?.({ checkOpacity: true, checkVisibilityCSS: true }) ?? true;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.ELEMENT_NODE) {
        const el = node as Element;
        if (el.closest(SKIP) || !visible(el)) continue;
        for (const name of ["title", "aria-label", "placeholder", "alt"]) {
          const value = el.getAttribute(name);
          if (value) texts.push(value);
        }
      } else {
        const parent = node.parentElement;
        if (!parent || parent.closest(SKIP) || !visible(parent)) continue;
        const value = node.textContent?.trim();
        if (value) texts.push(value);
      }
    }
    return { texts, code: (window as unknown as { playground: { getCode(): string } }).playground.getCode() };
  });
  // Names the snippet chose (lockA, counter, Thread-AB) are its own words.
  const fromCode = new Set(code.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []);
  const left = new Set<string>();
  for (const text of texts) {
    // code as the text quotes it: calls (mark(label)), addresses (ui.perfetto.dev, chrome://tracing), files, flags (-race)
    const prose = text.replace(/\w+:\/\/\S+/g, "").replace(/[\w.]+\([^)]*\)/g, "").replace(/\w+(?:\.\w+)+/g, "").replace(/(?<!\w)[-_]\w+/g, "");
    for (const word of prose.match(/[A-Za-z][A-Za-z-]*[A-Za-z]|[A-Za-z]/g) ?? []) {
      const bare = word.replace(/-$/, "");
      if (bare.length < 2 || ALLOWED.has(bare) || fromCode.has(bare) || /^Thread-\w+$/.test(word) || /^(?:Lock|Queue|Event|Thread)$/.test(bare)) continue;
      left.add(`${word}  ←  ${text.slice(0, 80)}`);
    }
  }
  return [...left];
}

async function openZh(page: Page, width = 1440, height = 900): Promise<void> {
  await page.setViewportSize({ width, height });
  await page.goto("/?lang=zh");
  await waitForPlayground(page);
}

async function loadExample(page: Page, id: string): Promise<void> {
  await page.getByTestId("examples-button").click();
  await page.locator(`[data-example-id="${id}"]`).click();
}

async function runInPage(page: Page, settings: Record<string, unknown> = {}): Promise<string> {
  return page.evaluate(async (settings) => (await window.playground!.run({ settings, timeoutMs: 30_000 })).status, settings);
}

test.describe("the Chinese interface has no English but names", () => {
  test("a finished run, its stats, and the dialogs", async ({ page }) => {
    await openZh(page);
    expect(await englishOnScreen(page), "the first screen").toEqual([]);
    // What a screen reader says of the editor (Monaco names its text area once, at its mount).
    await expect(page.locator(".monaco-editor [role=textbox], .monaco-editor .native-edit-context, .monaco-editor textarea.inputarea").first()).toHaveAttribute("aria-label", "代码编辑器", { timeout: 30_000 });
    expect(await runInPage(page)).toBe("ok");
    expect(await englishOnScreen(page), "after the starter ran").toEqual([]);
    await page.getByRole("button", { name: "统计", exact: true }).click();
    expect(await englishOnScreen(page), "the stats").toEqual([]);
    await page.getByTestId("examples-button").click();
    expect(await englishOnScreen(page), "the examples menu").toEqual([]);
    await page.keyboard.press("Escape");
    for (const name of [/分享/, /嵌入/]) {
      await page.getByRole("button", { name }).first().click();
      await expect(page.getByRole("dialog")).toBeVisible();
      expect(await englishOnScreen(page), `the ${name} dialog`).toEqual([]);
      await page.keyboard.press("Escape");
      await expect(page.getByRole("dialog")).toHaveCount(0);
    }
    await page.locator("body").press("?");
    await expect(page.getByRole("dialog")).toBeVisible();
    expect(await englishOnScreen(page), "the shortcuts").toEqual([]);
  });

  test("a deadlock and a race report", async ({ page }) => {
    await openZh(page);
    await loadExample(page, "deadlock-lock-order");
    expect(await runInPage(page)).toBe("deadlock");
    expect(await englishOnScreen(page), "the deadlock").toEqual([]);
    await loadExample(page, "race-without-lock");
    expect(await runInPage(page, { raceDetector: true })).toBe("ok");
    await expect(page.locator(".output-pane .out-row.stderr").filter({ hasText: "数据竞争" }).first()).toBeVisible();
    expect(await englishOnScreen(page), "the race report").toEqual([]);
  });

  test("a controlled run's search and its explanation", async ({ page }) => {
    await openZh(page);
    await loadExample(page, "lost-update-steps");
    await page.getByTestId("find-failure").click();
    await expect(page.getByTestId("explore-result")).toHaveAttribute("data-phase", "found", { timeout: 60_000 });
    expect(await englishOnScreen(page), "the search's result").toEqual([]);
    await page.getByTestId("step-start").click();
    await expect(page.getByTestId("step-panel")).toBeVisible({ timeout: 30_000 });
    expect(await englishOnScreen(page), "step mode").toEqual([]);
  });

  test("the phone's tabs", async ({ page }) => {
    await openZh(page, 390, 844);
    expect(await runInPage(page)).toBe("ok");
    for (const tab of await page.getByRole("tab").all()) {
      await tab.click();
      expect(await englishOnScreen(page), `the ${await tab.textContent()} tab`).toEqual([]);
    }
  });

  test("the editor's warnings and errors, and Monaco's own words, follow the language", async ({ page }) => {
    await openZh(page);
    await page.evaluate(() => window.playground!.editorReady);
    // A process's write to a top-level number (a warning), and an import the playground refuses (an error, and a refused run).
    const code = `import { Process } from "playground";\nlet n = 0;\nfunction w() { n += 1; }\nnew Process({ target: w }).start();\nimport fs from "fs";\n`;
    expect(await page.evaluate((code) => window.playground!.run({ code }).then((r) => r.status), code)).toBe("error");
    const warningHover = async () => {
      const squiggle = page.locator(".editor-pane .monaco-editor .squiggly-warning").first();
      await expect(squiggle).toBeVisible({ timeout: 30_000 });
      await page.mouse.move(0, 0);
      await squiggle.hover({ force: true });
      const hover = page.locator(".monaco-hover:not(.hidden)").filter({ hasText: /Value/ }).first();
      await expect(hover).toBeVisible();
      return hover.innerText();
    };
    const warning = await warningHover();
    expect(warning).toContain("'n' 在 start() 时复制进每个进程");
    expect(warning).toContain("查看问题");
    await expect(page.locator(".output-pane .out-row.stderr").first()).toContainText(`SyntaxError: 只能导入 "playground"（第 5 行第 1 列）`);
    expect(await englishOnScreen(page), "a refused run").toEqual([]);
    // Switched to English, the same markers speak English, Monaco's hover too.
    await page.locator("select").filter({ hasText: "中文" }).selectOption("en");
    const english = await warningHover();
    expect(english).toContain("'n' is copied into each process at start()");
    expect(english).toContain("View Problem");
  });
});
