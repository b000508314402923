// Scenarios for copying values into a new thread (serialize.ts). The "module"
// is a real function scope with a direct eval, standing in for the snippet's
// module in two workers: values are encoded against one instance, sent
// through a real structured clone, and decoded against a second instance.

import { describe, expect, it } from "vitest";
import { Decoder, Encoder, SEND, type ModuleScope } from "./serialize";

function snippetModule(closures = new WeakMap<Function, { names: string[]; values: () => unknown[] }>()): ModuleScope {
  function double(x: number) { return x * 2; }
  class Point {
    constructor(public x: number, public y: number) {}
    norm() { return Math.hypot(this.x, this.y); }
  }
  const offset = 100;
  void double; void Point; void offset;
  return {
    evalInScope: (source: string) => eval(source),
    closureOf: (fn) => closures.get(fn),
    apiNameOf: (fn) => (fn === Math.max ? "max" : undefined),
    revive: (kind, data) => (kind === "api-function" ? Math.max : { revived: kind, data }),
  };
}

function send(value: unknown, from = snippetModule(), to = snippetModule()): unknown {
  const encoded = new Encoder(from, "Thread-1").encode(value, "args");
  return new Decoder(to).decode(structuredClone(encoded));
}

describe("copying values into a thread", () => {
  it("copies plain data, keeps shared memory shared, and keeps cycles", () => {
    // Scenario: nested arrays, objects, a Map and a Set arrive equal; a typed
    // array over a SharedArrayBuffer still writes the same memory; an object
    // that refers to itself still does after the copy.
    const shared = new Int32Array(new SharedArrayBuffer(8));
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic.self = cyclic;
    const out = send([{ a: [1, "two", null] }, new Map([["k", new Set([3])]]), shared, cyclic]) as unknown[];
    expect(out[0]).toEqual({ a: [1, "two", null] });
    expect(out[1]).toEqual(new Map([["k", new Set([3])]]));
    (out[2] as Int32Array)[1] = 42;
    expect(shared[1]).toBe(42);
    const loop = out[3] as Record<string, unknown>;
    expect(loop.self).toBe(loop);
  });

  it("sends top-level functions by name and instances of top-level classes with their class", () => {
    // Scenario: the receiver gets its own module's `double` (not a copy of
    // source), and a Point whose methods work.
    const sender = snippetModule();
    const receiver = snippetModule();
    const fn = sender.evalInScope("double") as Function;
    const Point = sender.evalInScope("Point") as new (x: number, y: number) => { norm(): number };
    const [f, p] = send([fn, new Point(3, 4)], sender, receiver) as [Function, { norm(): number }];
    expect(f).toBe(receiver.evalInScope("double"));
    expect(p.norm()).toBe(5);
  });

  it("rebuilds inline functions from source, with copies of the locals they capture", () => {
    // Scenario: an arrow that reads a module name (`offset`) and a captured
    // local `k` (tagged the way the compiler tags closures) computes the same
    // result in the receiver.
    const closures = new WeakMap<Function, { names: string[]; values: () => unknown[] }>();
    const k = 7;
    const arrow = (x: number) => x + k + (eval("offset") as number);
    closures.set(arrow, { names: ["k"], values: () => [k] });
    const f = send(arrow, snippetModule(closures)) as (x: number) => number;
    expect(f(1)).toBe(108);
  });

  it("names what cannot be sent", () => {
    // Scenario: a symbol, a bound function and an arrow using `this` of its
    // enclosing function each fail with an error naming the path.
    expect(() => send({ deep: [Symbol("s")] })).toThrow(/cannot send args\.deep\[0\] to Thread-1/);
    expect(() => send([(function () {}).bind(null)])).toThrow(/args\[0\].*bound/);
    const closures = new WeakMap<Function, { names: string[]; values: () => unknown[] }>();
    const usesThis = () => 1;
    closures.set(usesThis, { names: ["this"], values: () => [undefined] });
    expect(() => send({ cb: usesThis }, snippetModule(closures))).toThrow(/args\.cb.*`this`/);
  });

  it("sends playground objects by reference and API functions by name", () => {
    // Scenario: an object implementing SEND arrives as what the receiver's
    // reviver makes of its data; Math.max stands in for an API export.
    const lock = { [SEND]: () => ({ kind: "Lock", data: { base: 12, id: 3 } }) };
    const [l, f] = send([lock, Math.max]) as [unknown, unknown];
    expect(l).toEqual({ revived: "Lock", data: { base: 12, id: 3 } });
    expect(f).toBe(Math.max);
  });
});
