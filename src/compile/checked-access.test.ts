// A checked compile (the race detector) sends every read and write of a
// shared global through the host with its site, in JavaScript's order, and
// keeps every operator's meaning.

import { describe, expect, it } from "vitest";
import { compileOk, runMain } from "./test-host";

describe("checked compile", () => {
  it("turns counter += 1 into a read then a write, with the site's line and the variable's name", async () => {
    const { result, main } = await runMain(`import { print } from "playground";
let counter = 0;
function work() {
  counter += 1;
}
work();
print(counter);`, { checked: true });
    expect(main.printed).toEqual([[1]]);
    // the first store (line 2) stays raw; line 4 reads then writes; line 7 reads
    expect(main.accesses.map(([kind, slot, site]) => [kind, slot, result.sites[site].line, result.sites[site].text]))
      .toEqual([["r", 0, 4, "counter"], ["w", 0, 4, "counter"], ["r", 0, 7, "counter"]]);
  });

  it("keeps the value of every operator form: ++, --, compound, logical, booleans", async () => {
    const { main } = await runMain(`import { print } from "playground";
let n = 5;
let flag = false;
const a = n++;
const b = ++n;
const c = n--;
n *= 3;
n ||= 99;
n &&= n - 1;
n ??= 1000;
flag = !flag;
const d = (flag = flag && n > 10);
print(a, b, c, n, flag, d);`, { checked: true });
    // n: 5 -> 6 -> 7 -> 6 -> 18 -> 18 -> 17
    expect(main.printed).toEqual([[5, 7, 7, 17, true, true]]);
    expect(main.accesses.length).toBeGreaterThan(10);
  });

  it("reads the right side after the left read, as JavaScript does", async () => {
    const { main } = await runMain(`let x = 1;
let y = 2;
x += y;`, { checked: true });
    expect(main.accesses.map(([k, slot]) => `${k}${slot}`)).toEqual(["r0", "r1", "w0"]);
    expect(main.g[0]).toBe(3);
  });

  it("an unchecked compile has no sites and never calls the host", () => {
    const result = compileOk(`let x = 1; x += 1;`);
    expect(result.sites).toEqual([]);
    expect(result.js).not.toContain("__pg.rd");
  });
});

describe("checked compile: elements, fields and Atomics", () => {
  it("sends element and field accesses through the host, keeping calls, this and values", async () => {
    const { result, main } = await runMain(`import { print } from "playground";
class Worker {
  stop = false;
  count = 0;
  bump() { this.count++; return this.count; }
}
const w = new Worker();
const arr = [1, 2, 3];
arr[1] += 10;
arr[0]++;
const b = w.bump();
w.stop = true;
print(arr.join(","), b, w.stop, arr.length, [5, 6].map((x) => x * 2)[1]);`, { checked: true });
    expect(main.printed).toEqual([["2,12,3", 1, true, 3, 12]]);
    const described = main.accesses.map(([k, key, site]) => `${k}:${key}@${result.sites[site].line}`);
    expect(described).toEqual(expect.arrayContaining(["r:1@9", "w:1@9", "r:0@10", "w:0@10", "r:count@5", "w:count@5", "w:stop@12", "r:stop@13"]));
    // arr.join and w.bump are calls: not accesses
    expect(described.some((d) => d.startsWith("r:join") || d.startsWith("r:bump"))).toBe(false);
  });

  it("replaces only the global Atomics, not a local of that name", () => {
    const result = compileOk(`const a = new Int32Array(new SharedArrayBuffer(8));
Atomics.add(a, 0, 1);
function f(Atomics: { add(x: unknown): number }) { return Atomics.add(a); }`, { checked: true });
    expect(result.js).toContain("__pg.atomics.add(");
    expect(result.js).toContain("return Atomics.add(");
  });

  it("leaves destructuring targets and logical assignments of elements raw but still correct", async () => {
    const { main } = await runMain(`import { print } from "playground";
const o = { a: 0, b: 0 } as Record<string, number>;
const xs = [0, 0];
[xs[0], xs[1]] = [7, 8];
o.a ||= 5;
print(xs.join(","), o.a);`, { checked: true });
    expect(main.printed).toEqual([["7,8", 5]]);
  });
});
