import { describe, expect, it } from "vitest";
import { call, runMain } from "./test-host";

const summary = (closures: { names: string[]; values: () => unknown[] }[]) =>
  closures.map((c) => ({ names: c.names, values: c.values() }));

describe("closures over locals of enclosing functions", () => {
  it("wraps a capturing arrow with its captured names and live values, and it still works", async () => {
    const { main } = await runMain(`
      function make(n: number) {
        const base = 10;
        const add = (x: number) => x + n + base;
        return add;
      }
      function use() { const f = make(5); return [f(1), f.name]; }
    `);
    expect(call(main, "use")).toEqual([16, "add"]);
    expect(summary(main.closures)).toEqual([{ names: ["n", "base"], values: [5, 10] }]);
  });

  it("does not wrap functions that only use module-level names, shared globals, their own locals and parameters", async () => {
    const { main } = await runMain(`
      import { print } from "playground";
      let counter = 0;
      const items = [1];
      function helper() { return 1; }
      class K {}
      declare function external(): number;
      function outer() {
        return [
          () => helper() + counter + items.length + (new K() ? 1 : 0) + (typeof external === "function" ? 1 : 0),
          function (a: number) { const b = 2; return a + b; },
          (x: number) => { let y = x; return () => 1; },
        ];
      }
      print(outer()[0]());
    `);
    expect(main.printed).toEqual([[3]]);
    expect(main.closures).toEqual([]);
  });

  it("names captures in first-use order and reads them lazily", async () => {
    const { main } = await runMain(`
      function make() {
        let a = 1, b = 2;
        const f = () => b * 10 + a + b;
        a = 7;
        return f;
      }
      function run() { return make()(); }
    `);
    expect(call(main, "run")).toBe(29);
    expect(summary(main.closures)).toEqual([{ names: ["b", "a"], values: [2, 7] }]);
  });

  it("marks this/arguments of an enclosing function for arrows only", async () => {
    const { main } = await runMain(`
      class A {
        v = 3;
        m() { return () => this.v; }
        plain() { return function (this: any) { return this; }; }
      }
      function g(..._xs: number[]) { return () => arguments.length; }
      function run() { return [new A().m()(), new A().plain().call(5), g(1, 2)()]; }
    `);
    expect(call(main, "run")).toEqual([3, 5, 2]);
    expect(summary(main.closures)).toEqual([
      { names: ["this"], values: [undefined] },
      { names: ["arguments"], values: [undefined] },
    ]);
  });

  it("wraps every level of nested closures with what each needs", async () => {
    const { main } = await runMain(`
      function outer() {
        let a = 1;
        return () => { let b = 2; return () => a + b; };
      }
      function run() { return outer()()(); }
    `);
    expect(call(main, "run")).toBe(3);
    // the outer arrow is created first, the inner one when it runs
    expect(summary(main.closures)).toEqual([
      { names: ["a"], values: [1] },
      { names: ["a", "b"], values: [1, 2] },
    ]);
  });

  it("treats block-scoped variables of the top level as captures", async () => {
    const { main } = await runMain(`
      import { print } from "playground";
      const fns: (() => number)[] = [];
      for (const item of [4, 5]) fns.push(() => item);
      print(fns.map((f) => f()));
    `);
    expect(main.printed).toEqual([[[4, 5]]]);
    expect(summary(main.closures)).toEqual([
      { names: ["item"], values: [4] },
      { names: ["item"], values: [5] },
    ]);
  });

  it("re-binds a nested function declaration that captures, at the start of its block", async () => {
    const { main } = await runMain(`
      function outer(n: number) {
        const before = inner();
        function inner() { return n * 2; }
        function free() { return 1; }
        return [before, inner, free];
      }
      function run() { const [before, inner] = outer(4) as [number, () => number]; return [before, inner(), inner.name]; }
    `);
    expect(call(main, "run")).toEqual([8, 8, "inner"]);
    expect(summary(main.closures)).toEqual([{ names: ["n"], values: [4] }]);
    const [, inner] = call(main, "outer", 4) as unknown[];
    expect(main.closures.at(-1)?.fn).toBe(inner);
  });
});
