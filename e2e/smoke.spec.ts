// The page loads, is cross-origin isolated (SharedArrayBuffer and
// Atomics.wait work in its workers), reports no errors, and answers the
// automation API (shared/API.md §9).
import { test, expect, runSnippet } from "./fixtures";

test("loads cross-origin isolated, with no console errors", async ({ playground, pageErrors }) => {
  const isolated = await playground.evaluate(() => ({
    crossOriginIsolated: window.crossOriginIsolated,
    sharedArrayBuffer: typeof SharedArrayBuffer === "function",
  }));
  expect(isolated).toEqual({ crossOriginIsolated: true, sharedArrayBuffer: true });
  expect(pageErrors.messages).toEqual([]);
});

test("runs a hello snippet through window.playground.run", async ({ playground, pageErrors }) => {
  const result = await runSnippet(playground, 'import { print } from "playground";\nprint("hello");\n');
  expect(result.errors).toEqual([]);
  expect(result.status).toBe("ok");
  expect(result.output.map((line) => [line.thread, line.text])).toEqual([["MainThread", "hello"]]);
  expect(pageErrors.messages).toEqual([]);
});

test("on a laptop's width nothing runs past the page's edge: the toolbar wraps, the output's width probe adds no scroll", async ({ playground }) => {
  const before = playground.viewportSize()!;
  try {
    for (const width of [1440, 1280, 1024, 800]) {
      await playground.setViewportSize({ width, height: 800 });
      await runSnippet(playground, 'import { print } from "playground";\nprint("a line of some length to measure the output\'s rows by");\n');
      const sizes = await playground.evaluate(() => {
        const toolbar = document.querySelector(".toolbar")!;
        return { page: document.documentElement.scrollWidth, view: window.innerWidth, toolbar: toolbar.scrollWidth, toolbarBox: toolbar.clientWidth };
      });
      expect(sizes.page, `${width} px: ${JSON.stringify(sizes)}`).toBeLessThanOrEqual(sizes.view);
      expect(sizes.toolbar, `${width} px: ${JSON.stringify(sizes)}`).toBeLessThanOrEqual(sizes.toolbarBox);
    }
  } finally {
    await playground.setViewportSize(before);
  }
});

test("the toolbar does not move when a run starts or the GIL is chosen: at 1440 px it stays one row", async ({ playground }) => {
  const before = playground.viewportSize()!;
  try {
    await playground.setViewportSize({ width: 1440, height: 800 });
    const height = () => playground.evaluate(() => document.querySelector(".toolbar")!.getBoundingClientRect().height);
    const ready = await height();
    const run = playground.evaluate(() => window.playground!.run({ code: 'import { sleep } from "playground";\nsleep(30000);\n' }));
    // "Running… 1.25 s" is wider than "Ready"; wider still past ten seconds, which the status's width allows for.
    await expect(playground.getByTestId("status")).toHaveText(/[1-9]\.\d+ s$/, { timeout: 20_000 });
    expect(await height()).toBe(ready);
    // The widest time the status shows (past a minute it says "1:05"): set for a moment, measured at once.
    const widest = await playground.evaluate(() => {
      const time = document.querySelector(".toolbar .status-time")!;
      time.textContent = "59.9 s";
      return document.querySelector(".toolbar")!.getBoundingClientRect().height;
    });
    expect(widest).toBe(ready);
    await playground.evaluate(() => window.playground!.stop());
    await run;
    // Nor when the GIL is chosen (its switch interval shows), from the toolbar or by the code's first line.
    await playground.getByTestId("mode-gil").check();
    expect(await height()).toBe(ready);
    await playground.getByTestId("mode-parallel").check();
    await playground.evaluate(() => window.playground!.setCode('// playground: gil=on switchInterval=5\nimport { print } from "playground";\nprint(1);\n'));
    await expect(playground.getByTestId("gil-by-code")).toHaveCount(1);
    expect(await height()).toBe(ready);
  } finally {
    await playground.setViewportSize(before);
  }
});
