import { describe, expect, it } from "vitest";
import { compile } from "./compile";
import { copiedWriteMessage } from "./checks";
import { processFieldWriteMessage, threadFieldWriteMessage } from "./thread-fields";
import { processWriteMessage } from "./process-functions";

const errors = (source: string) => compile(source).diagnostics.filter((d) => d.severity === "error");
const warnings = (source: string) => compile(source).diagnostics.filter((d) => d.severity === "warning");

describe("diagnostics", () => {
  it("reports syntax errors at their 1-based TypeScript position and fails", () => {
    const result = compile(`let a = 1;\nlet b: number = ;\n`);
    expect(result.ok).toBe(false);
    expect(result.js).toBe("");
    expect(result.diagnostics).toEqual([
      { message: "Expression expected.", line: 2, column: 17, endLine: 2, endColumn: 18, severity: "error" },
    ]);
  });

  it("reports every syntax error, across lines", () => {
    const result = compile(`function f( {\n}\nconst = 3;`);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.length).toBeGreaterThanOrEqual(2);
    expect(result.diagnostics.every((d) => d.severity === "error")).toBe(true);
    expect(result.diagnostics.map((d) => d.line)).toContain(3);
  });

  it("reports early errors JavaScript would reject: strict mode, redeclarations, misplaced await/return", () => {
    expect(errors(`with (Math) { max(1, 2); }`)[0]).toMatchObject({ line: 1, column: 1 });
    expect(errors(`let x = 1;\nlet x = 2;`).map((d) => d.line)).toEqual([1, 2]);
    expect(errors(`function f() {\n  await g();\n}\nasync function g() {}`)).toEqual([
      expect.objectContaining({ line: 2, column: 3, message: expect.stringContaining("async") }),
    ]);
    expect(errors(`return 5;`)[0]).toMatchObject({ line: 1, column: 1 });
    expect(errors(`break;\nfor (;;) { function f() { continue; } }\nouter: for (;;) { switch (1) { case 1: break; } break outer; }\nwhile (true) break nowhere;`)
      .map((d) => d.line)).toEqual([1, 2, 4]);
    expect(errors(`const url = import.meta.url;`)).toHaveLength(1);
    expect(compile(`await Promise.resolve(1);\nasync function h() { await 1; }`).ok).toBe(true);
  });

  it("reserves identifiers starting with __pg", () => {
    const result = compile(`const ok = 1;\nconst __pgSecret = 2;\nfunction f(__pg: number) { return __pg; }`);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => [d.line, d.column, d.endColumn])).toEqual([[2, 7, 17], [3, 12, 16], [3, 35, 39]]);
  });

  it("allows only the playground module", () => {
    const source = [
      `import { print } from "playground";`,
      `import fs from "fs";`,
      `import * as path from "node:path";`,
      `export { x } from "./other";`,
      `const lib = require("lodash");`,
      `const later = import("other");`,
      `import type { T } from "types-only";`,
    ].join("\n");
    const result = compile(source);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => [d.line, d.message])).toEqual(
      [2, 3, 4, 5, 6].map((line) => [line, `only "playground" can be imported`]),
    );
    expect(compile(`function require(x: string) { return x; }\nrequire("anything");`).ok).toBe(true);
  });

  it("warns where a function writes a copied global, and nowhere else", () => {
    const source = [
      `let items: number[] = [];`, // 1
      `const config = { n: 1 };`, // 2
      `let counter = 0;`, // 3
      `function work(i: number) {`, // 4
      `  items = [i];`, // 5
      `  items.push(i);`, // 6
      `  config.n = i;`, // 7
      `  counter += i;`, // 8
      `  const local = [1]; local.push(i);`, // 9
      `  [items] = [[1]];`, // 10
      `}`,
      `const run = () => { items[0] = 2; };`, // 12
      `items.push(1);`, // 13: top level, MainThread only
      `function shadow(items: number[]) { items.push(1); }`, // 14
      `new Thread({ target: work, args: [1] }); new Thread({ target: run }); new Thread({ target: () => shadow([]) });`, // 15
    ].join("\n");
    const result = compile(source);
    expect(result.ok).toBe(true);
    expect(result.diagnostics.map((d) => [d.line, d.severity, d.message])).toEqual([
      [5, "warning", copiedWriteMessage("items")],
      [6, "warning", copiedWriteMessage("items")],
      [7, "warning", copiedWriteMessage("config")],
      [10, "warning", copiedWriteMessage("items")],
      [12, "warning", copiedWriteMessage("items")],
    ]);
    expect(copiedWriteMessage("items")).toBe("'items' is copied into each thread at start(); this write changes only the writer's copy");
    expect(warnings(`const xs = [1];\nfunction f() { xs.length; }`)).toEqual([]);
  });

  it("warns where a thread writes a copied array through Atomics, not where the array is a sharedArray or Atomics is the snippet's own", () => {
    const source = [
      `import { Thread, sharedArray } from "playground";`, // 1
      `const view = new Int32Array(new SharedArrayBuffer(16));`, // 2: made by the snippet: copied at start()
      `const shared = sharedArray("int32", 4);`, // 3
      `function work() {`, // 4
      `  Atomics.add(view, 0, 1);`, // 5: warned
      `  Atomics.store(view, 1, 2);`, // 6: warned
      `  Atomics.load(view, 0);`, // 7: a read
      `  Atomics.add(shared, 0, 1);`, // 8: shared memory
      `}`,
      `function mine(Atomics: { add(a: Int32Array, i: number, v: number): void }) { Atomics.add(view, 0, 1); }`, // 10: not the global
      `new Thread({ target: work }).start(); new Thread({ target: () => mine({ add() {} }) }).start();`, // 11
      `Atomics.add(view, 0, 1);`, // 12: MainThread's own
    ].join("\n");
    expect(compile(source).diagnostics.map((d) => [d.line, d.severity, d.message])).toEqual([
      [5, "warning", copiedWriteMessage("view")],
      [6, "warning", copiedWriteMessage("view")],
    ]);
  });

  it("takes a subarray of a sharedArray for shared memory; a view over its buffer, or a subarray of a copy, stays warned", () => {
    const source = [
      `import { Thread, sharedArray } from "playground";`, // 1
      `const counts = sharedArray("int32", 8);`, // 2
      `const tail = counts.subarray(4), tailOfTail = tail.subarray(1);`, // 3
      `const bytes = new Uint8Array(counts.buffer);`, // 4: the whole heap, no part of counts
      `const copied = new Int32Array(new SharedArrayBuffer(16)), partOfCopy = copied.subarray(1);`, // 5
      `function work() {`, // 6
      `  Atomics.add(tail, 0, 1); tailOfTail[0] += 1;`, // 7: shared
      `  bytes[3] = 1; Atomics.add(partOfCopy, 0, 1);`, // 8: warned
      `}`,
      `new Thread({ target: work }).start();`,
    ].join("\n");
    expect(compile(source).diagnostics.map((d) => [d.line, d.message])).toEqual([
      [8, copiedWriteMessage("bytes")],
      [8, copiedWriteMessage("partOfCopy")],
    ]);
  });

  it("does not warn where a write goes through an API object to shared memory", () => {
    const source = [
      `import { Value, sharedArray, Lock, Event, Pipe, local, Thread } from "playground";`, // 1
      `import * as pg from "playground";`, // 2
      `import { Event as Flag } from "playground";`, // 3
      `const total = new Value("i", 0), counts = sharedArray("int32", 4), lock = new Lock();`, // 4
      `const done = new Event(), ready = new pg.Event(), stop = new Flag();`, // 5
      `const [reader, writer] = Pipe();`, // 6
      `const mine = local<{ items: number[] }>();`, // 7
      `let later = new Value("i", 0);`, // 8
      `const fake = { set() {} }, made = new Map<number, number>();`, // 9
      `function work() {`, // 10
      `  total.value += 1; counts[1]++; (counts)[2] = 3; counts.fill(0);`, // 11
      `  done.set(); ready.clear(); stop.set(); mine.items.push(1);`, // 12
      `  total.other = 1;`, // 13: a property of the copy, not the shared value
      `  (counts as any).label = "x";`, // 14
      `  (lock as any).note = 1;`, // 15
      `  later.value = 2;`, // 16: a let may hold something else by then
      `  fake.set(); made.set(1, 2);`, // 17
      `}`,
      `new Thread({ target: work }).start();`,
    ].join("\n");
    expect(warnings(source).map((d) => [d.line, d.message])).toEqual([
      [13, copiedWriteMessage("total")],
      [14, copiedWriteMessage("counts")],
      [15, copiedWriteMessage("lock")],
      [16, copiedWriteMessage("later")],
      [17, copiedWriteMessage("fake")],
      [17, copiedWriteMessage("made")],
    ]);
  });

  it("does not warn in code that runs in the thread that made the copy: asyncio.run's function, an array's map, atexit, a pool's callback", () => {
    // The learner review's cases: each of these writes landed in MainThread's own items.
    const source = [
      `import { Thread, Pool, asyncio, atexit } from "playground";`, // 1
      `const items: number[] = [];`, // 2
      `async function a1() { items.push(1); }`, // 3: asyncio.run(a1)
      `asyncio.run(a1);`, // 4
      `const d = [1, 2, 3].map((x) => { items.push(x); return x; });`, // 5: an array's map
      `const ids = Array.from({ length: 2 }, (_, i) => i);`, // 6
      `const e = ids.filter((i) => i > 0).map((i) => { items.push(i); return i; });`, // 7
      `atexit.register(() => items.push(9));`, // 8
      `function sq(n: number) { return n * n; }`, // 9
      `const pool = new Pool(2);`, // 10
      `pool.applyAsync(sq, [3], { callback: (v) => { items.push(v); } });`, // 11
      `pool.map((n: number) => { items.push(n); return n; }, [1, 2]);`, // 12: in a worker: warned
      `function unknown(xs: { map(f: (n: number) => void): void }) { xs.map((n) => items.push(n)); }`, // 13: not known to be an array: warned
      `new Thread({ target: () => unknown([1]) }).start();`, // 14
    ].join("\n");
    expect(warnings(source).map((d) => [d.line, d.message])).toEqual([
      [12, copiedWriteMessage("items")],
      [13, copiedWriteMessage("items")],
    ]);
  });

  it("still warns where a call only looks like one that runs its function in the caller's thread", () => {
    // The review's cases: objects of the snippet's named or shaped like the API's.
    const source = [
      `import { Thread, Event } from "playground";`, // 1
      `const items: number[] = [];`, // 2
      `const asyncio = { run(f: () => void) { new Thread({ target: f }).start(); } };`, // 3
      `asyncio.run(() => { items.push(1); });`, // 4: a Thread's target after all
      `const pool = { applyAsync(_f: unknown, _a: unknown[], o: { callback(): void }) { new Thread({ target: o.callback }).start(); } };`, // 5
      `pool.applyAsync(null, [], { callback: () => { items.push(2); } });`, // 6
      `const reg = { map(_f: () => unknown) { return [[1, 2]]; } };`, // 7
      `const evs = reg.map(() => new Event());`, // 8: not an array's map: not an array of Events
      `function work() { evs[0].push(3); }`, // 9
      `new Thread({ target: work }).start();`, // 10
    ].join("\n");
    expect(warnings(source).map((d) => [d.line, d.message])).toEqual([
      [4, copiedWriteMessage("items")],
      [6, copiedWriteMessage("items")],
      [9, copiedWriteMessage("evs")],
    ]);
  });

  it("does not warn where a method is called on an API object reached through a const array of them, or a Value's value is written", () => {
    const source = [
      `import { Event, Lock, Thread, Value } from "playground";`, // 1
      `const flags = [new Event(), new Event()];`, // 2
      `const gates = Array.from({ length: 3 }, () => new Event());`, // 3
      `const locks = [1, 2].map(() => { return new Lock(); });`, // 4
      `const plain = [new Map<number, number>()];`, // 5
      `function work(i: number) {`, // 6
      `  flags[i].set(); gates[0].clear(); flags[1].set();`, // 7
      `  flags[0] = new Event();`, // 8: the copy's element replaced
      `  plain[0].set(1, 2);`, // 9: a Map is copied
      `  gates.push(new Event());`, // 10: the copy grows
      `  vals[i].value += 1;`, // 11: a Value's value is shared
      `  (vals[0] as any).other = 1;`, // 12: a property of the copy
      `}`,
      `const vals = [new Value("i", 0), new Value("i", 0)];`, // 14
      `new Thread({ target: work, args: [0] }).start();`,
    ].join("\n");
    expect(warnings(source).map((d) => [d.line, d.message])).toEqual([
      [8, copiedWriteMessage("flags")],
      [9, copiedWriteMessage("plain")],
      [10, copiedWriteMessage("gates")],
      [12, copiedWriteMessage("vals")],
    ]);
  });

  it("warns only where the write may run in another thread than the one whose copy it changes", () => {
    const source = [
      `import { Thread, asyncio, print } from "playground";`, // 1
      `const log: string[] = [];`, // 2
      `async function fetch(n: number) { await asyncio.sleep(1); log.push("got " + n); }`, // 3: asyncio, in MainThread
      `function note(text: string) { log.push(text); }`, // 4: called by the top level only
      `class Worker extends Thread {`, // 5
      `  seen = log.push("made");`, // 6: a field: where new Worker() runs
      `  constructor() { super(); log.push("constructed"); }`, // 7
      `  override run() { log.push("ran"); }`, // 8: the thread's own code
      `}`,
      `class Plain { add() { log.push("added"); } }`, // 10: a method: called through any object
      `function helper() { log.push("helped"); }`, // 11: called by a thread's target
      `function target() { helper(); [1].forEach(() => log.push("each")); new Worker(); }`, // 12: the arrow runs here too
      `function later(cb: () => void) { cb(); }`, // 13
      `later(() => log.push("called back"));`, // 14: handed on as a value
      `[1, 2].forEach((n) => log.push(String(n)));`, // 15: the top level runs it
      `asyncio.run(asyncio.gather(fetch(1), fetch(2)));`,
      `note("x");`,
      `new Worker().start();`,
      `new Thread({ target }).start();`,
      `print(log.length);`,
      `function overloaded(): void;`, // 21
      `function overloaded(n?: number) { log.push("over " + n); }`, // 22: a thread's target, by its overloads' name
      `new Thread({ target: overloaded }).start();`,
      `declare const pool: { apply(f: () => void): void };`,
      `pool.apply(() => log.push("in a worker"));`, // 25: a Pool's apply runs it in a worker
    ].join("\n");
    expect(warnings(source).map((d) => d.line)).toEqual([6, 7, 8, 10, 11, 12, 14, 22, 25]);
  });

  it("warns where a Thread subclass's run() writes a field start() copies, not one it shares", () => {
    const source = [
      `import { Thread, Event } from "playground";`, // 1
      `class Worker extends Thread {`, // 2
      `  results: number[] = [];`, // 3
      `  label = "idle";`, // 4
      `  count = 0;`, // 5
      `  stop = false;`, // 6
      `  seen = new Map<number, number>();`, // 7
      `  override run() {`, // 8
      `    this.results.push(1);`, // 9: the thread's copy
      `    this.label = "done";`, // 10: the thread's copy
      `    this.count += 1; this.stop = true;`, // 11: shared cells
      `    this.seen.set(1, 2);`, // 12: the thread's copy
      `    const mine: number[] = []; mine.push(1);`, // 13
      `  }`,
      `  add(n: number) { this.results.push(n); }`, // 15: MainThread may call it, before start()
      `}`,
      `class Signaller extends Thread {`, // 17
      `  done = new Event();`, // 18: an object of the API, shared by everyone
      `  override run() { this.done.set(); }`, // 19
      `}`,
    ].join("\n");
    expect(warnings(source).map((d) => [d.line, d.message])).toEqual([
      [9, threadFieldWriteMessage("results")],
      [10, threadFieldWriteMessage("label")],
      [12, threadFieldWriteMessage("seen")],
    ]);
    expect(threadFieldWriteMessage("results")).toBe(
      "'this.results' is copied into the thread at start(); this write changes only the thread's copy (only number and boolean fields are shared)");
  });

  it("warns where a process writes a top-level number, which it has a copy of, and not where a thread does", () => {
    const source = [
      `import { Process, Pool, ProcessPoolExecutor, Thread } from "playground";`, // 1
      `let counter = 0, done = false, total = 0, hits = 0, shared = 0;`, // 2
      `function bump() { counter += 1; }`, // 3: called from a process target
      `function count() { for (let i = 0; i < 3; i++) bump(); done = true; }`, // 4
      `new Process({ target: count });`, // 5
      `new Process({ target: () => { total++; } });`, // 6
      `const pool = new Pool(2);`, // 7
      `pool.map((x: number) => { total += x; return x; }, [1, 2]);`, // 8
      `const ex = new ProcessPoolExecutor(2);`, // 9
      `function square(x: number) { hits = hits + 1; return x * x; }`, // 10
      `ex.submit(square, 3);`, // 11
      `class Counter extends Process {`, // 12
      `  n = 0;`, // 13
      `  override run() { this.n += 1; hits++; }`, // 14
      `}`,
      `function inThread() { shared += 1; }`, // 16: a thread shares it
      `new Thread({ target: inThread });`, // 17
      `class Worker extends Thread { n = 0; override run() { this.n += 1; shared++; } }`, // 18: shared cells
      `let later = new Pool(1);`, // 19: not a const: not certain
      `later.map((x: number) => { shared += x; }, [1]);`, // 20
      `counter = 5;`, // 21: MainThread's own
    ].join("\n");
    expect(warnings(source).map((d) => [d.line, d.message])).toEqual([
      [3, processWriteMessage("counter")],
      [4, processWriteMessage("done")],
      [6, processWriteMessage("total")],
      [8, processWriteMessage("total")],
      [10, processWriteMessage("hits")],
      [14, processFieldWriteMessage("n")],
      [14, processWriteMessage("hits")],
    ]);
    // A target written as a method is one too.
    expect(warnings(`import { Process } from "playground";\nlet n = 0;\nnew Process({ target() { n++; } });`).map((d) => [d.line, d.message]))
      .toEqual([[3, processWriteMessage("n")]]);
    // The playground's Process imported under another name is one.
    expect(warnings(`import { Process as Proc } from "playground";\nclass W extends Proc { n = 0; override run() { this.n += 1; } }`).map((d) => [d.line, d.message]))
      .toEqual([[2, processFieldWriteMessage("n")]]);
    // A class of the snippet's own called Process is no process.
    expect(warnings(`let c = 0;\nclass Process { constructor(o: object) {} }\nfunction f() { c++; }\nnew Process({ target: f });`)).toEqual([]);
  });

  it("does not report type errors", () => {
    const result = compile(`let n: number = "text";\nconst s: string = n.toFixed(1) * 2;\nundefinedFunction();`);
    expect(result.ok).toBe(true);
    expect(result.diagnostics).toEqual([]);
  });
});
