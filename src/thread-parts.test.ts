import { afterEach, describe, expect, test, vi } from "vitest";
import { threadParts } from "./thread-parts";
import { rehearseThreads } from "./runtime/thread-run";
import { context } from "./runtime/worker-context";
import { REHEARSAL_JS, REHEARSAL_SOURCE } from "./runtime/rehearsal";
import { compile } from "./compile/compile";

// The sources of later work that worker-hygiene.ts wraps: any call would taint a rehearsed worker for good.
const LATER = ["setTimeout", "setInterval", "queueMicrotask", "setImmediate"] as const;

describe("a worker's rehearsal (runtime/rehearsal.ts) with the real API", () => {
  afterEach(() => vi.restoreAllMocks());

  test("its program is what the compiler makes of its source today (a worker has no compiler: it is kept compiled)", () => {
    const compiled = compile(REHEARSAL_SOURCE, { ticks: true });
    expect(compiled.ok).toBe(true);
    expect(compiled.sharedGlobals.map((g) => g.name)).toEqual(["n"]);
    // If this fails, the compiler's output changed: paste compiled.js into REHEARSAL_JS.
    expect(REHEARSAL_JS).toBe(compiled.js);
  });

  test("runs MainThread and the thread it starts, here, and leaves no context behind", async () => {
    expect(await rehearseThreads(threadParts)).toBe(1);
    expect(() => context()).toThrow();
    // again: a worker's second rehearsal (or its first run after one) finds nothing of the first
    expect(await rehearseThreads(threadParts)).toBe(1);
  });

  test("leaves no work for later (a timer or a microtask would taint the worker)", async () => {
    const spies = LATER.map((name) => vi.spyOn(globalThis, name as "setTimeout"));
    await rehearseThreads(threadParts);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });
});
