import { describe, expect, it } from "vitest";
import { armHygiene } from "./worker-hygiene";

/** A stand-in global scope: a timer function, a class with a prototype, a nested object. */
function scope() {
  class Thing {
    hello() { return 1; }
  }
  const timers: unknown[] = [];
  const s: Record<string, unknown> = {
    setTimeout: (f: unknown) => timers.push(f),
    Thing,
    Nested: { deeper: { value: 1 } },
    onmessage: null,
  };
  return { s, timers, Thing };
}

describe("worker hygiene", () => {
  it("a scope as it was armed is clean, and Math.random set by the runtime is put back", () => {
    const { s } = scope();
    const random = Math.random;
    const hygiene = armHygiene(s, {});
    Math.random = () => 0.5;
    expect(hygiene.clean()).toBe(true);
    expect(Math.random).toBe(random);
  });

  it("a method replaced on a prototype, or a property added deep down, makes it unclean", () => {
    const a = scope();
    const one = armHygiene(a.s, {});
    a.Thing.prototype.hello = () => 2;
    expect(one.clean()).toBe(false);
    const b = scope();
    const two = armHygiene(b.s, {});
    (b.s.Nested as { deeper: Record<string, unknown> }).deeper.extra = 1;
    expect(two.clean()).toBe(false);
  });

  it("a frozen object, a new global or a new event handler makes it unclean", () => {
    for (const change of [
      (s: Record<string, unknown>) => Object.freeze(s.Nested),
      (s: Record<string, unknown>) => { s.visits = 1; },
      (s: Record<string, unknown>) => { s.onmessage = () => {}; },
    ]) {
      const { s } = scope();
      const hygiene = armHygiene(s, {});
      change(s);
      expect(hygiene.clean()).toBe(false);
    }
  });

  it("a call of a wrapped async source taints it for good, and still does what it did", () => {
    const { s, timers } = scope();
    const hygiene = armHygiene(s, {});
    (s.setTimeout as (f: unknown) => void)(() => {});
    expect(timers).toHaveLength(1);
    expect(hygiene.clean()).toBe(false);
  });

  it("the API's objects are fingerprinted too", () => {
    class Lock {
      acquire() { return true; }
    }
    const { s } = scope();
    const hygiene = armHygiene(s, { Lock });
    (Lock.prototype as unknown as Record<string, unknown>).acquire = () => false;
    expect(hygiene.clean()).toBe(false);
  });
});

describe("worker hygiene and RegExp's legacy statics", () => {
  it("the last match a run left in RegExp.$1 is gone after the check", () => {
    const { s } = scope();
    const hygiene = armHygiene(s, {});
    /(secret)/.exec("a secret");
    expect((RegExp as unknown as Record<string, string>).$1).toBe("secret");
    expect(hygiene.clean()).toBe(true);
    expect((RegExp as unknown as Record<string, string>).$1).toBe("");
  });
});

describe("worker hygiene against a hostile snippet", () => {
  it("a prototype swapped under an object makes it unclean", () => {
    const { s, Thing } = scope();
    const hygiene = armHygiene(s, {});
    Object.setPrototypeOf(Thing.prototype, { sneaky: true });
    expect(hygiene.clean()).toBe(false);
  });

  it("an async source called through the prototype that holds it taints too", () => {
    const calls: unknown[] = [];
    const proto: Record<string, unknown> = { setTimeout: (f: unknown) => calls.push(f) };
    const s = Object.create(proto) as Record<string, unknown>;
    const hygiene = armHygiene(s, {});
    (proto.setTimeout as (f: unknown) => void).call(s, () => {});
    expect(calls).toHaveLength(1);
    expect(hygiene.clean()).toBe(false);
  });

  it("a setter put on Math.random does not run when the check puts the runtime's back", () => {
    const { s } = scope();
    const hygiene = armHygiene(s, {});
    const random = Math.random;
    let ran = 0;
    Object.defineProperty(Math, "random", { configurable: true, get: () => random, set: () => { ran++; } });
    hygiene.clean();
    expect(ran).toBe(0);
    expect(Object.getOwnPropertyDescriptor(Math, "random")!.value).toBe(random);
  });
});
