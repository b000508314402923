import { describe, expect, it } from "vitest";
import { call, compileOk, runMain, runThread } from "./test-host";

describe("shared number/boolean globals", () => {
  it("lives in shared memory: a thread's writes are MainThread's writes", async () => {
    const { result, main } = await runMain(`
      import { print } from "playground";
      let counter = 0;
      function work() { counter += 1; }
      function read() { return counter; }
      work(); work();
      print(counter);
    `);
    expect(result.sharedGlobals).toEqual([{ name: "counter", type: "number", slot: 0 }]);
    expect(main.printed).toEqual([[2]]);
    expect(main.g[0]).toBe(2);

    const thread = await runThread(result, main);
    expect(thread.printed).toEqual([]); // top-level statements do not run again
    expect(main.g[0]).toBe(2); // nor does the initial store
    call(thread, "work");
    expect(main.g[0]).toBe(3);
    expect(call(main, "read")).toBe(3);
    expect(call(thread, "read")).toBe(3);
  });

  it("does not rewrite a local or parameter that shadows the global", async () => {
    const { main } = await runMain(`
      import { print } from "playground";
      let counter = 5;
      function local() { let counter = 100; counter++; return counter; }
      function param(counter: number) { counter += 1; return counter; }
      function nested() { const counter = [1, 2]; return () => counter.length; }
      { let counter = "block"; print(counter); }
      print(local(), param(10), nested()(), counter);
      const obj = { counter };
      print(obj.counter);
    `);
    expect(main.printed).toEqual([["block"], [101, 11, 2, 5], [5]]);
    expect(main.g[0]).toBe(5);
  });

  it("reads booleans back as booleans and stores them as 0/1", async () => {
    const { result, main } = await runMain(`
      import { print } from "playground";
      let done = false;
      let ready: boolean;
      let big = 2 > 1;
      function finish() { done = true; return done; }
      function toggle() { return (ready = !ready); }
      print(typeof done, done, ready, big);
      print(finish(), toggle(), toggle());
      done &&= false;
      ready ||= true;
      print(done, ready, !done);
    `);
    expect(result.sharedGlobals.map((g) => [g.name, g.type])).toEqual([
      ["done", "boolean"], ["ready", "boolean"], ["big", "boolean"],
    ]);
    expect(main.printed).toEqual([
      ["boolean", false, false, true],
      [true, true, false],
      [false, true, true],
    ]);
    const thread = await runThread(result, main);
    expect(call(thread, "toggle")).toBe(false);
    expect(main.g[1]).toBe(0);
  });

  it("keeps every operator's meaning: compound, update, logical, destructuring, for-of targets", async () => {
    const { main } = await runMain(`
      import { print } from "playground";
      let x = 1, y = 10, z: number;
      print(x++, ++x, x--, --x, x);
      x += 4; x *= 3; x **= 2; x -= 1; x /= 4; x %= 7;
      y <<= 2; y >>= 1; y >>>= 1; y |= 1; y &= 7; y ^= 2;
      print(x, y, z);
      z ??= 9; z ||= 8; z &&= 7;
      print(z);
      [x, y] = [y, x];
      print(x, y);
      ({ x, y = 3 } = { x: 42 });
      print(x, y);
      for (z of [1, 2, 3]) {}
      print(z, typeof z, (x = 5) + 1, x);
    `);
    // same operations on ordinary variables
    let x = 1, y = 10, z = 0;
    const expected: unknown[][] = [[x++, ++x, x--, --x, x]];
    x += 4; x *= 3; x **= 2; x -= 1; x /= 4; x %= 7;
    y <<= 2; y >>= 1; y >>>= 1; y |= 1; y &= 7; y ^= 2;
    expected.push([x, y, z]);
    z ??= 9; z ||= 8; z &&= 7; // a shared number starts at 0, never undefined
    expected.push([z], [y, x], [42, 3], [3, "number", 6, 5]);
    expect(main.printed).toEqual(expected);
  });

  it("gives slots in declaration order to annotated or literal-initialised let/var only", () => {
    const result = compileOk(`
      let a = 1, b = -2.5, c = true, d = (1 + 2) * 3, e = 1 < 2 && 3 > 2;
      var f: number, g: boolean;
      let h = !0;
      const k = 1;
      let s = "text", n = Math.random(), m: number | undefined = 1, t: any = 0;
      let [p] = [1];
      let u;
      var mixed = 1 || true;
    `);
    expect(result.sharedGlobals).toEqual([
      { name: "a", type: "number", slot: 0 },
      { name: "b", type: "number", slot: 1 },
      { name: "c", type: "boolean", slot: 2 },
      { name: "d", type: "number", slot: 3 },
      { name: "e", type: "boolean", slot: 4 },
      { name: "f", type: "number", slot: 5 },
      { name: "g", type: "boolean", slot: 6 },
      { name: "h", type: "boolean", slot: 7 },
    ]);
    expect(result.copiedGlobals).toEqual(["s", "n", "m", "t", "p", "u", "mixed"]);
  });

  it("keeps the initialiser evaluation in MainThread, with its side effects", async () => {
    const { result, main } = await runMain(`
      import { print } from "playground";
      function start(): number { print("init"); return 7; }
      let total: number = start();
      function get() { return total; }
    `);
    expect(main.printed).toEqual([["init"]]);
    const thread = await runThread(result, main);
    expect(thread.printed).toEqual([]);
    expect(call(thread, "get")).toBe(7);
  });

  it("reaches shared globals from methods, closures and class fields", async () => {
    const { main } = await runMain(`
      import { print } from "playground";
      let hits = 0;
      class Counter { step = 2; bump() { hits += this.step; } static peek = () => hits; }
      const c = new Counter();
      c.bump(); [1, 2].forEach(() => hits++);
      print(Counter.peek(), \`\${hits}\`, { hits }.hits);
    `);
    expect(main.printed).toEqual([[4, "4", 4]]);
  });
});
