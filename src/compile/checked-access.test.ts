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
