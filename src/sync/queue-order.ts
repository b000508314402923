// PriorityQueue's order, read straight from encoded items (value-codec.ts)
// in shared memory: nothing is decoded but the parts that decide, so a put
// compares [priority, task] pairs by their first number and never looks at
// the task unless two priorities tie.
//
// Python's rules, as heapq applies them to tuples: numbers (and booleans and
// bigints, as Python's bools and ints) compare by value; strings by code
// point (the order of their UTF-8 bytes; JavaScript's `<` uses UTF-16 units,
// which differs only between U+E000..U+FFFF and astral characters); arrays
// element by element, then the shorter first; Dates by time. Elements that
// are equal (same encoding) are skipped without asking whether they order,
// so [1, {}] vs [2, {}] is fine but [1, {a: 1}] vs [1, {a: 2}] fails with
// the TypeError Python gives for dicts.

import { TypeError_ } from "../base/errors";
import { readVaruint, skipValue, Tag, varuintEnd } from "../base/value-codec";

const f64 = new Float64Array(1);
const f64Bytes = new Uint8Array(f64.buffer);

// Where the two values compared last end; set whenever compareAt returns 0.
let endA = 0;
let endB = 0;
let numberEnd = 0;

const isNumeric = (tag: number) =>
  tag >= Tag.SmallInt || tag === Tag.Int32 || tag === Tag.Float64 || tag === Tag.BigInt || tag === Tag.True || tag === Tag.False;

function numberAt(b: Uint8Array, p: number): number | bigint {
  const tag = b[p];
  if (tag >= Tag.SmallInt) {
    numberEnd = p + 1;
    return tag & 0x7f;
  }
  switch (tag) {
    case Tag.Int32:
      numberEnd = p + 5;
      return b[p + 1] | (b[p + 2] << 8) | (b[p + 3] << 16) | (b[p + 4] << 24);
    case Tag.Float64:
      for (let i = 0; i < 8; i++) f64Bytes[i] = b[p + 1 + i];
      numberEnd = p + 9;
      return f64[0];
    case Tag.True:
    case Tag.False:
      numberEnd = p + 1;
      return tag === Tag.True ? 1 : 0;
    default: {
      const negative = b[p + 1] === 1;
      const n = readVaruint(b, p + 2);
      const start = varuintEnd;
      let m = 0n;
      for (let i = start + n - 1; i >= start; i--) m = (m << 8n) | BigInt(b[i]);
      numberEnd = start + n;
      return negative ? -m : m;
    }
  }
}

function typeName(tag: number): string {
  if (isNumeric(tag)) return "number";
  switch (tag) {
    case Tag.Undefined: return "undefined";
    case Tag.Null: return "null";
    case Tag.String: return "string";
    case Tag.Array: return "array";
    case Tag.Map: return "Map";
    case Tag.Set: return "Set";
    case Tag.Date: return "Date";
    case Tag.RegExp: return "RegExp";
    case Tag.Error: return "Error";
    case Tag.ArrayBuffer: case Tag.SharedBuffer: case Tag.SharedBufferCopy: return "ArrayBuffer";
    case Tag.View: case Tag.SharedView: return "typed array";
    default: return "object";
  }
}

function compareAt(a: Uint8Array, pa: number, b: Uint8Array, pb: number): number {
  const ta = a[pa];
  const tb = b[pb];
  if (ta >= Tag.SmallInt && tb >= Tag.SmallInt) {
    endA = pa + 1;
    endB = pb + 1;
    return ta - tb;
  }
  if (isNumeric(ta) && isNumeric(tb)) {
    const x = numberAt(a, pa);
    endA = numberEnd;
    const y = numberAt(b, pb);
    endB = numberEnd;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (ta === tb && ta === Tag.String) {
    const na = readVaruint(a, pa + 1);
    const sa = varuintEnd;
    const nb = readVaruint(b, pb + 1);
    const sb = varuintEnd;
    const n = Math.min(na, nb);
    for (let i = 0; i < n; i++) if (a[sa + i] !== b[sb + i]) return a[sa + i] - b[sb + i];
    endA = sa + na;
    endB = sb + nb;
    return na - nb;
  }
  if (ta === tb && ta === Tag.Array) {
    const na = readVaruint(a, pa + 1);
    let ia = varuintEnd;
    const nb = readVaruint(b, pb + 1);
    let ib = varuintEnd;
    const n = Math.min(na, nb);
    for (let i = 0; i < n; i++) {
      const c = compareAt(a, ia, b, ib);
      if (c !== 0) return c;
      ia = endA;
      ib = endB;
    }
    if (na !== nb) return na - nb;
    endA = ia;
    endB = ib;
    return 0;
  }
  if (ta === tb && ta === Tag.Date) {
    for (let i = 0; i < 8; i++) f64Bytes[i] = a[pa + 1 + i];
    const ma = f64[0];
    for (let i = 0; i < 8; i++) f64Bytes[i] = b[pb + 1 + i];
    const mb = f64[0];
    endA = pa + 9;
    endB = pb + 9;
    return ma < mb ? -1 : ma > mb ? 1 : 0;
  }
  // Not orderable: equal encodings still count as equal (Python's == first).
  const ea = skipValue(a, pa);
  const eb = skipValue(b, pb);
  if (ea - pa === eb - pb) {
    let i = 0;
    while (i < ea - pa && a[pa + i] === b[pb + i]) i++;
    if (i === ea - pa) {
      endA = ea;
      endB = eb;
      return 0;
    }
  }
  throw new TypeError_(
    `'<' not supported between instances of '${typeName(ta)}' and '${typeName(tb)}': PriorityQueue items must be ordered; ` +
      `put [priority, count, item] so that ties are settled by the count, never by the item`,
  );
}

/**
 * Orders the encoded values at `a[pa]` and `b[pb]`: negative when a < b,
 * 0 when neither is smaller, positive when a > b. Throws Python's TypeError
 * for values that do not order.
 */
export function compareEncoded(a: Uint8Array, pa: number, b: Uint8Array, pb: number): number {
  return compareAt(a, pa, b, pb);
}
