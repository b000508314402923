// The encoder's value level: walks a value and writes it in the format of
// value-codec-format.ts through ByteWriter (value-codec-byte-writer.ts).
// Objects are numbered as they are met, so a shared sub-object or a cycle
// becomes a reference (tag 20). What cannot be copied throws NotCloneable,
// which collects the path to the value ([2].tags.get("k")) on its way
// out; encodeInto turns it into the user's TypeError.

import { ByteWriter } from "./value-codec-byte-writer";
import { Tag, VIEW_KIND, VIEW_TYPES, type CodecOptions } from "./value-codec-format";

const SEEN_LINEAR = 16;

export class NotCloneable extends Error {
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

export class Writer extends ByteWriter {
  // Objects met so far, by number. A linear search beats a Map for the few
  // objects of a typical item (Map.clear allocates a new table every time);
  // past SEEN_LINEAR objects a Map indexes them as well.
  private readonly seen: object[] = [];
  private seenMap: Map<object, number> | null = null;
  private objects = 0;
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
