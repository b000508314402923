// Scenarios for the value codec (value-codec.ts): what goes in comes out
// equal, for thousands of generated values and for every edge case the
// format names; what cannot be copied fails with a TypeError that says what
// and where; a region too small is reported, never overrun.

import { describe, expect, it } from "vitest";
import { decode, encode, encodeInto, skipValue } from "./value-codec";

/** A small deterministic PRNG (LCG), so a failing case can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s >>> 8) % n;
  };
}

const NUMBERS = [0, -0, 1, 127, 128, -1, 255, 65535, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 2 ** 53, -(2 ** 53), 0.1, -1.5, 1e300, 5e-324, NaN, Infinity, -Infinity];
const STRINGS = ["", "a", "id", "hello world", "héllo", "日本語", "🎉 emoji", "x".repeat(200), "é".repeat(300), "\u0000\u007f\u0080"];

function generate(next: (n: number) => number, depth: number): unknown {
  const pick = next(depth > 3 ? 8 : 16);
  switch (pick) {
    case 0: return NUMBERS[next(NUMBERS.length)];
    case 1: return next(1000) - 500;
    case 2: return STRINGS[next(STRINGS.length)];
    case 3: return next(2) === 0;
    case 4: return next(2) === 0 ? null : undefined;
    case 5: return BigInt(next(1_000_000)) ** BigInt(next(5)) * (next(2) ? -1n : 1n);
    case 6: return next(1 << 30) / 7;
    case 7: return String.fromCharCode(...Array.from({ length: next(20) }, () => next(0x3000)));
    case 8: case 9: return Array.from({ length: next(6) }, () => generate(next, depth + 1));
    case 10: case 11: {
      const o: Record<string, unknown> = {};
      for (let k = next(6); k > 0; k--) o[STRINGS[next(6)] + next(3)] = generate(next, depth + 1);
      return o;
    }
    case 12: return new Map(Array.from({ length: next(4) }, () => [generate(next, depth + 1), generate(next, depth + 1)]));
    case 13: return new Set(Array.from({ length: next(4) }, () => next(10)));
    case 14: return new Date(next(2 ** 30) * 1000);
    default: {
      const Ctor = [Int8Array, Uint16Array, Int32Array, Float64Array][next(4)];
      return new Ctor(Array.from({ length: next(8) }, () => next(100)));
    }
  }
}

describe("value codec", () => {
  it("round-trips 3,000 generated values exactly", () => {
    // Scenario: nested mixes of numbers (NaN, -0, Infinity, int32 edges),
    // bigints, strings (non-ASCII, long), booleans, null/undefined, arrays,
    // plain objects, Maps, Sets, Dates and typed arrays, generated from a
    // fixed seed. Each decodes to a deep-equal value (Object.is for numbers),
    // and skipValue finds the end of each without decoding it.
    const next = rng(12345);
    for (let n = 0; n < 3000; n++) {
      const value = generate(next, 0);
      const bytes = encode(value);
      expect(decode(bytes)).toStrictEqual(value);
      expect(skipValue(bytes, 0)).toBe(bytes.length);
    }
  });

  it("keeps the edge cases of numbers, strings and arrays", () => {
    // Scenario: -0 stays -0, NaN stays NaN, small ints take one byte, int32
    // five; lone surrogates become U+FFFD as TextEncoder makes them; array
    // holes arrive as undefined (documented).
    expect(Object.is(decode(encode(-0)), -0)).toBe(true);
    expect(decode(encode(NaN))).toBeNaN();
    expect(encode(5).length).toBe(1);
    expect(encode(-5).length).toBe(5);
    expect(decode(encode("a\ud800b"))).toBe("a\ufffdb");
    // eslint-disable-next-line no-sparse-arrays
    expect(decode(encode([1, , 3]))).toStrictEqual([1, undefined, 3]);
    expect(decode(encode(2n ** 200n))).toBe(2n ** 200n);
  });

  it("never mistakes one short string for another (the decoder's string cache)", () => {
    // Scenario: "é" is the UTF-8 bytes C3 A9, the same byte values as the
    // char codes of "Ã©". Every such pair, and ASCII keys colliding in the
    // cache, round-trip to themselves, in any order.
    for (let c1 = 0xc2; c1 <= 0xdf; c1++) {
      for (let c2 = 0x80; c2 <= 0xbf; c2++) {
        const latin = String.fromCharCode(c1, c2);
        const utf8 = new TextDecoder().decode(Uint8Array.of(c1, c2));
        expect(decode(encode({ [latin]: utf8 }))).toStrictEqual({ [latin]: utf8 });
        expect(decode(encode([utf8, latin]))).toStrictEqual([utf8, latin]);
      }
    }
    for (let n = 0; n < 2000; n++) expect(decode(encode(`k${n}`))).toBe(`k${n}`);
  });

  it("copies built-ins: RegExp, ArrayBuffer, DataView, typed array views, errors", () => {
    // Scenario: a RegExp keeps source and flags; an ArrayBuffer and a
    // DataView keep their bytes; a typed array that views part of a bigger
    // buffer arrives as its own elements only; errors keep name and message,
    // a standard one its class too.
    expect(decode(encode(/a+b/gi))).toStrictEqual(/a+b/gi);
    const ab = Uint8Array.of(1, 2, 3).buffer;
    expect(new Uint8Array(decode(encode(ab)) as ArrayBuffer)).toStrictEqual(Uint8Array.of(1, 2, 3));
    const dv = decode(encode(new DataView(Uint8Array.of(9, 8).buffer))) as DataView;
    expect(dv.getUint8(1)).toBe(8);
    const part = new Int16Array(Int16Array.of(1, 2, 3, 4).buffer, 2, 2);
    expect(decode(encode(part))).toStrictEqual(Int16Array.of(2, 3));
    const e = decode(encode(new RangeError("out of range"))) as Error;
    expect(e).toBeInstanceOf(RangeError);
    expect(e.message).toBe("out of range");
    const custom = decode(encode(Object.assign(new Error("queue is full"), { name: "Full" }))) as Error;
    expect([custom.name, custom.message]).toEqual(["Full", "queue is full"]);
  });

  it("gives each encode() an array of its own, whatever was encoded before or inside it", () => {
    // Scenario: encode() works in a reused scratch; what it returns must not
    // change when later values (bigger than the scratch, or encoded by a
    // getter in the middle of this one) go through that scratch.
    const big = "x".repeat(200_000);
    const first = encode({ a: [1, 2, 3] });
    const copyOfFirst = first.slice();
    expect(decode(encode(big))).toBe(big);
    let inner: Uint8Array | null = null;
    const outer = encode({
      get g() {
        inner = encode(["inner", big.length]);
        return "outer";
      },
    });
    expect(decode(outer)).toStrictEqual({ g: "outer" });
    expect(decode(inner!)).toStrictEqual(["inner", 200_000]);
    expect(first).toStrictEqual(copyOfFirst);
    expect(decode(first)).toStrictEqual({ a: [1, 2, 3] });
  });

  it("keeps shared sub-objects shared and cycles cyclic", () => {
    // Scenario: one object referenced twice arrives as one object referenced
    // twice; an object that contains itself arrives containing itself.
    const shared = { n: 1 };
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic.self = cyclic;
    const out = decode(encode({ a: shared, b: [shared], cyclic })) as { a: object; b: object[]; cyclic: Record<string, unknown> };
    expect(out.a).toBe(out.b[0]);
    expect(out.cyclic.self).toBe(out.cyclic);
    const many = Array.from({ length: 40 }, (_, i) => ({ i }));
    const back = decode(encode([...many, ...many])) as object[];
    expect(back[45]).toBe(back[5]);
  });

  it("sends views of the shared buffer by reference, other shared memory by copy", () => {
    // Scenario: with sharedBuffer set, an Int32Array over it decodes to a
    // view of the same memory (a write through one shows in the other); a
    // view of another SharedArrayBuffer is copied into ordinary memory.
    const heap = new SharedArrayBuffer(64);
    const view = new Int32Array(heap, 8, 4);
    const got = decode(encode(view, { sharedBuffer: heap }), 0, undefined, { sharedBuffer: heap }) as Int32Array;
    got[1] = 42;
    expect(view[1]).toBe(42);
    expect(got.buffer).toBe(heap);
    const other = new Int32Array(new SharedArrayBuffer(8));
    const copy = decode(encode(other, { sharedBuffer: heap }), 0, undefined, { sharedBuffer: heap }) as Int32Array;
    expect(copy.buffer).not.toBeInstanceOf(SharedArrayBuffer);
  });

  it("names what cannot be copied, and where it sits", () => {
    // Scenario: a function deep in an item, a symbol, a WeakMap and a
    // Promise each fail with a TypeError that names the value and its path.
    const err = (v: unknown) => {
      try {
        encode(v, { label: "queue item" });
      } catch (e) {
        return e as Error;
      }
      throw new Error("no error");
    };
    const f = err({ jobs: [1, { run: function work() {} }] });
    expect(f.name).toBe("TypeError");
    expect(f.message).toMatch(/^cannot copy queue item\.jobs\[1\]\.run: it is a function \(work\)/);
    expect(err(Symbol("s")).message).toMatch(/a symbol \(Symbol\(s\)\)/);
    expect(err(new Map([["k", new WeakMap()]])).message).toMatch(/queue item\.get\("k"\): it is a WeakMap/);
    expect(err([Promise.resolve()]).message).toMatch(/queue item\[0\]: it is a Promise/);
  });

  it("copies class instances as plain objects unless a stand-in is given", () => {
    // Scenario: an instance of a class with a method arrives as a plain
    // object of its own fields (as with structured clone). With substitute
    // and restore, the class's instances travel as a stand-in instead and
    // come back as instances.
    class Point {
      constructor(public x: number, public y: number) {}
      norm() { return Math.hypot(this.x, this.y); }
    }
    const plain = decode(encode(new Point(3, 4)));
    expect(plain).toStrictEqual({ x: 3, y: 4 });
    const options = {
      substitute: (v: object) => (v instanceof Point ? { point: [v.x, v.y] } : undefined),
      restore: (s: unknown) => new Point(...((s as { point: [number, number] }).point)),
    };
    const back = decode(encode([new Point(3, 4)], options), 0, undefined, options) as Point[];
    expect(back[0]).toBeInstanceOf(Point);
    expect(back[0].norm()).toBe(5);
  });

  it("reports a region too small with -1 and writes nothing outside it", () => {
    // Scenario: encoding into 8 bytes of a 16-byte array (offset 4, a
    // subarray ending at 12) a value that needs more returns -1 and leaves
    // the bytes outside the region untouched; a value that fits returns the
    // end offset.
    const big = new Uint8Array(16).fill(0xee);
    const region = big.subarray(0, 12);
    expect(encodeInto({ name: "a long string value" }, region, 4)).toBe(-1);
    expect([...big.subarray(12)]).toEqual([0xee, 0xee, 0xee, 0xee]);
    expect([...big.subarray(0, 4)]).toEqual([0xee, 0xee, 0xee, 0xee]);
    expect(encodeInto(7, region, 11)).toBe(12);
    expect(encodeInto(7, region, 12)).toBe(-1);
  });

  it("rejects corrupt input with a RangeError", () => {
    expect(() => decode(Uint8Array.of(99))).toThrow(RangeError);
    expect(() => decode(Uint8Array.of(7, 5, 65))).toThrow(RangeError);
    expect(() => decode(Uint8Array.of(0x81, 0x81))).toThrow(/left over/);
  });
});
