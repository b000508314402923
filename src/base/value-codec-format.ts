// The value codec's wire format (value-codec.ts): the tag bytes, the kinds of
// typed array, the error classes that survive the trip, and the options both
// sides share. The encoder (value-codec-writer.ts), the decoder
// (value-codec-reader.ts) and the skipper (value-codec-skip.ts) all follow
// the table below.
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

/** The kind byte of tags 15 and 16 is an index into this list. */
type ViewCtor = new (buffer: ArrayBufferLike, byteOffset?: number, length?: number) => ArrayBufferView;
export const VIEW_TYPES: ViewCtor[] = [
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array, DataView,
];
const float16 = (globalThis as { Float16Array?: ViewCtor }).Float16Array;
if (float16) VIEW_TYPES.push(float16);
export const VIEW_KIND = new Map<unknown, number>(VIEW_TYPES.map((ctor, kind) => [ctor, kind]));

/** Error classes that tag 19 rebuilds by name; any other name becomes an Error with that name. */
export const ERRORS: Record<string, ErrorConstructor> = { Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError };
