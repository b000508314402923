// sharedArray() and Value (multiprocessing.Array/Value): typed arrays that
// are views of the run's shared heap, so every thread and process that is
// given one reads and writes the same memory. `arr[i]++` and `v.value += 1`
// are plain, racy read-modify-writes, exactly what the tutorials warn about;
// Atomics.* works on them, and Value carries a Lock to fix the race with.

import { ValueError } from "../base/errors";
import { context, registerSharedCell, SEND, trackPart, type Sendable } from "../runtime/door";
import { Lock } from "./locks";

const ARRAY_TYPES = {
  int8: Int8Array, uint8: Uint8Array, uint8clamped: Uint8ClampedArray,
  int16: Int16Array, uint16: Uint16Array, int32: Int32Array, uint32: Uint32Array,
  float32: Float32Array, float64: Float64Array,
  bigint64: BigInt64Array, biguint64: BigUint64Array,
} as const;

export type SharedArrayType = keyof typeof ARRAY_TYPES;
type ArrayOf<T extends SharedArrayType> = InstanceType<(typeof ARRAY_TYPES)[T]>;

type ViewConstructor = { new (buffer: ArrayBufferLike, byteOffset: number, length: number): unknown; BYTES_PER_ELEMENT: number };

function arrayType(type: string): ViewConstructor {
  const ctor = (ARRAY_TYPES as unknown as Record<string, ViewConstructor>)[type];
  if (!ctor) throw new ValueError(`unknown shared array type '${type}'; use one of ${Object.keys(ARRAY_TYPES).join(", ")}`);
  return ctor;
}

/** A typed array of `length` zeros on shared memory. */
export function sharedArray<T extends SharedArrayType>(type: T, length: number): ArrayOf<T> {
  const ctor = arrayType(type);
  if (!Number.isInteger(length) || length < 0) throw new ValueError(`sharedArray length must be a non-negative integer, got ${length}`);
  const ctx = context();
  const byteOffset = ctx.userHeap.allocBytes(Math.max(length * ctor.BYTES_PER_ELEMENT, 8), 8);
  return new ctor(ctx.run.userHeap, byteOffset, length) as ArrayOf<T>;
}

interface ValueState {
  type: SharedArrayType;
  byteOffset: number;
  lock: Lock;
}

/** One shared number (Python's multiprocessing.Value). */
export class Value<T extends SharedArrayType = "float64"> implements Sendable {
  private readonly cell: ArrayOf<T>;
  private readonly state: ValueState;

  constructor(type: T, initial?: number | bigint, shared?: ValueState) {
    const ctor = arrayType(type);
    const ctx = context();
    if (shared) {
      this.state = shared;
    } else {
      this.state = { type, byteOffset: ctx.userHeap.allocBytes(8, 8), lock: new Lock() };
    }
    this.cell = new ctor(ctx.run.userHeap, this.state.byteOffset, 1) as ArrayOf<T>;
    trackPart(this, this.state.lock, "lock");
    registerSharedCell(this, "value", this.state.byteOffset / 4);
    if (!shared && initial !== undefined) this.value = initial as never;
  }

  get value(): ArrayOf<T>[number] {
    return this.cell[0] as ArrayOf<T>[number];
  }

  set value(v: ArrayOf<T>[number]) {
    (this.cell as unknown as { [i: number]: unknown })[0] = v;
  }

  /** The Lock that guards this value, the same one in every thread. */
  getLock(): Lock {
    return this.state.lock;
  }

  [SEND]() {
    return { kind: "Value", data: this.state };
  }

  toString(): string {
    return `Value('${this.state.type}', ${String(this.value)})`;
  }
}
