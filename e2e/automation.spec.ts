// The automation API (shared/API.md §9): window.playground's run, stop,
// getCode and setCode, run's timeoutMs, and the same run request sent by
// postMessage from a course page that embeds the playground in an iframe.
import {
  test,
  expect,
  describeRun,
  finishRun,
  outputTexts,
  runSnippet,
  startRun,
  waitForOutputText,
} from "./fixtures";
import type { Frame, Page } from "@playwright/test";

const HELLO = 'import { print, currentThread } from "playground";\nprint("hello from", currentThread().name);\n';

function getCode(page: Page | Frame): Promise<string> {
  return page.evaluate(() => window.playground!.getCode());
}

/** The editor's rendered lines (Monaco, or the plain text area before it loads), top to bottom. */
async function editorText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const plain = document.querySelector<HTMLTextAreaElement>(".editor-pane textarea.plain-editor");
    if (plain) return plain.value;
    return [...document.querySelectorAll(".editor-pane .monaco-editor .view-lines .view-line")]
      .map((el) => ({ top: el.getBoundingClientRect().top, text: (el.textContent ?? "").replace(/\u00a0/g, " ") }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text)
      .join("\n");
  });
}

// setCode(code) replaces the snippet: getCode() returns it, the editor
// shows it, and run() without code runs exactly that snippet.
test("setCode/getCode replace and read the editor's code, and run() runs it", async ({ playground }) => {
  const code = 'import { print } from "playground";\nprint("set by setCode");\n';
  await playground.evaluate((code) => window.playground!.setCode(code), code);
  expect(await getCode(playground)).toBe(code);
  await expect.poll(() => editorText(playground)).toBe(code);

  const result = await playground.evaluate(() => window.playground!.run());
  expect(result.status, describeRun(result)).toBe("ok");
  expect(outputTexts(result)).toEqual(["set by setCode"]);
  await waitForOutputText(playground, "set by setCode");
});

// run({ code }) runs that code and also puts it in the editor, as if the
// learner had typed it: getCode() and the editor show it afterwards.
test("run({ code }) runs the code and puts it in the editor", async ({ playground }) => {
  expect(await getCode(playground)).not.toBe(HELLO);
  const result = await runSnippet(playground, HELLO);
  expect(result.status, describeRun(result)).toBe("ok");
  expect(result.output.map((l) => [l.thread, l.text])).toEqual([["MainThread", "hello from MainThread"]]);
  expect(await getCode(playground)).toBe(HELLO);
  await expect.poll(() => editorText(playground)).toBe(HELLO);
  await expect(playground.locator("body")).toHaveAttribute("data-run-state", "ok");
});

// window.playground.stop() ends a run that would never end: its run()
// promise resolves with status "stopped", and the page's state says so.
test("stop() ends a running run with status stopped", async ({ playground }) => {
  await startRun(playground, { code: 'import { print } from "playground";\nprint("looping");\nwhile (true) {}\n' });
  await waitForOutputText(playground, "looping");
  await expect(playground.locator("body")).toHaveAttribute("data-run-state", "running");
  await playground.evaluate(() => window.playground!.stop());
  const result = await finishRun(playground);
  expect(result.status, describeRun(result)).toBe("stopped");
  expect(outputTexts(result)).toContain("looping");
  await expect(playground.locator("body")).toHaveAttribute("data-run-state", "stopped");
});

// run({ code, timeoutMs }) ends a run that outlasts its timeout with status
// "timeout" (not before the timeout: durationMs is at least about
// timeoutMs), keeps what it printed, and a short run with a timeout is "ok".
test("timeoutMs ends a long run with status timeout", async ({ playground }) => {
  const timeoutMs = 1000;
  const result = await runSnippet(
    playground,
    'import { print } from "playground";\nprint("started");\nwhile (true) {}\n',
    undefined,
    timeoutMs,
  );
  expect(result.status, describeRun(result)).toBe("timeout");
  expect(result.durationMs, "the run is not ended before its timeout").toBeGreaterThanOrEqual(timeoutMs * 0.9);
  expect(outputTexts(result)).toContain("started");
  await expect(playground.locator("body")).toHaveAttribute("data-run-state", "timeout");

  const quick = await runSnippet(playground, HELLO, undefined, 30_000);
  expect(quick.status, describeRun(quick)).toBe("ok");
});

/**
 * A course page on the preview server's origin (served by page.route) that
 * embeds the playground in an iframe and records every message the iframe
 * posts to it, in order.
 */
async function openCoursePage(page: Page): Promise<Frame> {
  await page.route("**/__e2e/course.html", (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html>
<html><head><meta charset="utf-8"><title>A course page</title></head>
<body>
<h1>Lesson: threads</h1>
<iframe id="playground" src="/" style="width: 1100px; height: 700px"></iframe>
<script>
  window.received = [];
  const frame = document.getElementById("playground");
  window.addEventListener("message", (event) => {
    if (event.source === frame.contentWindow) window.received.push(event.data);
  });
  window.send = (message) => frame.contentWindow.postMessage(message, "*");
</script>
</body></html>`,
    }),
  );
  await page.goto("/__e2e/course.html");
  const frame = page.frame({ url: (url) => url.pathname === "/" });
  expect(frame, "the iframe with the playground").not.toBeNull();
  return frame!;
}

type Received = { type?: string; id?: unknown; result?: { status: string; output: { thread: string; text: string }[]; errors: { message: string }[] } };

function received(page: Page): Promise<Received[]> {
  return page.evaluate(() => (window as unknown as { received: Received[] }).received);
}

function send(page: Page, message: unknown): Promise<void> {
  return page.evaluate((message) => (window as unknown as { send: (m: unknown) => void }).send(message), message);
}

/** Waits until the iframe has posted a message of this type (and id). */
async function waitForMessage(page: Page, type: string, id?: unknown, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    ({ type, id }) =>
      (window as unknown as { received: Received[] }).received.some(
        (m) => !!m && m.type === type && (id === undefined || m.id === id),
      ),
    { type, id },
    { timeout },
  );
}

// A parent page embeds the playground: the iframe posts playground:ready,
// the parent sends { type: "playground:run", id: 7, code } and receives
// { type: "playground:result", id: 7, result } with status "ok" and the
// snippet's output; the ready message came first.
test("postMessage: an embedding page gets playground:ready, sends a run and gets its result", async ({ page }) => {
  await openCoursePage(page);
  await waitForMessage(page, "playground:ready");
  await send(page, { type: "playground:run", id: 7, code: HELLO });
  await waitForMessage(page, "playground:result", 7);

  const messages = await received(page);
  expect(messages[0]).toEqual({ type: "playground:ready" });
  const results = messages.filter((m) => m && m.type === "playground:result");
  expect(results).toHaveLength(1);
  expect(results[0].id).toBe(7);
  expect(results[0].result?.status, JSON.stringify(results[0].result)).toBe("ok");
  expect(results[0].result?.output.map((l) => [l.thread, l.text])).toEqual([["MainThread", "hello from MainThread"]]);
});

// Malformed messages (not an object, no id, a code that is not a string,
// an unknown type, settings that are not an object) get no reply and do not
// break the page: a valid request sent after them is answered. A well-formed
// run whose setting is out of range or of the wrong type is answered, with
// a run that failed naming the setting (API.md §9).
test("postMessage: malformed messages get no reply and do not break the page", async ({ page, pageErrors }) => {
  const frame = await openCoursePage(page);
  await waitForMessage(page, "playground:ready");
  const malformed: unknown[] = [
    "playground:run",
    null,
    42,
    [],
    { type: "playground:run" },
    { type: "playground:run", id: { nested: true }, code: HELLO },
    { type: "playground:run", id: 9, code: 42 },
    { type: "playground:run", id: 10, code: HELLO, settings: "fast" },
    { type: "playground:explode", id: 12 },
    { id: 13, code: HELLO },
  ];
  for (const message of malformed) await send(page, message);
  await send(page, { type: "playground:run", id: 11, code: HELLO, settings: { gil: "yes" } });
  await waitForMessage(page, "playground:result", 11);
  const valid = 'import { print } from "playground";\nprint("still works");\n';
  await send(page, { type: "playground:run", id: 8, code: valid });
  await waitForMessage(page, "playground:result", 8);

  const messages = await received(page);
  // Besides "ready", the frame tells of each run that ends in it (playground:finished): the two answered here.
  const replies = messages.filter((m) => !(m && (m.type === "playground:ready" || m.type === "playground:finished")));
  expect(replies.map((m) => m?.id), JSON.stringify(replies).slice(0, 2000)).toEqual([11, 8]);
  const finished = messages.filter((m) => m && m.type === "playground:finished");
  expect(finished.map((m) => m.result?.status)).toEqual(["error", "ok"]);
  expect(replies[0].result?.status).toBe("error");
  expect(replies[0].result?.errors[0].message).toMatch(/setting gil must be true or false/);
  expect(replies[1].result?.status).toBe("ok");
  expect(replies[1].result?.output.map((l) => l.text)).toEqual(["still works"]);

  // The playground in the frame still answers and shows the valid request's code.
  expect(await getCode(frame)).toBe(valid);
  expect(await frame.evaluate(() => document.body.dataset.runState)).toBe("ok");
  expect(pageErrors.messages).toEqual([]);
});
