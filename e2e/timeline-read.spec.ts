// Reading a finished run on the timeline (issue 12): a range dragged on the
// time axis reads the run's own figures, search finds every hold of a lock,
// arrow keys walk the bars and say what each is, a bar that knows its
// source line and a traceback's "line N, column M" move the editor there,
// runtime errors are marked in the editor, long output lines wrap, and a
// tap on a phone shows the hover card. Expected values come from the
// RunResult or the canvas's published window, never from timing.
import type { Page } from "@playwright/test";
import { apiTest, test, expect, runSnippet, describeRun, startRun, finishRun, waitForOutputText } from "./fixtures";

/** Two threads take lockA in turn: one holds it while the other is blocked. */
const LOCKS = `import { Thread, Lock, sleep } from "playground";
const lockA = new Lock();
function worker() { lockA.acquire(); sleep(20); lockA.release(); }
const a = new Thread({ target: worker });
const b = new Thread({ target: worker });
a.start(); b.start(); a.join(); b.join();
`;

/**
 * Thread-2 waits for lockA while Thread-1 holds it: Thread-2 asks for the
 * lock only once Thread-1 has it (the Event), and Thread-1 keeps it a while.
 * A machine busy enough to delay Thread-2 past the hold would see no wait;
 * the test then runs it again (it reads the trace, never the clock).
 */
const CONTENDED = `import { Thread, Lock, Event, sleep } from "playground";
const lockA = new Lock();
const held = new Event();
function holder() { lockA.acquire(); held.set(); sleep(60); lockA.release(); }
function waiter() { held.wait(); lockA.acquire(); lockA.release(); }
const a = new Thread({ target: holder });
const b = new Thread({ target: waiter });
a.start(); b.start(); a.join(); b.join();
`;

/** Thread-1 throws on line 4. */
const THROWS = `import { Thread, sleep } from "playground";
function work() {
  sleep(5);
  throw new Error("boom");
}
const t = new Thread({ target: work });
t.start(); t.join();
`;

interface Window { startMs: number; endMs: number; leftPx: number; rightPx: number }

/** The canvas's window once it shows the finished run (timeline-view.ts publishes it on the canvas). */
async function finishedWindow(page: Page, durationMs: number): Promise<Window> {
  const canvas = page.locator("#timeline canvas");
  await expect.poll(async () => Number(await canvas.getAttribute("data-end-ms"))).toBeGreaterThanOrEqual(durationMs);
  return canvas.evaluate((el) => {
    const d = (el as HTMLCanvasElement).dataset;
    return { startMs: Number(d.startMs), endMs: Number(d.endMs), leftPx: Number(d.leftPx), rightPx: Number(d.rightPx) };
  });
}

/** Thread `name`'s bars, from the exported trace (the same model the canvas draws). */
function barsOf(page: Page, name: string): Promise<{ name: string; fromMs: number; toMs: number }[]> {
  return page.evaluate((name) => {
    const trace = (window as unknown as { playground: { getTrace(): { traceEvents: { ph: string; name: string; tid: number; ts: number; dur: number; args?: { name?: string } }[] } } }).playground.getTrace();
    const tid = trace.traceEvents.find((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === name)!.tid;
    return trace.traceEvents.filter((e) => e.ph === "X" && e.tid === tid).map((e) => ({ name: e.name, fromMs: e.ts / 1000, toMs: (e.ts + e.dur) / 1000 }));
  }, name);
}

const msToPx = (w: Window, tMs: number) => w.leftPx + ((tMs - w.startMs) * (w.rightPx - w.leftPx)) / (w.endMs - w.startMs);
const pxToMs = (w: Window, x: number) => w.startMs + ((x - w.leftPx) * (w.endMs - w.startMs)) / (w.rightPx - w.leftPx);

async function dragOnAxis(page: Page, fromX: number, toX: number): Promise<void> {
  const box = (await page.locator("#timeline canvas").boundingBox())!;
  await page.mouse.move(box.x + fromX, box.y + 10);
  await page.mouse.down();
  await page.mouse.move(box.x + (fromX + toX) / 2, box.y + 10, { steps: 3 });
  await page.mouse.move(box.x + toX, box.y + 10, { steps: 3 });
  await page.mouse.up();
}

apiTest("a range dragged on the time axis reads its duration and each thread's running and blocked time", async ({ playground, pageErrors }) => {
  const result = await runSnippet(playground, LOCKS);
  expect(result.status, describeRun(result)).toBe("ok");
  const w = await finishedWindow(playground, result.durationMs);

  // The whole run: from before 0 to past the end, kept inside the run.
  await dragOnAxis(playground, w.leftPx + 1, w.rightPx - 1);
  const selection = playground.getByTestId("tl-selection");
  await expect(selection).toHaveAttribute("data-start-ms", "0");
  const endMs = Number(await selection.getAttribute("data-end-ms"));
  expect(endMs).toBeGreaterThanOrEqual(result.durationMs);
  // Over the whole run, each thread's totals are RunResult's.
  for (const thread of result.threads) {
    const row = playground.locator(`[data-testid="tl-range"] tr[data-thread="${thread.name}"]`);
    await expect(row).toHaveCount(1);
    expect(Number(await row.getAttribute("data-running-ms"))).toBeCloseTo(thread.runningMs, 6);
    expect(Number(await row.getAttribute("data-blocked-ms"))).toBeCloseTo(thread.blockedMs, 6);
  }

  // A part of the run: the duration is what the two pixels stand for.
  const x1 = Math.round(msToPx(w, result.durationMs * 0.25));
  const x2 = Math.round(msToPx(w, result.durationMs * 0.75));
  await dragOnAxis(playground, x1, x2);
  const onePxMs = pxToMs(w, 1) - pxToMs(w, 0);
  await expect.poll(async () => Number(await selection.getAttribute("data-start-ms"))).toBeCloseTo(pxToMs(w, x1), 0);
  const start = Number(await selection.getAttribute("data-start-ms"));
  const end = Number(await selection.getAttribute("data-end-ms"));
  expect(Math.abs(start - pxToMs(w, x1))).toBeLessThanOrEqual(onePxMs);
  expect(Math.abs(end - pxToMs(w, x2))).toBeLessThanOrEqual(onePxMs);
  await expect(playground.getByTestId("tl-selection-duration")).toHaveText(/\d/);

  // F zooms to the selection: the window holds it, with a small margin.
  await playground.locator("#timeline canvas").press("f");
  await expect.poll(async () => Number(await playground.locator("#timeline canvas").getAttribute("data-start-ms"))).toBeGreaterThan(w.startMs);
  const zoomed = await playground.locator("#timeline canvas").evaluate((el) => ({ startMs: Number((el as HTMLCanvasElement).dataset.startMs), endMs: Number((el as HTMLCanvasElement).dataset.endMs) }));
  expect(zoomed.startMs).toBeLessThanOrEqual(start);
  expect(zoomed.endMs).toBeGreaterThanOrEqual(end);
  expect(zoomed.endMs - zoomed.startMs).toBeLessThan((end - start) * 1.2);
  expect(pageErrors.messages).toEqual([]);
});

apiTest("clicking a lane's name fits the view to that thread's lifetime", async ({ playground, pageErrors }) => {
  const result = await runSnippet(playground, LOCKS);
  expect(result.status, describeRun(result)).toBe("ok");
  const w = await finishedWindow(playground, result.durationMs);
  const thread = result.threads.find((t) => t.name === "Thread-2")!;
  const canvas = playground.locator("#timeline canvas");
  const box = (await canvas.boundingBox())!;
  // Thread-2's lane: axis 24, group 20, MainThread and Thread-1 24 each.
  await playground.mouse.click(box.x + 40, box.y + 24 + 20 + 48 + 12);
  await expect.poll(async () => Number(await canvas.getAttribute("data-start-ms"))).not.toBe(w.startMs);
  const view = await canvas.evaluate((el) => ({ startMs: Number((el as HTMLCanvasElement).dataset.startMs), endMs: Number((el as HTMLCanvasElement).dataset.endMs) }));
  const lifeMs = thread.endMs - thread.startMs;
  expect(view.startMs).toBeLessThanOrEqual(thread.startMs);
  expect(view.endMs).toBeGreaterThanOrEqual(thread.endMs);
  expect(view.endMs - view.startMs).toBeLessThan(lifeMs * 1.2);
  expect(pageErrors.messages).toEqual([]);
});

apiTest("search lists every hold of a lock and steps through them", async ({ playground, pageErrors }) => {
  const result = await runSnippet(playground, LOCKS);
  expect(result.status, describeRun(result)).toBe("ok");
  // Each of the two threads acquired lockA once.
  await playground.getByTestId("tl-search").fill("acquire lockA");
  await expect(playground.getByTestId("tl-match-count")).toHaveText("1 / 2");
  await playground.getByTestId("tl-search").press("Enter");
  await expect(playground.getByTestId("tl-match-count")).toHaveText("2 / 2");
  await playground.getByTestId("tl-search").fill("acquire nosuchlock");
  await expect(playground.getByTestId("tl-match-count")).toHaveText("no match");
  expect(pageErrors.messages).toEqual([]);
});

apiTest("arrow keys move between bars and an aria-live region says which", async ({ playground, pageErrors }) => {
  let result = await runSnippet(playground, CONTENDED);
  const lockWaited = () => playground.evaluate(() => JSON.stringify(window.playground!.getTrace()).includes("blocked on a lock"));
  for (let attempt = 1; attempt < 5 && !(await lockWaited()); attempt++) result = await runSnippet(playground, CONTENDED);
  expect(result.status, describeRun(result)).toBe("ok");
  expect(await lockWaited(), "Thread-2 waited for lockA in one of five runs").toBe(true);
  await finishedWindow(playground, result.durationMs);
  const canvas = playground.locator("#timeline canvas");
  const announce = playground.getByTestId("tl-announce");
  await expect(announce).toHaveAttribute("aria-live", "polite");
  await canvas.focus();
  await canvas.press("ArrowRight");
  await expect(announce).toHaveText(/^MainThread · /);
  await canvas.press("ArrowDown");
  await expect(announce).toHaveText(/^Thread-1 · /);
  // Thread-1 from its start to its end, then down to Thread-2 and back to its start.
  const seen: string[] = [];
  const walk = async (key: string) => {
    for (let i = 0; i < 8; i++) {
      seen.push((await announce.textContent()) ?? "");
      await canvas.press(key);
      // The region is rendered by React: read it after the next frame.
      await playground.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    }
    seen.push((await announce.textContent()) ?? "");
  };
  await walk("ArrowRight");
  await canvas.press("ArrowDown");
  await expect(announce).toHaveText(/^Thread-2 · /);
  await walk("ArrowLeft");
  expect(seen.join("\n"), `Thread-2's states named include its lock wait:\n${seen.join("\n")}`).toMatch(/Thread-2 · blocked on a lock.*lockA/);
  expect(pageErrors.messages).toEqual([]);
});

apiTest("a thread's error links its bar and its traceback to the editor line, which is marked", async ({ playground, pageErrors }) => {
  const result = await runSnippet(playground, THROWS);
  const error = result.errors.find((e) => e.thread === "Thread-1");
  expect(error?.line, describeRun(result)).toBe(4);
  const thread = result.threads.find((t) => t.name === "Thread-1")!;
  const w = await finishedWindow(playground, result.durationMs);
  const editor = playground.locator(".editor-pane .monaco-editor");
  // Runtime error marker on line 4.
  await expect(editor.locator(".squiggly-error").first()).toBeVisible();
  await expect(editor.locator(".code-link-line")).toHaveCount(0);

  // Click Thread-1's end (in error) on its lane: axis 24, group 20, MainThread's lane 24, bar 3 + 9.
  const box = (await playground.locator("#timeline canvas").boundingBox())!;
  await playground.mouse.click(box.x + msToPx(w, thread.endMs), box.y + 24 + 20 + 24 + 12);
  await expect(editor.locator(".code-link-line")).toHaveCount(1);
  await expect(editor.locator(".code-link-line")).toHaveClass(/code-link-tc-\d/);
  await expect(editor.locator(".line-numbers.active-line-number")).toHaveText(String(error!.line));

  // The traceback's place is a link: move the cursor away, then follow it.
  await editor.click();
  await playground.keyboard.press("Control+Home");
  await expect(editor.locator(".line-numbers.active-line-number")).toHaveText("1");
  await playground.locator(".output-pane .out-link", { hasText: `line ${error!.line}, column ${error!.column}` }).first().click();
  await expect(editor.locator(".line-numbers.active-line-number")).toHaveText(String(error!.line));
  expect(pageErrors.messages).toEqual([]);
});

apiTest("long output lines wrap, and a long output stays a windowed list", async ({ playground, pageErrors }) => {
  const result = await runSnippet(playground, `import { print } from "playground";
for (let i = 0; i < 20000; i++) print("line " + i);
print("long:" + "x".repeat(3000));
`);
  expect(result.status, describeRun(result)).toBe("ok");
  const long = playground.locator(".output-pane .out-row", { hasText: "long:" });
  await expect(long).toBeVisible();
  const sizes = await long.evaluate((row) => {
    const scroll = row.closest(".output-scroll")!;
    return { rowHeight: row.getBoundingClientRect().height, scrollWidth: scroll.scrollWidth, clientWidth: scroll.clientWidth };
  });
  expect(sizes.rowHeight, "the long line takes several lines").toBeGreaterThan(60);
  expect(sizes.scrollWidth, "nothing scrolls sideways").toBeLessThanOrEqual(sizes.clientWidth);
  expect(await playground.locator(".output-pane .out-row").count()).toBeLessThan(300);
  // The long row is drawn where its computed offset says: its text's end is in view.
  await expect(long.locator(".out-text")).toContainText("xxxx");
  expect(pageErrors.messages).toEqual([]);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  test("a tap on a bar shows its hover card", async ({ playground }) => {
    const result = await runSnippet(playground, LOCKS);
    expect(result.status, describeRun(result)).toBe("ok");
    // A phone shows one pane at a time, under tabs.
    await playground.locator("#tab-timeline").click();
    const canvas = playground.locator("#timeline canvas");
    await expect(canvas).toBeVisible();
    const w = await finishedWindow(playground, result.durationMs);
    const main = result.threads.find((t) => t.name === "MainThread")!;
    const box = (await canvas.boundingBox())!;
    await playground.touchscreen.tap(box.x + msToPx(w, (main.startMs + main.endMs) / 2), box.y + 24 + 20 + 12);
    await expect(playground.locator(".tl-tooltip")).toContainText("MainThread");
  });
});

/** Thread-1 sleeps on line 4 and then waits for an Event on line 5. */
// (The busy loop on the sleep's line keeps the running bar between the two waits several pixels wide: clicked
// at its middle, a bar of a few µs was a pixel from the wait's, and the click now and then found that one.)
const WAITS = `import { Thread, Event, sleep, now } from "playground";
const go = new Event();
function work() {
  sleep(80); for (const until = now() + 15; now() < until;) {}
  go.wait();
}
const t = new Thread({ target: work });
t.start();
sleep(200);
go.set();
t.join();
`;

apiTest("a wait's bar links to the call that waited, and the running bar after it to where it went on", async ({ playground, pageErrors }) => {
  const result = await runSnippet(playground, WAITS);
  expect(result.status, describeRun(result)).toBe("ok");
  const w = await finishedWindow(playground, result.durationMs);
  const slices = await barsOf(playground, "Thread-1");
  const bar = (name: string) => slices.find((s) => s.name === name)!;
  const editor = playground.locator(".editor-pane .monaco-editor");
  const box = (await playground.locator("#timeline canvas").boundingBox())!;
  // Thread-1's lane: axis 24, group 20, MainThread's lane 24, bar 3 + 9.
  const clickAt = async (tMs: number) => playground.mouse.click(box.x + msToPx(w, tMs), box.y + 24 + 20 + 24 + 12);
  const middle = (s: { fromMs: number; toMs: number }) => (s.fromMs + s.toMs) / 2;

  const sleeping = bar("sleeping");
  expect(sleeping, JSON.stringify(slices)).toBeTruthy();
  await clickAt(middle(sleeping));
  await expect(editor.locator(".code-link-line")).toHaveCount(1);
  await expect(editor.locator(".code-link-line")).toHaveClass(/code-link-tc-\d/);
  await expect(editor.locator(".line-numbers.active-line-number")).toHaveText("4");

  await clickAt(middle(bar("waiting")));
  await expect(editor.locator(".line-numbers.active-line-number")).toHaveText("5");

  // The running bar between the two went on from the sleep.
  const between = slices.find((s) => s.name === "running" && s.fromMs >= sleeping.toMs - 0.01)!;
  await clickAt(middle(between));
  await expect(editor.locator(".line-numbers.active-line-number")).toHaveText("4");
  expect(pageErrors.messages).toEqual([]);
});

apiTest("the output follows a running program's end until the learner scrolls up, and again once they scroll back down", async ({ playground, pageErrors }) => {
  await startRun(playground, { code: `import { print, sleep } from "playground";
for (let i = 0; i < 3000; i++) { print("row " + i); sleep(10); }
` });
  await waitForOutputText(playground, "row 30");
  const scroll = playground.locator(".output-pane .output-scroll");
  const geometry = () => scroll.evaluate((el) => ({ top: el.scrollTop, height: el.scrollHeight, view: el.clientHeight }));
  await scroll.hover();
  await playground.mouse.wheel(0, -1_000_000);
  // (Near the top: rows measured as they are drawn may move it by a line or two.)
  await expect.poll(async () => (await geometry()).top, "scrolled up to the first rows").toBeLessThan(100);
  const before = await geometry();
  // More rows arrive; the panel stays where the learner put it.
  await expect.poll(async () => (await geometry()).height, "rows keep coming").toBeGreaterThan(before.height + 40 * 20);
  expect((await geometry()).top, "still near the top").toBeLessThan(100);
  await expect(playground.locator(".output-pane .out-text").filter({ hasText: /^row 0$/ })).toBeVisible();
  // Back at the end, it follows again, past the rows that come next.
  await playground.mouse.wheel(0, 1_000_000);
  const atEnd = async () => { const g = await geometry(); return g.top + g.view >= g.height - 24; };
  await expect.poll(atEnd, "at the end").toBe(true);
  const back = await geometry();
  await expect.poll(async () => (await geometry()).height, "rows keep coming").toBeGreaterThan(back.height + 40 * 20);
  await expect.poll(atEnd, "following the end").toBe(true);
  await playground.evaluate(() => window.playground!.stop());
  await finishRun(playground);
  expect(pageErrors.messages).toEqual([]);
});

apiTest("MainThread's wait for an executor at the program's end says so in its hover card, where it has no line of the snippet", async ({ playground, pageErrors }) => {
  // The executor is never shut down: as in Python, the program's end waits for its task.
  const result = await runSnippet(playground, `import { ThreadPoolExecutor, sleep, print } from "playground";
const ex = new ThreadPoolExecutor(2);
ex.submit(() => { sleep(150); print("task done"); });
print("main ends");
`);
  expect(result.status, describeRun(result)).toBe("ok");
  const w = await finishedWindow(playground, result.durationMs);
  const slices = await barsOf(playground, "MainThread");
  // The last wait of MainThread's, after "main ends" was printed: the program's end.
  const end = slices.filter((s) => s.name !== "running" && s.toMs - s.fromMs > 50).at(-1);
  expect(end, JSON.stringify(slices)).toBeTruthy();
  const box = (await playground.locator("#timeline canvas").boundingBox())!;
  await playground.mouse.move(box.x + msToPx(w, (end!.fromMs + end!.toMs) / 2), box.y + 24 + 20 + 12);
  await expect(playground.locator(".tl-tooltip")).toContainText("the program's end");
  expect(pageErrors.messages).toEqual([]);
});
