// Walking encoded values without decoding them (the format is in
// value-codec-format.ts): the offset just past a value, and varints read in
// place. For readers that look at items where they lie in shared memory,
// such as PriorityQueue's order (src/sync/queue-order.ts), with no
// allocation. Unlike the decoder these trust the bytes: they run only over
// what encodeInto wrote.

import { Tag } from "./value-codec-format";

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
