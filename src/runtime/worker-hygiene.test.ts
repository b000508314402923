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

/**
 * Whether some check of `checks` finds the worker unclean: outside the core,
 * each check compares one object in 16, drawn at random (a change missed by
 * 400 checks: one chance in 10^11).
 */
function foundWithin(hygiene: { clean(): boolean }, checks = 400): boolean {
  for (let i = 0; i < checks; i++) if (!hygiene.clean()) return true;
  return false;
}

describe("worker hygiene", () => {
  it("a scope as it was armed is clean, and Math.random set by the runtime is put back", () => {
    const { s } = scope();
    const random = Math.random;
    const hygiene = armHygiene(s, {});
    hygiene.fingerprint();
    Math.random = () => 0.5;
    expect(hygiene.clean()).toBe(true);
    expect(Math.random).toBe(random);
  });

  it("a method replaced on a prototype, or a property added deep down, makes it unclean", () => {
    const a = scope();
    const one = armHygiene(a.s, {});
    one.fingerprint();
    a.Thing.prototype.hello = () => 2;
    expect(foundWithin(one)).toBe(true);
    const b = scope();
    const two = armHygiene(b.s, {});
    two.fingerprint();
    (b.s.Nested as { deeper: Record<string, unknown> }).deeper.extra = 1;
    expect(foundWithin(two)).toBe(true);
  });

  it("a frozen object, a new global or a new event handler makes it unclean", () => {
    for (const change of [
      (s: Record<string, unknown>) => Object.freeze(s.Nested),
      (s: Record<string, unknown>) => { s.visits = 1; },
      (s: Record<string, unknown>) => { s.onmessage = () => {}; },
    ]) {
      const { s } = scope();
      const hygiene = armHygiene(s, {});
      hygiene.fingerprint();
      change(s);
      expect(foundWithin(hygiene)).toBe(true);
    }
  });

  it("a global replaced (not added) is found within a few checks: the global scope's descriptors are sampled, its keys are not", () => {
    const { s } = scope();
    const hygiene = armHygiene(s, {});
    hygiene.fingerprint();
    s.Thing = class Other {};
    let checks = 0;
    while (hygiene.clean() && checks < 400) checks++;
    expect(checks, "checks that missed it").toBeLessThan(400);
  });

  it("a global the runtime calls, replaced (Atomics), is found at every check, not one in four", () => {
    const { s } = scope();
    s.Atomics = Atomics;
    const hygiene = armHygiene(s, {});
    hygiene.fingerprint();
    s.Atomics = { ...Atomics };
    for (let i = 0; i < 16; i++) expect(hygiene.clean()).toBe(false);
  });

  it("the global scope's keys, the API and the core prototypes are compared in full at every check", () => {
    class Lock {
      acquire() { return true; }
    }
    const { s } = scope();
    s.Array = Array;
    const hygiene = armHygiene(s, { Lock });
    hygiene.fingerprint();
    const changes: [object, string][] = [[s, "visits"], [Lock.prototype, "extra"], [Array.prototype, "extra"], [Object.prototype, "extra"]];
    try {
      for (const [target, key] of changes) {
        (target as Record<string, unknown>)[key] = 1;
        for (let i = 0; i < 16; i++) expect(hygiene.clean(), `${key} on ${String(target.constructor?.name)}`).toBe(false);
        delete (target as Record<string, unknown>)[key];
        expect(hygiene.clean()).toBe(true);
      }
    } finally {
      for (const [target, key] of changes) delete (target as Record<string, unknown>)[key];
    }
  });

  it("the check uses its tools as found at boot: a snippet that replaced Reflect.ownKeys cannot answer for it", () => {
    const { s } = scope();
    const hygiene = armHygiene(s, {});
    hygiene.fingerprint();
    const ownKeys = Reflect.ownKeys;
    const every = Array.prototype.every;
    try {
      s.visits = 1;
      // (hides what it added from any check that calls it)
      Reflect.ownKeys = (o: object) => ownKeys(o).filter((k) => k !== "visits");
      (Array.prototype as unknown as Record<string, unknown>).every = () => true;
      expect(hygiene.clean()).toBe(false);
    } finally {
      Reflect.ownKeys = ownKeys;
      Array.prototype.every = every;
    }
  });

  it("a call of a wrapped async source taints it for good, and still does what it did", () => {
    const { s, timers } = scope();
    const hygiene = armHygiene(s, {});
    hygiene.fingerprint();
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
    hygiene.fingerprint();
    (Lock.prototype as unknown as Record<string, unknown>).acquire = () => false;
    expect(hygiene.clean()).toBe(false);
  });

  it("a worker that serves a search freezes methods (nothing left to compare in them), and not what holds them or inherits from them", () => {
    class Lock {
      acquire() { return true; }
    }
    const { s, Thing } = scope();
    const hygiene = armHygiene(s, { Lock });
    // Recorded in idle time, the worker is as the browser made it: a run the page draws may take it.
    hygiene.fingerprint();
    expect(Object.isFrozen(Thing.prototype.hello)).toBe(false);
    hygiene.serving(true);
    const hello = Thing.prototype.hello as unknown as Record<string, unknown>;
    expect(Object.isFrozen(hello)).toBe(true);
    expect(Object.isFrozen(Lock.prototype.acquire)).toBe(true);
    expect(() => { hello.cache = 1; }).toThrow(TypeError);
    // The prototypes, the classes and Function.prototype (a function every function inherits from) are not.
    for (const open of [Thing.prototype, Thing, Lock.prototype, Function.prototype, Object.prototype]) expect(Object.isFrozen(open)).toBe(false);
    // An instance or a subclass may still put its own method in place of one.
    const thing = new Thing() as unknown as Record<string, unknown>;
    thing.hello = () => 2;
    expect((thing.hello as () => number)()).toBe(2);
    expect(hygiene.clean()).toBe(true);
    // What holds a frozen method may still change, and is still compared.
    (Thing.prototype as unknown as Record<string, unknown>).hello = () => 3;
    expect(foundWithin(hygiene)).toBe(true);
  });
});

describe("worker hygiene and RegExp's legacy statics", () => {
  it("the last match a run left in RegExp.$1 is gone after the check", () => {
    const { s } = scope();
    const hygiene = armHygiene(s, {});
    hygiene.fingerprint();
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
    hygiene.fingerprint();
    Object.setPrototypeOf(Thing.prototype, { sneaky: true });
    expect(foundWithin(hygiene)).toBe(true);
  });

  it("an async source called through the prototype that holds it taints too", () => {
    const calls: unknown[] = [];
    const proto: Record<string, unknown> = { setTimeout: (f: unknown) => calls.push(f) };
    const s = Object.create(proto) as Record<string, unknown>;
    const hygiene = armHygiene(s, {});
    hygiene.fingerprint();
    (proto.setTimeout as (f: unknown) => void).call(s, () => {});
    expect(calls).toHaveLength(1);
    expect(hygiene.clean()).toBe(false);
  });

  it("a setter put on Math.random does not run when the check puts the runtime's back", () => {
    const { s } = scope();
    const hygiene = armHygiene(s, {});
    hygiene.fingerprint();
    const random = Math.random;
    let ran = 0;
    Object.defineProperty(Math, "random", { configurable: true, get: () => random, set: () => { ran++; } });
    hygiene.clean();
    expect(ran).toBe(0);
    expect(Object.getOwnPropertyDescriptor(Math, "random")!.value).toBe(random);
  });

  it("a builtin function's own method replaced (Object.keys) is found: functions' descriptors are compared too", () => {
    const { s } = scope();
    s.Object = Object;
    const hygiene = armHygiene(s, {});
    hygiene.fingerprint();
    const keys = Object.keys;
    try {
      Object.keys = (() => []) as typeof Object.keys;
      expect(hygiene.clean()).toBe(false);
    } finally {
      Object.keys = keys;
    }
    expect(hygiene.clean()).toBe(true);
  });

  it("a host method that calls back later (a Blob's text()) taints, and still does what it did", async () => {
    class Blob {
      text() { return Promise.resolve("body"); }
    }
    const { s } = scope();
    s.Blob = Blob;
    const hygiene = armHygiene(s, {});
    hygiene.fingerprint();
    expect(hygiene.clean()).toBe(true);
    expect(await new (s.Blob as typeof Blob)().text()).toBe("body");
    expect(hygiene.clean()).toBe(false);
  });
});

describe("the fingerprint, taken once", () => {
  it("a worker never fingerprinted is not clean, and a second fingerprint does not bless a change", () => {
    const { s } = scope();
    const hygiene = armHygiene(s, {});
    expect(hygiene.clean()).toBe(false);
    hygiene.fingerprint();
    expect(hygiene.clean()).toBe(true);
    // The global scope itself is compared in full at every check.
    s.sneaky = 1;
    hygiene.fingerprint();
    expect(hygiene.clean()).toBe(false);
  });
});

describe("the fingerprint in idle time", () => {
  it("is taken once the worker sat unserved, and not after a run came first", () => {
    const { s, timers } = scope();
    const idle = armHygiene(s, {});
    idle.fingerprintWhenIdle(1000);
    (timers.shift() as () => void)();
    expect(idle.clean()).toBe(true);

    const busy = scope();
    const served = armHygiene(busy.s, {});
    served.fingerprintWhenIdle(1000);
    served.serving(false);
    busy.s.sneaky = 1;
    (busy.timers.shift() as () => void)();
    expect(served.clean()).toBe(false);
  });

  it("comes after the rehearsal, and not at all when the rehearsal failed", async () => {
    const { s, timers } = scope();
    const rehearsed = armHygiene(s, {});
    const order: string[] = [];
    rehearsed.fingerprintWhenIdle(1000, async () => {
      order.push("rehearsal");
      // what the rehearsal leaves is what the worker is as it waits for a run
      s.leftByRehearsal = 1;
    });
    (timers.shift() as () => void)();
    await Promise.resolve();
    await Promise.resolve();
    expect(order).toEqual(["rehearsal"]);
    expect(rehearsed.clean()).toBe(true);

    const failing = scope();
    const failed = armHygiene(failing.s, {});
    failed.fingerprintWhenIdle(1000, () => Promise.reject(new Error("the rehearsal failed")));
    (failing.timers.shift() as () => void)();
    await Promise.resolve();
    await Promise.resolve();
    expect(failed.clean()).toBe(false);
    // nor does a run that may reuse it bless it at its serve
    failed.serving(true);
    expect(failed.clean()).toBe(false);
  });

  it("its own next task comes whatever the snippet did to Promise or to Array.prototype", async () => {
    const { s } = scope();
    const hygiene = armHygiene(s, {});
    const stolen: unknown[] = [];
    const NativePromise = Promise;
    Object.defineProperty(Array.prototype, "0", { configurable: true, set: (v: unknown) => void stolen.push(v) });
    (globalThis as { Promise: unknown }).Promise = function NotAPromise() {};
    let next: Promise<void>;
    try {
      // (Asked while they are changed: its queue took the resolver then. Put back before the await: the test runner needs them.)
      next = hygiene.nextTask();
    } finally {
      (globalThis as { Promise: unknown }).Promise = NativePromise;
      delete (Array.prototype as unknown as Record<string, unknown>)["0"];
    }
    expect(next).toBeInstanceOf(NativePromise);
    await next;
    expect(stolen).toEqual([]);
  });

  it("a run that may reuse the worker takes it at its serve when idle time did not", () => {
    const { s } = scope();
    const hygiene = armHygiene(s, {});
    hygiene.serving(true);
    expect(hygiene.clean()).toBe(true);
  });
});
