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
