// The encoder's byte level (the format is in value-codec-format.ts): a cursor
// over the caller's Uint8Array that writes tag bytes, LEB128 varints,
// float64s in host byte order, length-prefixed UTF-8 and raw byte runs.
// Running out of room throws NO_ROOM, which encodeInto turns into -1, so no
// write has to check a result. value-codec-writer.ts builds values on it.

/** Thrown internally when the output region is full; encodeInto then returns -1. */
export const NO_ROOM = new Error("no room");

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

export class ByteWriter {
  out: Uint8Array = new Uint8Array(0);
  pos = 0;
  end = 0;
  private readonly f64 = new Float64Array(1);
  private readonly f64Bytes = new Uint8Array(this.f64.buffer);

  protected room(n: number): void {
    if (this.pos + n > this.end) throw NO_ROOM;
  }

  protected byte(b: number): void {
    if (this.pos >= this.end) throw NO_ROOM;
    this.out[this.pos++] = b;
  }

  protected varuint(n: number): void {
    while (n >= 0x80) {
      this.byte((n & 0x7f) | 0x80);
      n >>>= 7;
    }
    this.byte(n);
  }

  protected float(v: number): void {
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

  protected bytes(src: Uint8Array): void {
    this.varuint(src.length);
    this.room(src.length);
    this.out.set(src, this.pos);
    this.pos += src.length;
  }
}
