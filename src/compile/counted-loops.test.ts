import { describe, expect, it } from "vitest";
import { call, compileOk, makeHost, runBody } from "./test-host";
import { BLOCK } from "./counted-loops";

/** Runs `fn` of `source` with the control word set, so every check calls tick(): its result and the ticks it took. */
async function ticked(source: string, fn: string, ...args: unknown[]): Promise<{ value: unknown; ticks: number }> {
  const host = makeHost();
  await runBody(compileOk(source, { ticks: true }), host);
  host.ctl[0] = 1;
  const value = call(host, fn, ...args);
  return { value, ticks: host.ticks };
}

/** the same function compiled without checks: what the loop must still do */
async function plain(source: string, fn: string, ...args: unknown[]): Promise<unknown> {
  const host = makeHost();
  await runBody(compileOk(source), host);
  return call(host, fn, ...args);
}

const SUM = `function sum(n: number) { let s = 0; for (let i = 0; i < n; i++) s += i % 7; return s; }`;

describe("counted loops (strip-mined checks)", () => {
  it("checks once per block of iterations, and runs the same iterations", async () => {
    for (const n of [0, 1, 5, BLOCK - 1, BLOCK, BLOCK + 1, 3 * BLOCK + 17, 2.5, -3, NaN, Infinity * 0]) {
      const { value, ticks } = await ticked(SUM, "sum", n);
      expect(value).toBe(await plain(SUM, "sum", n));
      // the function's entry, then one per block begun
      expect(ticks).toBe(1 + Math.max(0, Math.ceil(n / BLOCK) || 0));
    }
  });

  it("reads a bound that is not a number at run time as often as before", async () => {
    const source = `
      function count(n: any) { let s = 0; for (let i = 0; i < n; i++) s++; return s; }
      function reads() {
        let calls = 0;
        const n = { valueOf() { calls++; return 3000; } };
        count(n);
        return calls;
      }`;
    const { value } = await ticked(source, "reads");
    expect(value).toBe(await plain(source, "reads"));
    expect(value).toBe(3001);
    expect((await ticked(source, "count", "2500")).value).toBe(2500);
  });

  it("leaves alone a loop whose bound a getter the body reaches can change", async () => {
    const source = `
      function stop() {
        let n = 5000;
        const o = { get x() { n = 0; return 1; } };
        let s = 0;
        for (let i = 0; i < n; i++) s += o.x;
        return s;
      }`;
    const { value, ticks } = await ticked(source, "stop");
    expect(value).toBe(1);
    expect(value).toBe(await plain(source, "stop"));
    // stop, the getter's entry, and the one iteration's check
    expect(ticks).toBe(3);
  });

  it("checks every iteration where a block could change what the loop does or delay the check", async () => {
    const loops = {
      brk: `function f(n: number) { let s = 0; for (let i = 0; i < n; i++) { if (i === 40) break; s++; } return s; }`,
      cont: `function f(n: number) { let s = 0; for (let i = 0; i < n; i++) { if (i % 2) continue; s++; } return s; }`,
      call: `function g(x: number) { return x; } function f(n: number) { let s = 0; for (let i = 0; i < n; i++) s += Math.abs(i); return s; }`,
      closure: `function f(n: number) { const fs: (() => number)[] = []; for (let i = 0; i < n; i++) fs.push(() => i); return fs.length; }`,
      assignsIndex: `function f(n: number) { let s = 0; for (let i = 0; i < n; i++) { s++; i += 0; } return s; }`,
      assignsBound: `function f(n: number) { let s = 0; for (let i = 0; i < n; i++) { s++; if (i === 50) n = 60; } return s; }`,
      stepTwo: `function f(n: number) { let s = 0; for (let i = 0; i < n; i += 2) s++; return s; }`,
      lessEqual: `function f(n: number) { let s = 0; for (let i = 0; i <= n - 1; i++) s++; return s; }`,
      labeled: `function f(n: number) { let s = 0; outer: for (let i = 0; i < n; i++) s++; return s; }`,
      power: `function f(n: number) { let s = 0; for (let i = 0; i < n; i++) s = (s + i ** 2) % 1000; return s; }`,
    };
    for (const [name, source] of Object.entries(loops)) {
      const { value, ticks } = await ticked(source, "f", 100);
      expect(value, name).toBe(await plain(source, "f", 100));
      // the entry, and one check per iteration run
      expect(ticks, name).toBeGreaterThan(1 + Math.ceil(100 / BLOCK));
    }
  });

  it("runs the same iterations where the bound or the index can change in ways an assignment does not show (a hostile review's cases)", async () => {
    const cases: [string, string, ...unknown[]][] = [
      ["var redeclares the bound", `function f(n: number) { let s = 0; for (let i = 0; i < n; i++) { s++; var n = 0; } return s; }`, 5000],
      ["for-of assigns the bound", `function f(n: number) { let s = 0; for (let i = 0; i < n; i++) { s++; for (n of [0]) s += 0; } return s; }`, 5000],
      ["for-in assigns the bound", `function f(n: number) { let s = 0; for (let i = 0; i < n; i++) { s++; for (n in { 0: 1 }) s += 0; } return s; }`, 5000],
      ["a getter's eval assigns the bound", `function f() { let n = 5000; const o = { get x() { eval("n = 0"); return 1; } }; let s = 0; for (let i = 0; i < n; i++) s += o.x; return s; }`],
      ["a namespace's bound", `const n = 9000; namespace NS { export const n = 5000; export function g() { let s = 0; for (let i = 0; i < n; i++) s++; return s; } } function f() { return NS.g(); }`],
      ["1e400 is Infinity, shadowed", `function f() { const Infinity = 3; let s = 0; for (let i = 0; i < 1e400; i++) { s++; if (s > 3000) return s; } return s; }`],
      ["an index past 2^53's precision", `function f() { let s = 0; for (let i = 1e20; i < 1e300; i++) { s++; if (s > 3000) return s; } return s; }`],
      ["a rest binding in the body", `function f(n: number, big: number[]) { let s = 0; for (let i = 0; i < n; i++) { const [...c] = big; s += c.length; } return s; }`, 3000, [1, 2]],
    ];
    for (const [name, source, ...args] of cases) {
      const { value } = await ticked(source, "f", ...args);
      expect(value, name).toBe(await plain(source, "f", ...args));
    }
  });

  it("keeps nested counted loops and a return from inside the body right", async () => {
    const source = `
      function grid(n: number, m: number) {
        let s = 0;
        for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) s += i * m + j;
        return s;
      }
      function find(n: number, target: number) { for (let i = 0; i < n; i++) if (i * i >= target) return i; return -1; }`;
    for (const [n, m] of [[3, 5], [40, 1500], [0, 9]]) expect((await ticked(source, "grid", n, m)).value).toBe(await plain(source, "grid", n, m));
    expect((await ticked(source, "find", 5000, 4_000_000)).value).toBe(2000);
    expect((await ticked(source, "find", 10, 4_000_000)).value).toBe(-1);
  });

  it("lets tick() stop a counted loop that would run for ever", async () => {
    let calls = 0;
    const host = makeHost({
      tick: () => {
        if (++calls === 5) throw new Error("stopped");
      },
    });
    await runBody(compileOk(`function spin() { let s = 0; for (let i = 0; i < Infinity; i++) s += i; return s; }`, { ticks: true }), host);
    host.ctl[0] = 1;
    expect(() => call(host, "spin")).toThrow("stopped");
  });
});
