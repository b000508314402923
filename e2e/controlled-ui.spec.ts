// Controlled runs in the page (issue 13, API.md §10): the learner picks the
// Controlled mode, steps two threads through a lost update by clicking
// them (the step panel and the editor's next-line marks follow every
// click), goes back a step, and asks the page to find the interleaving
// that breaks the program, which it explains in one sentence naming the
// read and the write. Every wait is on the page's own state (the panel's
// aria-busy, the rows it lists), never on time.
import type { Page } from "@playwright/test";
import { apiTest as test, expect, waitForPlayground } from "./fixtures";

// Two threads each add one to a shared counter; the assert fails when an update is lost.
const LOST_UPDATE = `import { Thread, print, assert } from "playground";

let counter = 0;

function work() {
  counter += 1;
}

const a = new Thread({ target: work });
const b = new Thread({ target: work });
a.start(); b.start();
a.join(); b.join();
print("counter = " + counter);
assert(counter === 2, "lost an update");
`;

const panel = (page: Page) => page.getByTestId("step-panel");
const row = (page: Page, thread: string) => panel(page).locator(`[data-testid="step-thread"][data-thread="${thread}"]`);
const nextStep = (page: Page, thread: string) => row(page, thread).getByTestId("step-next");
/** The editor line that has `text`, as Monaco draws it (marks are drawn inside it; its spaces may be non-breaking). */
const editorLine = (page: Page, text: string) => page.locator(".monaco-editor .view-line").filter({ hasText: spaced(text) });
/** `text` as a pattern whose spaces match Monaco's non-breaking ones too. */
const spaced = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s"));

async function step(page: Page, thread: string): Promise<void> {
  await page.getByTestId(`step-btn-${thread}`).click();
  // The click replays the run up to the new step; the panel says when it is done.
  await expect(panel(page)).toHaveAttribute("aria-busy", "false");
}

async function openLostUpdate(page: Page): Promise<void> {
  await page.evaluate((code) => window.playground!.setCode(code), LOST_UPDATE);
  await page.evaluate(() => window.playground!.editorReady);
  await page.getByTestId("mode-controlled").check();
  await expect(page.getByTestId("controlled-bar")).toBeVisible();
}

test("step mode: the learner schedules two threads through a lost update, the editor marks each next line, and Back undoes a step", async ({ playground: page, pageErrors }) => {
  await openLostUpdate(page);
  await page.getByTestId("step-start").click();
  await expect(nextStep(page, "MainThread")).toHaveText("start a thread · line 11");
  await expect(row(page, "MainThread")).toHaveAttribute("data-state", "runnable");
  // Step stays where it was, pressed (removed, it slid the buttons after it under the pointer).
  await expect(page.getByTestId("step-start")).toHaveAttribute("aria-pressed", "true");
  // The toolbar says the run is paused, as its output does, not that it was stopped.
  await expect(page.getByTestId("status")).toHaveText(/^Paused/);
  await expect(page.getByTestId("status")).toHaveClass(/status-paused/);

  // MainThread starts both threads and reaches its join of Thread-1, where it blocks.
  await step(page, "MainThread");
  await expect(row(page, "Thread-1")).toHaveAttribute("data-state", "runnable");
  await step(page, "MainThread");
  await expect(nextStep(page, "MainThread")).toHaveText("join Thread-1 · line 12");
  // The editor marks the line MainThread executes next, with its name and step (the step just taken is brought into view).
  await expect(editorLine(page, "a.join(); b.join();")).toHaveText(spaced("◀ MainThread: join Thread-1"));
  await step(page, "MainThread");
  await expect(row(page, "MainThread")).toHaveAttribute("data-state", "blocked");
  await expect(page.getByTestId("step-btn-MainThread")).toBeDisabled();
  // A pause ends no thread: the timeline draws each lane as still going, none as "stopped".
  const ends = await page.evaluate(() => window.playground!.debug.threadEnds());
  expect(ends.map((e) => e.thread).sort()).toEqual(["MainThread", "Thread-1", "Thread-2"]);
  expect(ends.filter((e) => e.ended !== null)).toEqual([]);

  // Both threads read the counter before either writes it: the lost update, step by step.
  await step(page, "Thread-1");
  await expect(nextStep(page, "Thread-1")).toHaveText("read counter · line 6");
  await step(page, "Thread-2");
  await expect(nextStep(page, "Thread-2")).toHaveText("read counter · line 6");
  // Both wait on line 6: one mark there names them both, in the first one's lane colour.
  await expect(editorLine(page, "counter += 1")).toHaveText(spaced("◀ Thread-1: read counter · Thread-2: read counter"));
  await expect(editorLine(page, "counter += 1").locator(".step-next-label").first()).toHaveClass(/code-link-tc-\d/);

  await step(page, "Thread-1");
  await expect(nextStep(page, "Thread-1")).toHaveText("write counter · line 6");
  await expect(editorLine(page, "counter += 1")).toHaveText(spaced("◀ Thread-1: write counter · Thread-2: read counter"));
  // The shared state beside the threads: both have read 0, nobody has written yet.
  await expect(page.getByTestId("step-global")).toHaveText("counter = 0");

  // Back: the same run replayed one step shorter.
  await page.getByTestId("step-back").click();
  await expect(panel(page)).toHaveAttribute("aria-busy", "false");
  await expect(nextStep(page, "Thread-1")).toHaveText("read counter · line 6");
  await expect(nextStep(page, "Thread-2")).toHaveText("read counter · line 6");

  // Exit removes the panel and the marks.
  await page.getByTestId("step-exit").click();
  await expect(panel(page)).toHaveCount(0);
  await expect(page.locator(".monaco-editor .step-next-label")).toHaveCount(0);
  expect(pageErrors.messages).toEqual([]);
});

test("on a narrow editor, two threads' marks on one line wrap inside it instead of running past its edge", async ({ playground: page }) => {
  const before = page.viewportSize()!;
  await page.setViewportSize({ width: 800, height: 900 });
  try {
    await openLostUpdate(page);
    await page.getByTestId("step-start").click();
    for (const thread of ["MainThread", "MainThread", "MainThread", "Thread-1", "Thread-2"]) await step(page, thread);
    await expect(nextStep(page, "Thread-2")).toHaveText("read counter · line 6");
    const editor = (await page.locator(".monaco-editor .overflow-guard").first().boundingBox())!;
    const labels = page.locator(".monaco-editor .step-next-label");
    await expect(labels.filter({ hasText: "Thread-2" }).first()).toBeVisible();
    for (const box of await labels.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right))) {
      expect(box).toBeLessThanOrEqual(editor.x + editor.width + 1);
    }
    await page.getByTestId("step-exit").click();
  } finally {
    await page.setViewportSize(before);
  }
});

test("Run to end keeps the steps taken and finishes the run; its summary names seed, steps and preemptions, and its replay link replays it in a fresh browser", async ({ playground: page, browser }) => {
  await openLostUpdate(page);
  await page.getByTestId("step-start").click();
  await expect(nextStep(page, "MainThread")).toHaveText("start a thread · line 11");
  await step(page, "MainThread");
  await page.getByTestId("step-run-to-end").click();
  await expect(panel(page)).toHaveCount(0);
  await expect(page.locator(".output-pane .summary")).toContainText(/controlled: seed \d+ · \d+ steps · \d+ preemptions?/);
  await expect(page.getByTestId("copy-replay")).toBeEnabled();
  await page.getByTestId("copy-replay").click();
  await expect(page.getByTestId("replay-url")).toHaveValue(/&controlled=1&seed=\d+&schedule=s1\.[A-Za-z0-9_.~-]+&/);
  const url = await page.getByTestId("replay-url").inputValue();
  await page.keyboard.press("Escape");

  // Opened elsewhere, the link picks Controlled and replays that schedule: the run takes exactly those steps.
  const context = await browser.newContext();
  try {
    const fresh = await context.newPage();
    await fresh.goto(url);
    await waitForPlayground(fresh);
    await expect(fresh.getByTestId("mode-controlled")).toBeChecked();
    await expect(fresh.getByTestId("schedule-chip")).toBeVisible();
    const replayed = await fresh.evaluate(() => window.playground!.run());
    const link = new URLSearchParams(new URL(url).hash.replace(/^#code\/[^&]*&/, ""));
    expect(replayed.schedule).toBe(link.get("schedule"));
    expect(String(replayed.seed)).toBe(link.get("seed"));
  } finally {
    await context.close();
  }
});

test("Find a failing interleaving replays the lost update and explains it by its read and write lines, in English and in Chinese, its output in the order printed", async ({ playground: page }) => {
  await openLostUpdate(page);
  await page.getByTestId("find-failure").click();
  const answer = page.getByTestId("explore-result");
  await expect(answer).toHaveAttribute("data-phase", "found", { timeout: 30_000 });
  await expect(answer).toContainText(/after 1 preemption: Thread-\d ran between Thread-\d's "read counter" \(line 6\) and its "write counter" \(line 6\)/);
  // The failing run is the one on the page, and its sentence is under its output.
  await expect(page.locator(".output-pane .summary")).toContainText("1 preemption");
  await expect(page.locator(".output-pane .out-text").filter({ hasText: "counter = 1" })).toBeVisible();
  await expect(page.locator(".output-pane").getByText(/ran between Thread-\d's "read counter"/)).toBeVisible();
  // In the order the run printed them: the print, then the assert's traceback (which reaches the page first, straight from the runner).
  const texts = await page.locator(".output-pane .out-row .out-text").allTextContents();
  const print = texts.findIndex((t) => t.includes("counter = 1"));
  const traceback = texts.findIndex((t) => t.includes("AssertionError"));
  expect(print, texts.join("\n")).toBeGreaterThanOrEqual(0);
  expect(traceback, texts.join("\n")).toBeGreaterThan(print);

  await page.getByTestId("language-switch").selectOption("zh");
  try {
    await page.getByTestId("find-failure").click();
    await expect(answer).toHaveAttribute("data-phase", "found", { timeout: 30_000 });
    await expect(answer).toContainText(/1 次抢占后出错.*Thread-\d 在 Thread-\d 的“读 counter”（第 6 行）与“写 counter”（第 6 行）之间运行/);
  } finally {
    await page.getByTestId("language-switch").selectOption("en");
  }
});

test("a locked counter: the search finds no failing interleaving and says how many schedules it tried", async ({ playground: page }) => {
  const locked = LOST_UPDATE.replace('import { Thread, print, assert } from "playground";', 'import { Thread, Lock, print, assert } from "playground";\nconst lock = new Lock();')
    .replace("  counter += 1;", "  lock.acquire();\n  counter += 1;\n  lock.release();");
  await page.evaluate((code) => window.playground!.setCode(code), locked);
  await page.getByTestId("mode-controlled").check();
  await page.getByTestId("find-failure").click();
  const answer = page.getByTestId("explore-result");
  await expect(answer).toHaveAttribute("data-phase", "none", { timeout: 30_000 });
  await expect(answer).toContainText(/No failing interleaving in [\d,]+ schedules \((all of them|not all of them)/);
});

test("the search's answer closes when the learner runs in Parallel mode: its sentence and seed do not stand over a run that had neither", async ({ playground: page }) => {
  await openLostUpdate(page);
  await page.getByTestId("find-failure").click();
  const answer = page.getByTestId("explore-result");
  await expect(answer).toHaveAttribute("data-phase", "found", { timeout: 30_000 });
  // A replay of the failure (a controlled run) keeps it; a run in Parallel mode closes it.
  await page.getByTestId("mode-parallel").check();
  expect(await page.evaluate(() => window.playground!.run().then((r) => r.status))).toBeTruthy();
  await expect(answer).toHaveCount(0);
  await expect(page.getByTestId("find-failure")).toHaveCount(0);
});

test("All outcomes lists every way a small racy program can end, with how many interleavings give each, and replays one", async ({ playground: page, pageErrors }) => {
  // The classic table: two threads each write x; it ends as whichever wrote last.
  test.setTimeout(180_000);
  await page.evaluate((code) => window.playground!.setCode(code), `import { Thread, print } from "playground";
let x = 0;
const a = new Thread({ target: () => { x = 1; } });
const b = new Thread({ target: () => { x = 2; } });
a.start(); b.start(); a.join(); b.join();
print("x =", x);
`);
  await page.getByTestId("mode-controlled").check();
  await page.getByTestId("all-outcomes").click();
  const summary = page.getByTestId("outcomes-summary");
  await expect(summary).toBeVisible({ timeout: 150_000 });
  await expect(summary).toHaveAttribute("data-exhaustive", "true");
  const rows = page.getByTestId("outcome-row");
  await expect(rows).toHaveCount(2);
  const texts = (await rows.locator("code").allTextContents()).sort();
  expect(texts).toEqual(["x = 1", "x = 2"]);
  const counts = (await rows.locator(".outcome-count").allTextContents()).map(Number);
  expect(counts.every((n) => n > 0)).toBe(true);
  await expect(summary).toContainText(`in all ${counts.reduce((s, n) => s + n, 0)} interleavings`);
  // Replaying a row runs that very interleaving in the page.
  await rows.filter({ hasText: "x = 1" }).getByTestId("outcome-replay").click();
  await expect(page.locator(".output-pane .out-text").filter({ hasText: /^x = 1$/ })).toHaveCount(1, { timeout: 30_000 });
  await expect(page.locator(".output-pane .out-row.summary")).toContainText("controlled");
  expect(pageErrors.messages).toEqual([]);
});

