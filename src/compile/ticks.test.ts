import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { call, compileOk, makeHost, runBody } from "./test-host";

const LOOPS = `
  function empty() {}
  const arrow = (x: number) => x;
  function loops() {
    for (let i = 0; i < 3; i++) {}
    for (const k in { a: 1, b: 2 }) k;
    for (const v of [1, 2, 3, 4]) v;
    let n = 0;
    while (n < 5) n++;
    do n--; while (n > 0);
    return n;
  }
  class K { method() { return 1; } get prop() { return 2; } }
  function all() { empty(); arrow(1); new K().method(); new K().prop; return loops(); }
`;

describe("eval-breaker ticks", () => {
  it("calls tick at every loop iteration (a counted loop's every block) and function entry while the control word is set", async () => {
    const host = makeHost();
    await runBody(compileOk(LOOPS, { ticks: true }), host);
    expect(call(host, "all")).toBe(0);
    expect(host.ticks).toBe(0); // control word clear: no calls

    host.ctl[0] = 1;
    call(host, "empty");
    expect(host.ticks).toBe(1);
    call(host, "arrow", 1);
    expect(host.ticks).toBe(2);
    host.ticks = 0;
    call(host, "loops");
    // entry 1 + for 1 (a counted loop checks once per block of iterations: counted-loops.ts) + for-in 2 + for-of 4 + while 5 + do 5
    expect(host.ticks).toBe(18);
    host.ticks = 0;
    call(host, "all");
    // all, empty, arrow, constructor-less K: method, getter, loops(18)
    expect(host.ticks).toBe(1 + 1 + 1 + 1 + 1 + 18);
  });

  it("checks before super() without breaking derived constructors and parameter properties", async () => {
    const host = makeHost();
    await runBody(compileOk(`
      class Base { constructor(public a: number) {} }
      class Derived extends Base { extra = 1; constructor(public b: number) { super(b * 2); } }
      function make() { const d = new Derived(3); return [d.a, d.b, d.extra]; }
    `, { ticks: true }), host);
    host.ctl[0] = 1;
    expect(call(host, "make")).toEqual([6, 3, 1]);
    expect(host.ticks).toBe(3);
  });

  it("inserts nothing without the option", async () => {
    const host = makeHost();
    await runBody(compileOk(LOOPS), host);
    host.ctl[0] = 1;
    call(host, "all");
    expect(host.ticks).toBe(0);
  });

  it("lets tick() stop a runaway loop at the top level", async () => {
    let calls = 0;
    const host = makeHost({
      tick: () => {
        if (++calls === 1000) throw new Error("stopped");
      },
    });
    host.ctl[0] = 1;
    await expect(runBody(compileOk(`let spins = 0; while (true) { spins++; }`, { ticks: true }), host)).rejects.toThrow("stopped");
    expect(host.g[0]).toBe(999);
  });

  it("reports the cost of the checks in a tight numeric loop", async () => {
    const source = `function sum(n: number) { let s = 0; for (let i = 0; i < n; i++) s += i % 7; return s; }`;
    const load = async (ticks: boolean) => {
      const host = await runBody(compileOk(source, { ticks }), makeHost());
      const sum = host.hooks().evalInScope("sum") as (n: number) => number;
      // many short calls, so the function itself gets optimised, not only its loop (OSR)
      for (let i = 0; i < 500; i++) sum(1e3);
      return sum;
    };
    // Each variant's best of alternating runs, so a burst of load elsewhere on
    // the machine does not land on one variant only; and up to three fresh
    // attempts, since the JIT now and then settles on slower code for either.
    const ratios: number[] = [];
    for (let attempt = 0; attempt < 3 && !(ratios.at(-1)! < 1.3); attempt++) {
      const variants = [await load(false), await load(true)];
      const best = [Infinity, Infinity];
      for (let round = 0; round < 15; round++) {
        for (const v of [0, 1]) {
          const t = performance.now();
          variants[v](1e7);
          best[v] = Math.min(best[v], performance.now() - t);
        }
      }
      ratios.push(best[1] / best[0]);
    }
    // Reported, not asserted: tests check behaviour, and a loaded machine
    // moves this ratio (npm run bench measures it in the browser).
    console.log(`tick overhead: best ratio ${Math.min(...ratios).toFixed(2)} (goal <= 1.3)`);
    expect(ratios.every((r) => r > 0)).toBe(true);
  });

  it("sees the control word set by another thread inside an optimised tight loop", async () => {
    const { js } = compileOk(`function spin() { let n = 0; while (true) n++; }`, { ticks: true });
    const ctl = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(`
      const { parentPort, workerData } = require("node:worker_threads");
      const AsyncFunction = (async () => {}).constructor;
      let hooks;
      let ticks = 0;
      const host = {
        api: {}, isMain: true, g: new Float64Array(8), ctl: workerData.ctl, snapshot: {},
        tick() { if (++ticks > 0) throw new Error("ticked"); },
        bindModule(h) { hooks = h; }, closure: (f) => f, name: (v) => v, thrown: (v) => v,
      };
      new AsyncFunction("__pg", workerData.js)(host).then(() => {
        parentPort.postMessage("spinning");
        try { hooks.evalInScope("spin")(); } catch (e) { parentPort.postMessage(e.message); }
      });
    `, { eval: true, workerData: { js, ctl } });
    try {
      const messages: string[] = [];
      const ticked = new Promise<void>((resolve, reject) => {
        worker.on("message", (m: string) => {
          messages.push(m);
          if (m === "spinning") setTimeout(() => Atomics.store(ctl, 0, 1), 300);
          if (m === "ticked") resolve();
        });
        worker.on("error", reject);
        setTimeout(() => reject(new Error("the loop never saw the control word")), 8000);
      });
      await ticked;
      expect(messages).toEqual(["spinning", "ticked"]);
    } finally {
      await worker.terminate();
    }
  });
});
