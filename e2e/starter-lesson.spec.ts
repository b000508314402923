// The starter tells the truth about its own lesson (issue 16): its comment
// says updates are lost without a lock, and a race is a matter of chance, so
// a run that lost none gets a plain note under its output, in the reader's
// language: "no update was lost this time: run again". Chinese readers get
// the starter with Chinese comments. A run with the GIL on is the one way
// to lose no update every time (the GIL changes hands only between
// statements, so `counter += 1` is never split): that is how the note is
// made to appear here, with no timing involved.
import { test, expect, waitForPlayground, runSnippet, describeRun } from "./fixtures";
import { starterSnippet, starterSnippetZh } from "../src/examples/starter";

/** runSnippet without code: the run takes the editor's, as the Run button does. */
const UNCHANGED = undefined as unknown as string;
const LOST_NOTHING = /^without a lock:\s+600000 of 600000/;

test("in Chinese the starter has Chinese comments, and a run that lost no update says so in Chinese", async ({ page, pageErrors }) => {
  await page.goto("/?lang=zh");
  await waitForPlayground(page);
  expect(await page.evaluate(() => window.playground!.getCode())).toBe(starterSnippetZh);
  await page.evaluate(() => window.playground!.editorReady);
  await expect(page.locator(".editor-pane .view-lines")).toContainText("三个线程各自给共享的计数器加");

  const result = await runSnippet(page, UNCHANGED, { gil: true }, 120_000);
  expect(result.status, describeRun(result)).toBe("ok");
  expect(result.output.map((l) => l.text).some((t) => LOST_NOTHING.test(t)), describeRun(result)).toBe(true);
  const note = page.locator(".output-pane .out-row.lesson");
  await expect(note).toHaveCount(1);
  await expect(note).toContainText("这次没有丢失任何更新");
  await expect(note).toContainText("再运行一次");
  expect(pageErrors.messages).toEqual([]);
});

test("in English the same run says no update was lost this time: run again; switching language swaps the starter's comments", async ({ page }) => {
  await page.goto("/?lang=en");
  await waitForPlayground(page);
  expect(await page.evaluate(() => window.playground!.getCode())).toBe(starterSnippet);
  const result = await runSnippet(page, UNCHANGED, { gil: true }, 120_000);
  expect(result.status, describeRun(result)).toBe("ok");
  await expect(page.locator(".output-pane .out-row.lesson")).toContainText(/No update was lost this time.*Run again/);

  // The untouched starter follows a switch of the interface language.
  await page.getByTestId("language-switch").selectOption("zh");
  await expect.poll(() => page.evaluate(() => window.playground!.getCode())).toBe(starterSnippetZh);
});

test("whichever way a run without the GIL goes, the note appears exactly when no update was lost", async ({ page }) => {
  // Scenario: the starter as a learner first runs it (GIL off). Lost updates
  // are likely but not certain; the page must agree with the output either way.
  await page.goto("/?lang=en");
  await waitForPlayground(page);
  const result = await runSnippet(page, starterSnippet, { gil: false }, 120_000);
  expect(result.status, describeRun(result)).toBe("ok");
  const lostNothing = result.output.some((l) => LOST_NOTHING.test(l.text));
  await expect(page.locator(".output-pane .out-row.summary")).toHaveCount(1);
  await expect(page.locator(".output-pane .out-row.lesson")).toHaveCount(lostNothing ? 1 : 0);
});

test("five cold first loads: each Run of the starter shows its lesson or says plainly that it did not", async ({ browser }) => {
  // Issue 16: the lesson used to fail to show on 3 of 4 cold first loads. Each load here is a fresh
  // browser context (no warm workers, no cache of compiled code), and the run is the learner's first
  // press of Run. A race is chance, so what is checked is that the page never contradicts its output:
  // the locked half is exact, and "no update was lost" is said exactly when none was. How many of the
  // five lost updates is reported; on two or more cores at least one must have (the lesson shows).
  test.setTimeout(300_000);
  let lessonsShown = 0;
  let cores = 1;
  for (let load = 0; load < 5; load++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto("/?lang=en");
    await waitForPlayground(page);
    cores = await page.evaluate(() => navigator.hardwareConcurrency);
    await page.getByTestId("run").click();
    const summary = page.locator(".output-pane .out-row.summary");
    await expect(summary).toHaveCount(1, { timeout: 60_000 });
    const lines = await page.locator(".output-pane .out-row .out-text").allTextContents();
    expect(lines.find((l) => l.startsWith("with a lock:")), lines.join("\n")).toMatch(/^with a lock:\s+600000 of 600000/);
    const unlocked = lines.find((l) => l.startsWith("without a lock:"));
    expect(unlocked, lines.join("\n")).toBeDefined();
    const lostNothing = LOST_NOTHING.test(unlocked!);
    await expect(page.locator(".output-pane .out-row.lesson")).toHaveCount(lostNothing ? 1 : 0);
    if (!lostNothing) lessonsShown++;
    await context.close();
  }
  test.info().annotations.push({ type: "lesson shown", description: `${lessonsShown} of 5 cold loads (${cores} cores)` });
  if (cores >= 2) expect(lessonsShown, "on 2+ cores the starter's three threads overlap and lose updates").toBeGreaterThan(0);
});
