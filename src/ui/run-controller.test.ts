// The run controller draws only the newest run, and turns every failure of
// the runtime into a RunResult instead of a rejected promise.
import { describe, expect, it } from "vitest";
import type { PlaygroundRuntime, RunListener } from "../session/runtime-api";
import type { RunResult } from "../runtime/types";
import { DEFAULT_SETTINGS } from "../runtime/settings";
import { RunController } from "./run-controller";
import { createPlaygroundStores } from "./state/stores";

const ok = (text: string): RunResult => ({
  status: "ok", exitCode: 0, durationMs: 1,
  output: [{ thread: "MainThread", text, t: 0 }], errors: [], threads: [], stats: { events: 0, droppedEvents: 0 },
});

/** A runtime whose runs finish only when the test says so. */
function scriptedRuntime() {
  const runs: { code: string; listener: RunListener; finish(r: RunResult): void; fail(e: unknown): void }[] = [];
  const runtime: PlaygroundRuntime = {
    isolated: true,
    isolationProblem: null,
    run(code, _settings, listener) {
      let finish!: (r: RunResult) => void;
      let fail!: (e: unknown) => void;
      const result = new Promise<RunResult>((resolve, reject) => { finish = resolve; fail = reject; });
      runs.push({ code, listener, finish, fail });
      return { result, stop() {}, control: Promise.resolve(undefined) };
    },
    stop() {},
    check: async () => [],
    runner: async () => null,
  };
  return { runtime, runs };
}

describe("RunController", () => {
  it("sets the editor's code and settings, streams output, and ends with a summary", async () => {
    const { runtime, runs } = scriptedRuntime();
    const stores = createPlaygroundStores("old");
    const controller = new RunController(runtime, stores);
    const done = controller.run({ code: "new", settings: { gil: true } });
    expect(stores.editor.getState().code).toBe("new");
    expect(stores.settings.getState().gil).toBe(true);
    expect(stores.run.getState().phase).toBe("running");
    runs[0].listener.onOutput?.([{ thread: "MainThread", text: "hi", t: 1 }]);
    runs[0].finish(ok("hi"));
    expect((await done).status).toBe("ok");
    const rows = stores.run.getState().output.rows;
    expect(rows.map((r) => r.kind)).toEqual(["line", "summary"]);
    expect(stores.run.getState().phase).toBe("ok");
  });

  it("ignores the output and result of a run that a newer run replaced", async () => {
    const { runtime, runs } = scriptedRuntime();
    const stores = createPlaygroundStores("");
    const controller = new RunController(runtime, stores);
    const first = controller.run({ code: "1" });
    const second = controller.run({ code: "2" });
    runs[0].listener.onOutput?.([{ thread: "MainThread", text: "stale", t: 0 }]);
    runs[0].finish({ ...ok("stale"), status: "stopped" });
    expect((await first).status).toBe("stopped");
    expect(stores.run.getState().phase).toBe("running");
    runs[1].finish(ok("fresh"));
    await second;
    expect(stores.run.getState().output.rows.some((r) => r.text === "stale")).toBe(false);
  });

  it("reports a runtime that throws as an error result", async () => {
    const { runtime, runs } = scriptedRuntime();
    const stores = createPlaygroundStores("");
    const controller = new RunController(runtime, stores);
    const done = controller.run();
    runs[0].fail(new Error("worker crashed"));
    const result = await done;
    expect(result.status).toBe("error");
    expect(result.errors[0].message).toBe("worker crashed");
    expect(stores.run.getState().output.rows.some((r) => r.text.includes("worker crashed"))).toBe(true);
  });

  it("refuses to run on a page without isolation, with the runtime's reason", async () => {
    const stores = createPlaygroundStores("");
    const runtime: PlaygroundRuntime = {
      isolated: false, isolationProblem: "no SharedArrayBuffer",
      run: () => { throw new Error("must not be called"); }, stop() {}, check: async () => [], runner: async () => null,
    };
    const result = await new RunController(runtime, stores).run();
    expect(result.errors[0].message).toContain("no SharedArrayBuffer");
  });

  it("keeps the settings the run resolved, and what its pragma set, while it runs (the toolbar shows them)", async () => {
    const { runtime, runs } = scriptedRuntime();
    const stores = createPlaygroundStores("");
    const controller = new RunController(runtime, stores);
    const done = controller.run({ code: "// playground: gil=on\nprint(1)\n" });
    expect(stores.run.getState().inForce).toBeNull();
    runs[0].listener.onSettings?.({ ...DEFAULT_SETTINGS, gil: true });
    expect(stores.run.getState().inForce).toEqual({ settings: { ...DEFAULT_SETTINGS, gil: true }, fromCode: { gil: true } });
    runs[0].finish(ok("1"));
    await done;
    expect(stores.run.getState().inForce).toBeNull();
  });
});
