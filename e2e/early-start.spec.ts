// The built page starts the compiler's worker and the runner's frame from
// its HTML, before the app's script has loaded (scripts/vite-early-start.ts),
// and the app takes those two over instead of making its own. The frame's
// boot document runs only the script its parent, the playground page, posts
// it: an embedding page, which can reach that frame's window, cannot.
import type { Page } from "@playwright/test";
import { test, expect, runSnippet, waitForPlayground } from "./fixtures";
import { startCoursePageServer, type RunningServer } from "./servers";

const HELLO = 'import { print } from "playground";\nprint("hello");\n';

test("the page runs in the compiler's worker and the runner's frame its HTML started", async ({ playground }) => {
  const result = await runSnippet(playground, HELLO);
  expect(result.status).toBe("ok");
  const frames = await playground.evaluate(() =>
    [...document.querySelectorAll("iframe.runner-frame")].map((f) => ({ early: f.hasAttribute("data-boot-loaded"), srcdoc: (f as HTMLIFrameElement).srcdoc.length })),
  );
  // One frame, the early one (a frame the app made itself holds the whole runner in its srcdoc, not the boot document).
  expect(frames).toHaveLength(1);
  expect(frames[0].early).toBe(true);
  expect(frames[0].srcdoc).toBeLessThan(2000);
  expect(await playground.evaluate(() => ({ compiler: "__playgroundEarlyCompiler" in window, runner: "__playgroundEarlyRunner" in window })))
    .toEqual({ compiler: false, runner: false });
  expect(playground.workers().filter((w) => w.url().includes("compile-worker")), "one compiler worker").toHaveLength(1);
});

let course: RunningServer;
test.describe("an embedding page", () => {
  test.beforeAll(async () => { course = await startCoursePageServer(); });
  test.afterAll(async () => { await course?.close(); });

  test("cannot run its own script in the runner's boot frame", async ({ page, baseURL }) => {
    // From its first moment, the course page posts a boot message to the playground's runner frame,
    // as soon as it can reach it, over and over: the script would tell the course page it ran.
    await page.addInitScript((courseOrigin) => {
      if (location.origin !== courseOrigin) return;
      (window as unknown as { pwned: number }).pwned = 0;
      addEventListener("message", (e) => { if ((e.data as { type?: string } | null)?.type === "pwned") (window as unknown as { pwned: number }).pwned++; });
      const source = 'top.postMessage({ type: "pwned" }, "*")';
      setInterval(() => {
        try {
          const runner = window.frames[0]?.frames[0];
          runner?.postMessage({ type: "runner:boot", source }, "*");
        } catch { /* not there yet */ }
      }, 1);
    }, course.origin);
    await page.goto(`${course.origin}/course.html?frame=${encodeURIComponent(new URL("/", baseURL).href)}`);
    const frame = (await (await page.locator("#frame-0").elementHandle())!.contentFrame())! as unknown as Page;
    await waitForPlayground(frame);
    const result = await runSnippet(frame, HELLO);
    expect(result.status, JSON.stringify(result.errors)).toBe("ok");
    expect(result.output.map((l) => l.text)).toEqual(["hello"]);
    expect(await page.evaluate(() => (window as unknown as { pwned: number }).pwned), "times the course page's script ran in the runner's frame").toBe(0);
    // The runner runs in that frame still (had the script been taken for the runner's, the page would have given up on the frame).
    expect(await page.evaluate(() => window.frames[0].frames.length)).toBe(1);
  });
});
