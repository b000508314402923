// Shared fixtures for the browser tests. Tests wait on the app's own signals
// (window.playground and its `ready` promise, a run's returned RunResult),
// never on sleeps. Write tests against shared/API.md §9:
//
//   import { test, expect, runSnippet } from "./fixtures";
//   test("prints", async ({ playground }) => {
//     const result = await runSnippet(playground, 'import { print } from "playground"; print(1)');
//     expect(result.output.map((l) => l.text)).toEqual(["1"]);
//   });
import { test as base, expect, type Page } from "@playwright/test";
import type { RunResult, RunSettings } from "../src/runtime/types";

export { expect };
export type { RunResult, RunSettings };

/** window.playground as shared/API.md §9 describes it (plus `ready`). */
export interface PlaygroundApi {
  /** resolves when the page can take requests (editor, compiler and runtime loaded) */
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
