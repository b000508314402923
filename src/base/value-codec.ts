// Values as bytes, for queues and pipes: a structured-clone-like encoding
// written straight into a caller's Uint8Array (a private scratch, or shared
// memory) and read back from bytes, with no JSON string in between. Small
// integers take one byte and one branch each way, so a queue of ints is
// bounded by its lock, not by this codec.
//
// Format: a value is one tag byte, then its payload. Integers in payloads are
// unsigned LEB128 varints ("n"); numbers are in host byte order, which is
// little-endian on every machine the playground runs on.
//   0x80|k       the integer k, 0 <= k < 128 (the fast path)
//   0 undefined  1 null  2 false  3 true
//   4 int32      4 bytes          5 float64   8 bytes (NaN, -0, Infinity, non-integers)
//   6 bigint     sign byte, n bytes, magnitude little-endian
//   7 string     n bytes of UTF-8 (lone surrogates become U+FFFD, as TextEncoder does)
//   8 array      n elements (holes arrive as undefined; non-index properties are dropped)
//   9 object     n pairs (key: n bytes of UTF-8, value): own enumerable string keys
//  10 Map        n pairs of values        11 Set   n values
//  12 Date       float64 time             13 RegExp  source, flags (as strings without tag)
//  14 ArrayBuffer  n bytes                15 typed array / DataView: kind byte, n bytes (copied)
//  16 view of options.sharedBuffer: kind byte, n byteOffset, n byteLength (not copied)
//  17 options.sharedBuffer itself         18 another SharedArrayBuffer: n bytes (copied)
//  19 Error      name, message (strings without tag)
//  20 reference  n: the n-th object (0-based, in encoding order) of this value again
//  21 stand-in   a value: what options.substitute returned; decoded through options.restore
//
// Objects: every object is numbered as it is first met, so a second reference
// to it (a shared sub-object, or a cycle) is encoded as tag 20 and decodes to
// the same object, as structured clone does. Instances of classes (other than
// the built-ins above) are copied as plain objects of their own enumerable
// properties; methods and prototype are lost, as with structured clone,
// unless options.substitute handles them. Typed arrays are copied each on its
// own (two views of one ArrayBuffer arrive over two buffers). A view of
// another SharedArrayBuffer than options.sharedBuffer is copied into ordinary
// memory: bytes cannot name a buffer, and a registry of buffers would be
// global state. Functions, symbols, WeakMap/WeakSet/WeakRef and Promise fail
// with a TypeError that names the value and where it sits in the item.
//
// Speed (Node 20 on this 2-core machine, src/sync/queue-bench.ts): a small
// int or an int32 encodes and decodes in under 10 ns; { id, name, tags } in
// about 190 + 340 ns, where structuredClone takes about 1,200 ns. Decoding
// takes short ASCII strings (keys, tags) from a small cache, so repeated
// keys are the same, already internalized, string each time.

import { TypeError_ } from "./errors";

export const enum Tag {
  Undefined = 0, Null = 1, False = 2, True = 3, Int32 = 4, Float64 = 5, BigInt = 6, String = 7,
  Array = 8, Object = 9, Map = 10, Set = 11, Date = 12, RegExp = 13, ArrayBuffer = 14, View = 15,
  SharedView = 16, SharedBuffer = 17, SharedBufferCopy = 18, Error = 19, Ref = 20, StandIn = 21,
  SmallInt = 0x80,
}

export interface CodecOptions {
  /** Views of this buffer (the run's heap) travel as (offset, length): the receiver sees the same memory. */
  sharedBuffer?: SharedArrayBuffer;
  /** For functions and class instances: a cloneable stand-in, or undefined to copy it as a plain object. */
  substitute?(value: object): unknown;
  /** Rebuilds what `substitute` stood in for. */
  restore?(standIn: unknown): unknown;
  /** Names the value in error messages ("queue item"); default "value". */
  label?: string;
}

type ViewCtor = new (buffer: ArrayBufferLike, byteOffset?: number, length?: number) => ArrayBufferView;
const VIEW_TYPES: ViewCtor[] = [
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array, DataView,
];
const float16 = (globalThis as { Float16Array?: ViewCtor }).Float16Array;
if (float16) VIEW_TYPES.push(float16);
const VIEW_KIND = new Map<unknown, number>(VIEW_TYPES.map((ctor, kind) => [ctor, kind]));
const ERRORS: Record<string, ErrorConstructor> = { Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError };

/** Thrown internally when the output region is full; encodeInto then returns -1. */
const NO_ROOM = new Error("no room");
const SEEN_LINEAR = 16;
const KEY_CACHE_SIZE = 256;
const keyCache: (string | undefined)[] = new Array(KEY_CACHE_SIZE).fill(undefined);

class NotCloneable extends Error {
  path = "";
}

function notCloneable(what: string): NotCloneable {
  return new NotCloneable(`${what}, which cannot be copied to another thread (only data can: numbers, strings, ` +
    `booleans, bigints, arrays, plain objects, Map, Set, Date, RegExp, ArrayBuffer, typed arrays, errors)`);
}

function describe(value: object): string {
  if (typeof value === "function") return value.name ? `a function (${value.name})` : "a function";
  return `a ${Object.prototype.toString.call(value).slice(8, -1)}`;
}

function rethrowWithPath(error: unknown, segment: string): never {
  if (error instanceof NotCloneable) error.path = segment + error.path;
  throw error;
}

const keySegment = (key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`);

export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2; // 4 bytes for the pair's 2 code units
      i++;
    } else n += 2;
  }
  return n;
}

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

class Writer {
  out: Uint8Array = new Uint8Array(0);
  pos = 0;
  end = 0;
  // Objects met so far, by number. A linear search beats a Map for the few
  // objects of a typical item (Map.clear allocates a new table every time);
  // past SEEN_LINEAR objects a Map indexes them as well.
  private readonly seen: object[] = [];
  private seenMap: Map<object, number> | null = null;
  private objects = 0;
  private readonly f64 = new Float64Array(1);
  private readonly f64Bytes = new Uint8Array(this.f64.buffer);
  options: CodecOptions | undefined;

  reset(): void {
    // Drop the references, so a sent item is not kept alive by the codec.
    this.seen.fill(undefined as never, 0, this.objects);
    this.objects = 0;
    this.seenMap = null;
    this.options = undefined;
  }

  /** The number of `o` if it was met before; else numbers it and returns -1. */
  private meet(o: object): number {
    const n = this.objects;
    if (n <= SEEN_LINEAR) {
      const seen = this.seen;
      for (let i = 0; i < n; i++) if (seen[i] === o) return i;
      if (n === SEEN_LINEAR) this.seenMap = new Map(seen.slice(0, n).map((x, i) => [x, i]));
    } else {
      const ref = this.seenMap!.get(o);
      if (ref !== undefined) return ref;
    }
    this.seen[n] = o;
    this.seenMap?.set(o, n);
    this.objects = n + 1;
    return -1;
  }

  private room(n: number): void {
    if (this.pos + n > this.end) throw NO_ROOM;
  }

  private byte(b: number): void {
    if (this.pos >= this.end) throw NO_ROOM;
    this.out[this.pos++] = b;
  }

  private varuint(n: number): void {
    while (n >= 0x80) {
      this.byte((n & 0x7f) | 0x80);
      n >>>= 7;
    }
    this.byte(n);
  }

  private float(v: number): void {
    this.room(8);
    this.f64[0] = v;
    const out = this.out, b = this.f64Bytes, p = this.pos;
    for (let i = 0; i < 8; i++) out[p + i] = b[i];
    this.pos = p + 8;
  }

  /** A string's payload: varint byte length, then UTF-8. */
  text(s: string): void {
    const n = s.length;
    if (n < 0x80) {
      // ASCII in one pass, behind a one-byte length; anything else starts over below.
      this.room(n + 1);
      const out = this.out;
      let p = this.pos + 1;
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        out[p++] = c;
      }
      if (i === n) {
        out[this.pos] = n;
        this.pos = p;
        return;
      }
    }
    const length = utf8Length(s);
    this.varuint(length);
    this.room(length);
    if (length > 256) {
      try {
        textEncoder.encodeInto(s, this.out.subarray(this.pos, this.pos + length));
        this.pos += length;
        return;
      } catch {
        // an engine that refuses shared memory there: encode by hand below
      }
    }
    const out = this.out;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      let c = s.charCodeAt(i);
      if (c < 0x80) out[p++] = c;
      else if (c < 0x800) {
        out[p++] = 0xc0 | (c >> 6);
        out[p++] = 0x80 | (c & 63);
      } else if (c >= 0xd800 && c < 0xdc00 && i + 1 < n && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        c = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
        out[p++] = 0xf0 | (c >> 18);
        out[p++] = 0x80 | ((c >> 12) & 63);
        out[p++] = 0x80 | ((c >> 6) & 63);
        out[p++] = 0x80 | (c & 63);
      } else {
        if (c >= 0xd800 && c < 0xe000) c = 0xfffd; // a lone surrogate
        out[p++] = 0xe0 | (c >> 12);
        out[p++] = 0x80 | ((c >> 6) & 63);
        out[p++] = 0x80 | (c & 63);
      }
    }
    this.pos = p;
  }

  private bytes(src: Uint8Array): void {
    this.varuint(src.length);
    this.room(src.length);
    this.out.set(src, this.pos);
    this.pos += src.length;
  }

  value(v: unknown): void {
    switch (typeof v) {
      case "number":
        if ((v | 0) === v && (v !== 0 || 1 / v > 0)) {
          if (v >= 0 && v < 0x80) return this.byte(Tag.SmallInt | v);
          this.room(5);
          const out = this.out, p = this.pos;
          out[p] = Tag.Int32;
          out[p + 1] = v;
          out[p + 2] = v >> 8;
          out[p + 3] = v >> 16;
          out[p + 4] = v >> 24;
          this.pos = p + 5;
          return;
        }
        this.byte(Tag.Float64);
        return this.float(v);
      case "string":
        this.byte(Tag.String);
        return this.text(v);
      case "boolean":
        return this.byte(v ? Tag.True : Tag.False);
      case "undefined":
        return this.byte(Tag.Undefined);
      case "bigint":
        return this.bigint(v);
      case "object":
        return v === null ? this.byte(Tag.Null) : this.object(v);
      case "function":
        return this.object(v);
      default:
        throw notCloneable(`a symbol (${String(v)})`);
    }
  }

  private bigint(v: bigint): void {
    this.byte(Tag.BigInt);
    this.byte(v < 0n ? 1 : 0);
    let m = v < 0n ? -v : v;
    const magnitude: number[] = [];
    for (; m > 0n; m >>= 8n) magnitude.push(Number(m & 0xffn));
    this.bytes(Uint8Array.from(magnitude));
  }

  private object(o: object): void {
    const ref = this.meet(o);
    if (ref >= 0) {
      this.byte(Tag.Ref);
      return this.varuint(ref);
    }
    if (Array.isArray(o)) return this.array(o);
    const proto = Object.getPrototypeOf(o);
    if (proto === Object.prototype || proto === null) return this.plain(o as Record<string, unknown>);
    if (o instanceof Map) {
      this.byte(Tag.Map);
      this.varuint(o.size);
      for (const [k, v] of o) {
        try {
          this.value(k);
          this.value(v);
        } catch (e) {
          rethrowWithPath(e, `.get(${typeof k === "string" ? JSON.stringify(k) : String(k)})`);
        }
      }
      return;
    }
    if (o instanceof Set) {
      this.byte(Tag.Set);
      this.varuint(o.size);
      let i = 0;
      for (const v of o) {
        try {
          this.value(v);
        } catch (e) {
          rethrowWithPath(e, ` (its item ${i})`);
        }
        i++;
      }
      return;
    }
    if (o instanceof Date) {
      this.byte(Tag.Date);
      return this.float(o.getTime());
    }
    if (o instanceof RegExp) {
      this.byte(Tag.RegExp);
      this.text(o.source);
      return this.text(o.flags);
    }
    if (ArrayBuffer.isView(o)) return this.view(o);
    if (o instanceof ArrayBuffer) {
      this.byte(Tag.ArrayBuffer);
      return this.bytes(new Uint8Array(o));
    }
    if (typeof SharedArrayBuffer !== "undefined" && o instanceof SharedArrayBuffer) {
      if (o === this.options?.sharedBuffer) return this.byte(Tag.SharedBuffer);
      this.byte(Tag.SharedBufferCopy);
      return this.bytes(new Uint8Array(o));
    }
    if (o instanceof Error) {
      this.byte(Tag.Error);
      this.text(String(o.name));
      return this.text(String(o.message));
    }
    if (o instanceof Promise || o instanceof WeakMap || o instanceof WeakSet || o instanceof WeakRef) {
      throw notCloneable(describe(o));
    }
    const standIn = this.options?.substitute?.(o);
    if (standIn !== undefined) {
      this.byte(Tag.StandIn);
      return this.value(standIn);
    }
    if (typeof o === "function") throw notCloneable(describe(o));
    return this.plain(o as Record<string, unknown>);
  }

  private array(a: unknown[]): void {
    const n = a.length;
    this.byte(Tag.Array);
    this.varuint(n);
    for (let i = 0; i < n; i++) {
      try {
        this.value(a[i]);
      } catch (e) {
        rethrowWithPath(e, `[${i}]`);
      }
    }
  }

  private plain(o: Record<string, unknown>): void {
    const keys = Object.keys(o);
    this.byte(Tag.Object);
    this.varuint(keys.length);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      this.text(key);
      try {
        this.value(o[key]);
      } catch (e) {
        rethrowWithPath(e, keySegment(key));
      }
    }
  }

  private view(v: ArrayBufferView): void {
    let kind = VIEW_KIND.get(v.constructor);
    if (kind === undefined) kind = VIEW_TYPES.findIndex((ctor) => v instanceof ctor);
    if (v.buffer === this.options?.sharedBuffer) {
      this.byte(Tag.SharedView);
      this.byte(kind);
      this.varuint(v.byteOffset);
      return this.varuint(v.byteLength);
    }
    this.byte(Tag.View);
    this.byte(kind);
    this.bytes(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
  }
}

class Reader {
  b: Uint8Array = new Uint8Array(0);
  pos = 0;
  end = 0;
  /** objects decoded so far, by number (only [0, count) is live) */
  private readonly objects: unknown[] = [];
  private count = 0;
  private readonly f64 = new Float64Array(1);
  private readonly f64Bytes = new Uint8Array(this.f64.buffer);
  options: CodecOptions | undefined;

  reset(): void {
    const objects = this.objects;
    for (let i = 0; i < this.count; i++) objects[i] = undefined;
    this.count = 0;
    this.options = undefined;
  }

  private corrupt(): never {
    throw new RangeError(`corrupt encoded value at byte ${this.pos}`);
  }

  varuint(): number {
    let n = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (this.pos >= this.end) this.corrupt();
      const byte = this.b[this.pos++];
      n += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return n;
    }
    return this.corrupt();
  }

  private float(): number {
    const p = this.pos;
    if (p + 8 > this.end) this.corrupt();
    const b = this.b, out = this.f64Bytes;
    for (let i = 0; i < 8; i++) out[i] = b[p + i];
    this.pos = p + 8;
    return this.f64[0];
  }

  private take(n: number): number {
    const p = this.pos;
    if (p + n > this.end) this.corrupt();
    this.pos = p + n;
    return p;
  }

  text(): string {
    const n = this.varuint();
    return this.slice(this.take(n), n);
  }

  /**
   * An object key or a string value. Keys (and short strings such as tags
   * or names) repeat from item to item, so short ones come from a small
   * direct-mapped cache: the same string every time is cheaper than a new
   * one, and one that V8 has already internalized makes `o[key] = v` fast.
   */
  key(): string {
    const n = this.varuint();
    const p = this.take(n);
    if (n > 24) return this.slice(p, n);
    const b = this.b;
    let h = n;
    let high = 0;
    for (let i = p; i < p + n; i++) {
      h = (h * 31 + b[i]) | 0;
      high |= b[i];
    }
    // Only ASCII is cached: then equal char codes mean equal bytes.
    if (high >= 0x80) return this.slice(p, n);
    const slot = h & (KEY_CACHE_SIZE - 1);
    const hit = keyCache[slot];
    if (hit !== undefined && hit.length === n) {
      let i = 0;
      while (i < n && hit.charCodeAt(i) === b[p + i]) i++;
      if (i === n) return hit;
    }
    const key = this.slice(p, n);
    keyCache[slot] = key;
    return key;
  }

  private slice(p: number, n: number): string {
    const b = this.b;
    if (n <= 32) {
      let s = "";
      for (let i = p; i < p + n; i++) {
        const c = b[i];
        if (c >= 0x80) return textDecoder.decode(b.slice(p, p + n));
        s += String.fromCharCode(c);
      }
      return s;
    }
    // TextDecoder refuses views of shared memory: copy those first.
    const shared = typeof SharedArrayBuffer !== "undefined" && b.buffer instanceof SharedArrayBuffer;
    return textDecoder.decode(shared ? b.slice(p, p + n) : b.subarray(p, p + n));
  }

  private copy(): ArrayBuffer {
    const n = this.varuint();
    const p = this.take(n);
    return this.b.slice(p, p + n).buffer;
  }

  value(): unknown {
    if (this.pos >= this.end) this.corrupt();
    const tag = this.b[this.pos++];
    if (tag >= Tag.SmallInt) return tag & 0x7f;
    switch (tag) {
      case Tag.Undefined: return undefined;
      case Tag.Null: return null;
      case Tag.False: return false;
      case Tag.True: return true;
      case Tag.Int32: {
        const p = this.take(4), b = this.b;
        return b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24);
      }
      case Tag.Float64: return this.float();
      case Tag.BigInt: {
        const negative = this.b[this.take(1)] === 1;
        const n = this.varuint();
        const p = this.take(n);
        let m = 0n;
        for (let i = p + n - 1; i >= p; i--) m = (m << 8n) | BigInt(this.b[i]);
        return negative ? -m : m;
      }
      case Tag.String: return this.key();
      case Tag.Array: {
        const a: unknown[] = [];
        this.objects[this.count++] = a;
        for (let n = this.varuint(); n > 0; n--) a.push(this.value());
        return a;
      }
      case Tag.Object: {
        const o: Record<string, unknown> = {};
        this.objects[this.count++] = o;
        for (let n = this.varuint(); n > 0; n--) {
          const key = this.key();
          const v = this.value();
          if (key === "__proto__") Object.defineProperty(o, key, { value: v, enumerable: true, writable: true, configurable: true });
          else o[key] = v;
        }
        return o;
      }
      case Tag.Map: {
        const m = new Map();
        this.objects[this.count++] = m;
        for (let n = this.varuint(); n > 0; n--) {
          const k = this.value();
          m.set(k, this.value());
        }
        return m;
      }
      case Tag.Set: {
        const s = new Set();
        this.objects[this.count++] = s;
        for (let n = this.varuint(); n > 0; n--) s.add(this.value());
        return s;
      }
      case Tag.Date: return this.keep(new Date(this.float()));
      case Tag.RegExp: {
        const source = this.text();
        return this.keep(new RegExp(source, this.text()));
      }
      case Tag.ArrayBuffer: return this.keep(this.copy());
      case Tag.View: {
        const ctor = VIEW_TYPES[this.b[this.take(1)]] ?? this.corrupt();
        const buffer = this.copy();
        const per = (ctor as unknown as { BYTES_PER_ELEMENT?: number }).BYTES_PER_ELEMENT ?? 1;
        return this.keep(ctor === DataView ? new DataView(buffer) : new ctor(buffer, 0, buffer.byteLength / per));
      }
      case Tag.SharedView: {
        const ctor = VIEW_TYPES[this.b[this.take(1)]] ?? this.corrupt();
        const byteOffset = this.varuint();
        const byteLength = this.varuint();
        const buffer = this.options?.sharedBuffer;
        if (!buffer) throw new Error("internal: a view of shared memory arrived, but no sharedBuffer was given to decode it");
        const per = (ctor as unknown as { BYTES_PER_ELEMENT?: number }).BYTES_PER_ELEMENT ?? 1;
        return this.keep(new ctor(buffer, byteOffset, ctor === DataView ? byteLength : byteLength / per));
      }
      case Tag.SharedBuffer: {
        const buffer = this.options?.sharedBuffer;
        if (!buffer) throw new Error("internal: the shared heap arrived, but no sharedBuffer was given to decode it");
        return this.keep(buffer);
      }
      case Tag.SharedBufferCopy: {
        const n = this.varuint();
        const p = this.take(n);
        const sab = new SharedArrayBuffer(n);
        new Uint8Array(sab).set(this.b.subarray(p, p + n));
        return this.keep(sab);
      }
      case Tag.Error: {
        const name = this.text();
        const message = this.text();
        const error = new (ERRORS[name] ?? Error)(message);
        if (error.name !== name) error.name = name;
        return this.keep(error);
      }
      case Tag.Ref: {
        const index = this.varuint();
        return index < this.count ? this.objects[index] : this.corrupt();
      }
      case Tag.StandIn: {
        const slot = this.count++;
        const standIn = this.value();
        const restore = this.options?.restore;
        if (!restore) throw new Error("internal: a stand-in arrived, but no restore was given to decode it");
        return (this.objects[slot] = restore(standIn));
      }
      default:
        return this.corrupt();
    }
  }

  private keep<T>(o: T): T {
    this.objects[this.count++] = o;
    return o;
  }
}

// One idle writer and reader per worker, reused; a re-entrant call (a getter
// that itself encodes) gets fresh ones.
let idleWriter: Writer | null = new Writer();
let idleReader: Reader | null = new Reader();

/**
 * Encodes `value` into `out` from `offset`. Returns the offset just past it,
 * or -1 when `out` is too small (its bytes from `offset` on are then garbage).
 */
export function encodeInto(value: unknown, out: Uint8Array, offset = 0, options?: CodecOptions): number {
  // int32s, the commonest items, skip the writer's setup.
  if (typeof value === "number" && (value | 0) === value && (value !== 0 || 1 / value > 0)) {
    if ((value & 0x7f) === value) {
      if (offset >= out.length) return -1;
      out[offset] = Tag.SmallInt | value;
      return offset + 1;
    }
    if (offset + 5 > out.length) return -1;
    out[offset] = Tag.Int32;
    out[offset + 1] = value;
    out[offset + 2] = value >> 8;
    out[offset + 3] = value >> 16;
    out[offset + 4] = value >> 24;
    return offset + 5;
  }
  const w = idleWriter ?? new Writer();
  idleWriter = null;
  w.out = out;
  w.pos = offset;
  w.end = out.length;
  w.options = options;
  try {
    w.value(value);
    return w.pos;
  } catch (e) {
    if (e === NO_ROOM) return -1;
    if (e instanceof NotCloneable) {
      throw new TypeError_(`cannot copy ${options?.label ?? "value"}${e.path}: it is ${e.message}`);
    }
    throw e;
  } finally {
    w.reset();
    idleWriter = w;
  }
}

/** Encodes `value` into a new array of exactly its length. */
export function encode(value: unknown, options?: CodecOptions): Uint8Array {
  for (let size = 64; ; size *= 4) {
    const out = new Uint8Array(size);
    const end = encodeInto(value, out, 0, options);
    if (end >= 0) return out.slice(0, end);
  }
}

/** Decodes the one value encoded in `bytes[offset, end)`. */
export function decode(bytes: Uint8Array, offset = 0, end = bytes.length, options?: CodecOptions): unknown {
  if (end === offset + 1 && bytes[offset] >= Tag.SmallInt) return bytes[offset] & 0x7f;
  if (end === offset + 5 && bytes[offset] === Tag.Int32) {
    return bytes[offset + 1] | (bytes[offset + 2] << 8) | (bytes[offset + 3] << 16) | (bytes[offset + 4] << 24);
  }
  const r = idleReader ?? new Reader();
  idleReader = null;
  r.b = bytes;
  r.pos = offset;
  r.end = end;
  r.options = options;
  try {
    const value = r.value();
    if (r.pos !== end) throw new RangeError(`corrupt encoded value: ${end - r.pos} bytes left over`);
    return value;
  } finally {
    r.reset();
    idleReader = r;
  }
}

/** Reads the varint at `pos`; `varuintEnd` is then the offset past it. */
export let varuintEnd = 0;
export function readVaruint(b: Uint8Array, pos: number): number {
  let n = 0;
  for (let shift = 0; ; shift += 7) {
    const byte = b[pos++];
    n += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80 || shift >= 28) {
      varuintEnd = pos;
      return n;
    }
  }
}

/** The offset just past the encoded value that starts at `pos` (no decoding, no allocation). */
export function skipValue(b: Uint8Array, pos: number): number {
  const tag = b[pos++];
  if (tag >= Tag.SmallInt) return pos;
  switch (tag) {
    case Tag.Undefined: case Tag.Null: case Tag.False: case Tag.True: case Tag.SharedBuffer: return pos;
    case Tag.Int32: return pos + 4;
    case Tag.Float64: case Tag.Date: return pos + 8;
    case Tag.BigInt: return skipText(b, pos + 1); // sign byte, then length-prefixed bytes
    case Tag.String: case Tag.ArrayBuffer: case Tag.SharedBufferCopy: return skipText(b, pos);
    case Tag.RegExp: case Tag.Error: return skipText(b, skipText(b, pos));
    case Tag.View: return skipText(b, pos + 1);
    case Tag.SharedView: readVaruint(b, pos + 1); readVaruint(b, varuintEnd); return varuintEnd;
    case Tag.Ref: readVaruint(b, pos); return varuintEnd;
    case Tag.StandIn: return skipValue(b, pos);
    case Tag.Array: case Tag.Set: case Tag.Map: case Tag.Object: {
      let n = readVaruint(b, pos);
      pos = varuintEnd;
      if (tag === Tag.Map) n *= 2;
      for (; n > 0; n--) pos = skipValue(b, tag === Tag.Object ? skipText(b, pos) : pos);
      return pos;
    }
    default: throw new RangeError(`corrupt encoded value: tag ${tag}`);
  }
}

function skipText(b: Uint8Array, pos: number): number {
  const n = readVaruint(b, pos);
  return varuintEnd + n;
}
