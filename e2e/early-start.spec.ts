// The page starts the runner's frame from its HTML, before the app's script
// has loaded (scripts/vite-early-start.ts), and the app takes it over
// instead of making its own. The frame's boot document runs only the script
// its parent, the playground page, posts it; and a document the frame is
// navigated to does not know the boot document's key, so the page does not
// run in it.
import type { Page } from "@playwright/test";
import { test, expect, runSnippet, waitForPlayground } from "./fixtures";
import { startCoursePageServer, type RunningServer } from "./servers";

const HELLO = 'import { print } from "playground";\nprint("hello");\n';

test("the page runs in the runner's frame its HTML started", async ({ playground }) => {
  const result = await runSnippet(playground, HELLO);
  expect(result.status).toBe("ok");
  // One frame, the early one: only the HTML's script marks its frame's first load.
  const frames = await playground.evaluate(() => [...document.querySelectorAll("iframe.runner-frame")].map((f) => f.hasAttribute("data-boot-loaded")));
  expect(frames).toEqual([true]);
  expect(await playground.evaluate(() => "__playgroundEarlyRunner" in window), "the HTML's frame taken").toBe(false);
});

// An embedding page can reach the runner's frame (window.frames) and post
// to it, or navigate it, but when it manages to do so depends on how far
// the playground has loaded. So the two attacks are made from inside the
// playground page, at the moment its HTML makes the frame: a message from
// a window that is not the frame's parent, and a navigation to a document
// of another origin, which the page then posts its port to.
let course: RunningServer;
test.describe("the runner's boot frame", () => {
  test.beforeAll(async () => { course = await startCoursePageServer(); });
  test.afterAll(async () => { await course?.close(); });

  /** Runs `attack(frame)` in the playground page as soon as its HTML has made the runner's frame. */
  async function onRunnerFrame(page: Page, attack: string, arg: string): Promise<void> {
    await page.addInitScript(([attack, arg]) => {
      if (window !== window.top) return;
      const observer = new MutationObserver(() => {
        const frame = document.querySelector("iframe.runner-frame") as HTMLIFrameElement | null;
        if (!frame) return;
        observer.disconnect();
        new Function("frame", "arg", attack)(frame, arg);
      });
      observer.observe(document, { childList: true, subtree: true });
    }, [attack, arg] as const);
  }

  test("runs no script posted by a window other than its parent", async ({ page }) => {
    // A window of the playground's own origin, but not the frame's parent, posts a boot message until the page boots the frame.
    await onRunnerFrame(page, `
      window.pwned = 0;
      addEventListener("message", (e) => { if (e.data && e.data.type === "pwned") window.pwned++; });
      const helper = document.createElement("iframe");
      document.documentElement.appendChild(helper);
      const post = new helper.contentWindow.Function("target", "message", "target.postMessage(message, '*')");
      window.posted = 0;
      const timer = setInterval(() => {
        if (!frame.isConnected) return clearInterval(timer);
        post(frame.contentWindow, { type: "runner:boot", source: arg });
        window.posted++;
      }, 1);`, 'top.postMessage({ type: "pwned" }, "*")');
    await page.goto("/");
    await waitForPlayground(page);
    const result = await runSnippet(page, HELLO);
    expect(result.status, JSON.stringify(result.errors)).toBe("ok");
    const seen = await page.evaluate(() => ({ posted: (window as unknown as { posted: number }).posted, pwned: (window as unknown as { pwned: number }).pwned }));
    expect(seen.posted, "boot messages posted by the other window").toBeGreaterThan(0);
    expect(seen.pwned, "times its script ran in the runner's frame").toBe(0);
    // The runner runs in that frame (had it run another script, the page would have given up on the frame).
    expect(await page.evaluate(() => document.querySelectorAll("iframe.runner-frame").length)).toBe(1);
  });

  test("navigated to a document the page did not make, is not given the runs", async ({ page }) => {
    // The document answers the page's port with "ready" as the runner would; it cannot say the boot document's key.
    await onRunnerFrame(page, `
      window.impostor = [];
      addEventListener("message", (e) => {
        const data = e.data;
        if (data && typeof data.type === "string" && data.type.startsWith("impostor:")) window.impostor.push(data.type === "impostor:got" ? "got " + data.what : data.type);
      });
      frame.contentWindow.location.href = arg;`, `${course.origin}/impostor-runner.html`);
    await page.goto("/");
    await waitForPlayground(page);
    const result = await runSnippet(page, HELLO);
    expect(result.status, JSON.stringify(result.errors)).toBe("ok");
    expect(result.output.map((l) => [l.thread, l.text])).toEqual([["MainThread", "hello"]]);
    const impostor = await page.evaluate(() => (window as unknown as { impostor: string[] }).impostor);
    // It was in the frame in time to be posted the page's port, said "ready", and was never sent a run.
    expect(impostor, JSON.stringify(impostor)).toEqual(["impostor:loaded", "impostor:port"]);
  });
});
