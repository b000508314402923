// Shared fixtures for the browser tests. Tests wait on the app's own signals
// (window.playground and its `ready` promise, a run's returned RunResult),
// never on sleeps. Write tests against shared/API.md §9:
//
//   import { test, expect, runSnippet } from "./fixtures";
//   test("prints", async ({ playground }) => {
//     const result = await runSnippet(playground, 'import { print } from "playground"; print(1)');
//     expect(result.output.map((l) => l.text)).toEqual(["1"]);
//   });
import { test as base, expect, type FrameLocator, type Page } from "@playwright/test";
import type { RunResult, RunSettings } from "../src/runtime/types";

export { expect };
export type { RunResult, RunSettings };

/** window.playground as shared/API.md §9 describes it (plus `ready`). */
export interface PlaygroundApi {
  /** resolves when the page can take requests (compiler and runtime loaded; Monaco may come after: editorReady) */
  ready?: PromiseLike<unknown>;
  run(request: { code?: string; settings?: RunSettings; timeoutMs?: number }): Promise<RunResult>;
  stop(): void;
  getCode(): string;
  setCode(code: string): void;
  getTrace(): unknown;
  shareUrl(): string;
}

/** How long the page may take to load and become ready. */
export const READY_TIMEOUT_MS = 30_000;

/** Waits until window.playground exists and its `ready` promise has resolved. */
export async function waitForPlayground(page: Page, timeoutMs = READY_TIMEOUT_MS): Promise<void> {
  try {
    await page.waitForFunction(() => "playground" in window, null, { timeout: timeoutMs });
  } catch (error) {
    throw new Error(
      `window.playground did not appear within ${timeoutMs} ms at ${page.url()}: ` +
        "is the app built (npm run build) and does it install the automation API (shared/API.md §9)?",
      { cause: error },
    );
  }
  await page.evaluate(async (ms) => {
    const api = (window as unknown as { playground: PlaygroundApi }).playground;
    if (!api.ready) return;
    let timer = 0;
    const timedOut = new Promise<never>((_, reject) => {
      timer = window.setTimeout(() => reject(new Error(`window.playground.ready did not resolve within ${ms} ms`)), ms);
    });
    try {
      await Promise.race([api.ready, timedOut]);
    } finally {
      window.clearTimeout(timer);
    }
  }, timeoutMs);
}

/** Runs a snippet exactly as the Run button does, and returns its RunResult. */
export async function runSnippet(
  page: Page,
  code: string,
  settings?: RunSettings,
  timeoutMs?: number,
): Promise<RunResult> {
  return page.evaluate(
    ({ code, settings, timeoutMs }) =>
      (window as unknown as { playground: PlaygroundApi }).playground.run({ code, settings, timeoutMs }),
    { code, settings, timeoutMs },
  );
}

/** Console errors and uncaught page errors, collected from before the page loads. */
export interface PageErrors {
  readonly messages: string[];
}

export const test = base.extend<{ pageErrors: PageErrors; playground: Page }>({
  pageErrors: async ({ page }, use) => {
    const messages: string[] = [];
    page.on("console", (msg) => {
      if (msg.type() === "error") {
        const where = msg.location().url ? ` (${msg.location().url}:${msg.location().lineNumber})` : "";
        messages.push(`console.error: ${msg.text()}${where}`);
      }
    });
    page.on("pageerror", (error) => messages.push(`uncaught: ${error.stack ?? error.message}`));
    await use({ messages });
  },
  /** The page at `/`, loaded and ready for window.playground requests. */
  playground: async ({ page, pageErrors }, use) => {
    void pageErrors; // listening from before navigation
    await page.goto("/");
    await waitForPlayground(page);
    await use(page);
  },
});

/**
 * For specs that only run snippets through window.playground and read the
 * RunResult (or the debug API about the last run): one page per Playwright
 * worker, loaded once, instead of a page load per test. Every run starts
 * from the same state whatever ran before (a run's workers and memory are
 * its own), and the runtime tests depend on exactly that. A page that
 * crashed or stopped answering is replaced before the next test.
 */
interface SharedPage {
  page: Page;
  /** console errors and uncaught errors of the current test */
  errors: string[];
  /** replaces `page` with a freshly loaded one */
  reopen(): Promise<void>;
}

export const apiTest = base.extend<{ playground: Page; pageErrors: PageErrors }, { sharedPage: SharedPage }>({
  sharedPage: [
    async ({ browser }, use, workerInfo) => {
      const context = await browser.newContext({ baseURL: workerInfo.project.use.baseURL });
      const shared: SharedPage = {
        page: undefined as unknown as Page,
        errors: [],
        async reopen() {
          const page = await context.newPage();
          page.on("console", (msg) => {
            if (msg.type() === "error") shared.errors.push(`console.error: ${msg.text()}`);
          });
          page.on("pageerror", (error) => shared.errors.push(`uncaught: ${error.stack ?? error.message}`));
          await page.goto("/");
          await waitForPlayground(page);
          shared.page = page;
        },
      };
      await shared.reopen();
      await use(shared);
      await context.close();
    },
    { scope: "worker" },
  ],
  pageErrors: async ({ sharedPage }, use) => {
    sharedPage.errors.length = 0;
    await use({ messages: sharedPage.errors });
  },
  playground: async ({ sharedPage }, use) => {
    if (!(await answers(sharedPage.page))) {
      await sharedPage.page.close().catch(() => {});
      await sharedPage.reopen();
    }
    // Settings a run was given stay in the toolbar (API.md §9): each test starts from the defaults.
    await sharedPage.page.evaluate(() => (window as unknown as { playground: { debug: { resetSettings(): void } } }).playground.debug.resetSettings());
    await use(sharedPage.page);
    // A test that failed half-way may leave its run going: it must not meet the next test.
    await sharedPage.page.evaluate(() => (window as unknown as { playground: PlaygroundApi }).playground.stop()).catch(() => {});
  },
});

/** Whether the page is open and answers within a few seconds (a crashed page never does). */
async function answers(page: Page): Promise<boolean> {
  if (page.isClosed()) return false;
  const late = new Promise<false>((resolve) => setTimeout(() => resolve(false), 5_000));
  return Promise.race([page.evaluate(() => "playground" in window).catch(() => false), late]);
}

// ---------------------------------------------------------------------------
// Helpers added for the editor, threads, stop, automation and isolation specs.

/** A short account of a run for assertion messages: status, errors, first output lines. */
export function describeRun(result: RunResult): string {
  const lines = result.output.slice(0, 12).map((l) => `  [${l.thread}] ${l.text.split("\n")[0]}`);
  const more = result.output.length > 12 ? `\n  ... ${result.output.length - 12} more lines` : "";
  const errors = result.errors.map((e) => `  ${e.thread}: ${e.message}${e.line !== undefined ? ` (line ${e.line})` : ""}`);
  return (
    `run status ${result.status} (exitCode ${result.exitCode}, ${Math.round(result.durationMs)} ms)\n` +
    `errors:\n${errors.join("\n") || "  (none)"}\noutput:\n${lines.join("\n") || "  (none)"}${more}`
  );
}

/** The texts of a run's output lines, optionally only one thread's. */
export function outputTexts(result: RunResult, thread?: string): string[] {
  return result.output.filter((l) => thread === undefined || l.thread === thread).map((l) => l.text);
}

type E2eWindow = { playground: PlaygroundApi; __e2eRun?: Promise<RunResult> };

/**
 * Starts a run through window.playground.run without waiting for it; the
 * result is kept in the page for finishRun(). For tests that act while the
 * run is going (Stop, responsiveness).
 */
export async function startRun(
  page: Page,
  request: { code?: string; settings?: RunSettings; timeoutMs?: number },
): Promise<void> {
  await page.evaluate((request) => {
    const w = window as unknown as E2eWindow;
    w.__e2eRun = w.playground.run(request);
  }, request);
}

/** Waits for the run started by startRun() and returns its RunResult. */
export async function finishRun(page: Page): Promise<RunResult> {
  return page.evaluate(() => {
    const run = (window as unknown as E2eWindow).__e2eRun;
    if (!run) throw new Error("finishRun: no run was started by startRun()");
    return run;
  });
}

/** The rows of the output panel (src/ui/output/OutputPanel.tsx). */
export function outputRows(page: Page) {
  return page.locator(".output-pane .out-row");
}

/** Waits until a row of the output panel has this text (a line's `.out-text`). */
export async function waitForOutputText(page: Page, text: string | RegExp, timeoutMs = 20_000): Promise<void> {
  await expect(
    page.locator(".output-pane .out-text").filter({ hasText: text }).first(),
    `the output panel should show a line with ${String(text)}`,
  ).toBeVisible({ timeout: timeoutMs });
}

/** The page's run state signal: <body data-run-state="loading|idle|running|ok|error|...">. */
export function runState(page: Page): Promise<string | undefined> {
  return page.evaluate(() => document.body.dataset.runState);
}

/**
 * The runner's workers of one kind ("thread": the run's threads and the warm
 * pool; "clock", "drainer": one of each per run, and their warm pools): `app` counts those the
 * runner has made and not terminated (window.playground.debug.runner()),
 * `browser` those the browser still runs (Playwright's page.workers(),
 * which lists the runner frame's workers too, matched by their blob URL;
 * Chromium reports a terminated worker gone about a second later).
 */
export async function liveWorkers(page: Page, kind: "thread" | "clock" | "drainer" = "thread"): Promise<{ app: number; browser: number; poolSize: number }> {
  const runner = await page.evaluate(() =>
    (window as unknown as { playground: { debug: { runner(): Promise<{ workers: Record<string, { url: string; live: number; poolSize: number }> } | null> } } }).playground.debug.runner());
  if (!runner) throw new Error("liveWorkers: the page has no runner");
  const { url, live, poolSize } = runner.workers[kind];
  return { app: live, browser: page.workers().filter((w) => w.url() === url).length, poolSize };
}

/** Long enough for any API test, short enough that a lost wake-up shows as status "timeout", not a stuck test. */
export const LONG_RUN_MS = 45_000;

/** runSnippet with LONG_RUN_MS. */
export function runLong(page: Page, code: string): Promise<RunResult> {
  return runSnippet(page, code, undefined, LONG_RUN_MS);
}

/** The run ended normally and no thread raised. */
export function expectOk(result: RunResult): void {
  expect(result.status, describeRun(result)).toBe("ok");
  expect(result.errors, describeRun(result)).toEqual([]);
}

/** Every legend item lies inside the legend and the frame: none is cut off. */
export async function expectLegendWhole(frame: FrameLocator | Page, width: number, why: string): Promise<void> {
  const items = frame.locator(".tl-legend li");
  await expect(items.first(), why).toBeVisible();
  const boxes = await items.evaluateAll((lis) => lis.map((li) => {
    const box = li.getBoundingClientRect();
    const legend = li.parentElement!.getBoundingClientRect();
    return { text: li.textContent, left: box.left, right: box.right, width: box.width, legendRight: legend.right, visible: box.width > 0 && box.height > 0 };
  }));
  expect(boxes.length, why).toBeGreaterThanOrEqual(9);
  for (const box of boxes) {
    expect(box.visible, `${why}: ${box.text}`).toBe(true);
    expect(box.right, `${why}: "${box.text}" is cut off`).toBeLessThanOrEqual(Math.min(box.legendRight, width) + 0.5);
  }
}
