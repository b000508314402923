import { describe, expect, it } from "vitest";
import { call, compileOk, makeHost, runBody, runMain, runThread } from "./test-host";

describe("top level: MainThread runs it, threads get declarations and copies", () => {
  it("copies object globals into a thread; the thread's writes stay in its copy", async () => {
    const { result, main } = await runMain(`
      import { print } from "playground";
      const items = [1, 2];
      let config = { name: "a" };
      items.push(3);
      config = { name: "b" };
      print("main only");
      function add(n: number) { items.push(n); return items.length; }
      function name() { return config.name; }
    `);
    expect(result.copiedGlobals).toEqual(["items", "config"]);
    expect(main.printed).toEqual([["main only"]]);
    const thread = await runThread(result, main);
    expect(thread.printed).toEqual([]);
    expect(call(thread, "name")).toBe("b");
    expect(call(thread, "add", 9)).toBe(4);
    expect(call(main, "add", 7)).toBe(4);
    expect(main.hooks().snapshot()).toEqual({ items: [1, 2, 3, 7], config: { name: "b" } });
    expect(thread.hooks().snapshot()).toEqual({ items: [1, 2, 3, 9], config: { name: "b" } });
  });

  it("tells the runtime which top-level variable each value is given, in MainThread only", async () => {
    // Scenario (API.md §1, names): \`const lockA = makeLock()\` and a later
    // \`lockB = makeLock()\` (also inside a function) report (value, name);
    // shared numbers, literal constants and functions report nothing, and a
    // thread, which takes the values from its snapshot, reports nothing.
    const { result, main } = await runMain(`
      import { makeLock } from "playground";
      const lockA = makeLock("a");
      let lockB = makeLock("b0");
      let n = 1;
      const k = 5;
      function renew() { lockB = makeLock("b1"); }
      renew();
      n = 2;
    `, { api: { makeLock: (tag: string) => ({ tag }) } });
    expect(main.named).toEqual([[{ tag: "a" }, "lockA"], [{ tag: "b0" }, "lockB"], [{ tag: "b1" }, "lockB"]]);
    const thread = await runThread(result, main);
    expect(thread.named).toEqual([]);
  });

  it("names what each variable of a top-level destructuring gets (a Pipe's two ends)", async () => {
    // Scenario (API.md §1, names): \`const [parent, child] = Pipe()\` is
    // parent and child on the timeline, as \`const jobs = new Queue()\` is
    // jobs; a nested pattern names its leaves, and a thread reports nothing.
    const { result, main } = await runMain(`
      import { makePipe } from "playground";
      const [parent, child] = makePipe();
      const { ends: [left, right] } = { ends: makePipe() };
    `, { api: { makePipe: () => [{ end: 0 }, { end: 1 }] } });
    expect(main.named).toEqual([[{ end: 0 }, "parent"], [{ end: 1 }, "child"], [{ end: 0 }, "left"], [{ end: 1 }, "right"]]);
    const thread = await runThread(result, main);
    expect(thread.named).toEqual([]);
  });

  it("leaves variables still in their temporal dead zone out of the snapshot", async () => {
    const seen: Record<string, unknown>[] = [];
    const host = makeHost({ api: { probe: () => seen.push(host.hooks().snapshot()) } });
    const result = compileOk(`
      import { probe } from "playground";
      const early = [1];
      var hoisted = { v: 1 };
      probe();
      let late = [2];
      const { x: destructured } = { x: 3 };
      probe();
    `);
    await runBody(result, host);
    expect(seen[0]).toEqual({ early: [1], hoisted: { v: 1 } });
    expect("late" in seen[0]).toBe(false);
    expect(seen[1]).toEqual({ early: [1], hoisted: { v: 1 }, late: [2], destructured: 3 });
  });

  it("evaluates declarations in every worker and nothing else", async () => {
    const { result, main } = await runMain(`
      import { print } from "playground";
      const LIMIT = 3, GREETING = "hi", NOTHING = null;
      const double = (n: number) => n * 2;
      const Shape = class { area() { return LIMIT; } };
      enum Color { Red = 1, Green = Red + 1 }
      namespace Util { export const twice = (s: string) => s + s; }
      class Box { constructor(public v: number) {} }
      function work() { return [double(LIMIT), new Shape().area(), Color.Green, Util.twice(GREETING), new Box(4).v, NOTHING]; }
      function makeData() { print("made"); return [1]; }
      const data = makeData();
      for (let i = 0; i < 2; i++) print(i);
      if (true) { print("if"); }
      try { print("try"); } finally { print("finally"); }
      label: { break label; }
      await Promise.resolve();
      print("after await");
    `);
    expect(result.copiedGlobals).toEqual(["data"]);
    expect(main.printed).toEqual([["made"], [0], [1], ["if"], ["try"], ["finally"], ["after await"]]);
    const thread = await runThread(result, main);
    expect(thread.printed).toEqual([]);
    expect(call(thread, "work")).toEqual([6, 3, 2, "hihi", 4, null]);
    expect(thread.hooks().evalInScope("data")).toEqual([1]);
  });

  it("copies destructured and hoisted var globals", async () => {
    const { result, main } = await runMain(`
      const { a, b: [c, ...rest], d = 4 } = { a: 1, b: [2, 3, 5] } as any;
      for (var k = 0; k < 3; k++) {}
      if (a) { var inner = "set"; }
      function read() { return [a, c, rest, d, k, inner]; }
    `);
    expect(result.copiedGlobals).toEqual(["a", "c", "rest", "d", "k", "inner"]);
    expect(call(main, "read")).toEqual([1, 2, [3, 5], 4, 3, "set"]);
    const thread = await runThread(result, main);
    expect(call(thread, "read")).toEqual([1, 2, [3, 5], 4, 3, "set"]);
  });

  it("keeps const-ness, strict mode and top-level await in MainThread", async () => {
    await expect(runMain(`const list = [1]; list = [2];`)).rejects.toThrow(TypeError);
    await expect(runMain(`undeclared = 1;`)).rejects.toThrow(ReferenceError);
    const { main } = await runMain(`
      import { print } from "playground";
      const value = await Promise.resolve(5);
      for await (const v of [Promise.resolve(1)]) print(v);
      print(value);
    `);
    expect(main.printed).toEqual([[1], [5]]);
  });

  it("keeps a function's contextual name for copied function variables", async () => {
    const { result, main } = await runMain(`
      let handler = () => 1;
      var other = function () {};
      function names() { return [handler.name, other.name]; }
    `);
    expect(call(main, "names")).toEqual(["handler", "other"]);
    expect(result.copiedGlobals).toEqual(["handler", "other"]);
  });

  it("drops exports but keeps what they declare", async () => {
    const { main } = await runMain(`
      import { print } from "playground";
      export function f() { return 1; }
      export const xs = [2];
      export let n = 3;
      export default class K { v = 4; }
      export { f as g };
      print(f(), xs[0], n, new K().v);
    `);
    expect(main.printed).toEqual([[1, 2, 3, 4]]);
    const withDefault = await runMain(`import { print } from "playground"; export default print("default");`);
    expect(withDefault.main.printed).toEqual([["default"]]);
  });
});

describe("imports", () => {
  it("binds names from the playground API in every worker", async () => {
    const api = { Thread: class {}, sleep: () => "slept" };
    const { result, main } = await runMain(`
      import { print, sleep as nap, Thread, type Lock } from "playground";
      import * as pg from "playground";
      import type { Queue } from "playground";
      const req = require("playground");
      const dyn = await import("playground");
      function use() { return [nap(), pg.sleep === nap, req.Thread === Thread, dyn === pg]; }
      print(typeof Thread);
    `, { api });
    expect(main.printed).toEqual([["function"]]);
    expect(call(main, "use")).toEqual(["slept", true, true, true]);
    const thread = await runThread(result, main, { api });
    expect(call(thread, "use")).toEqual(["slept", true, true, true]);
  });

  it("does not touch type-only imports at run time", async () => {
    const strictApi = new Proxy({ print: () => {} } as Record<string, unknown>, {
      get(target, key) {
        if (typeof key === "string" && !(key in target)) throw new Error(`read ${key}`);
        return target[key as string];
      },
    });
    const host = makeHost();
    host.api = strictApi;
    const result = compileOk(`
      import type { Lock } from "playground";
      import { type Queue, print } from "playground";
      let l: Lock | undefined; let q: Queue<number> | undefined;
      print(l, q);
    `);
    await expect(runBody(result, host)).resolves.toBeDefined();
  });
});
