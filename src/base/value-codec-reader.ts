// The decoder: a cursor over bytes in the format of value-codec-format.ts
// that rebuilds the value, numbering objects in the encoder's order so that
// a reference (tag 20) finds the same object again. Every read is checked
// against `end`, so corrupt bytes throw a RangeError that names the offset
// instead of reading past the region.

import { ERRORS, Tag, VIEW_TYPES, type CodecOptions } from "./value-codec-format";

const KEY_CACHE_SIZE = 256;
const keyCache: (string | undefined)[] = new Array(KEY_CACHE_SIZE).fill(undefined);

const textDecoder = new TextDecoder();

export class Reader {
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
