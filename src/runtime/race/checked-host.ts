// The host functions a checked compile calls (compile/shared-globals.ts and
// compile/checked-memory.ts): each access of memory that may be shared is
// done as written and, when it lands in the user heap, shown to this
// thread's race detector as the heap word it touches. Elements of typed
// arrays narrower than 4 bytes are not checked: two threads writing
// neighbouring bytes of one word do not race, and one shadow per word
// would say they do. `atomics` stands for the global Atomics: each
// operation on shared memory is a release and/or an acquire of its word,
// as the memory model makes it (load acquires, store releases, the
// read-modify-writes do both, notify releases, a wait that returns acquires).
// In a controlled run each checked access is also a step of the scheduler
// (API.md §10): a read, a write, and for `x += 1` a read and then a write,
// so another thread can be chosen between them, as the lost update needs.
// So is each Atomics operation on shared memory (a spin on compareExchange
// yields at every try); Atomics.wait is refused there: asleep in it, a
// thread would keep the scheduler's turn.

import type { SnippetHost } from "../../compile/types";
import type { RaceDetector } from "./race-detector";
import { sharedCellOf } from "./shared-cells";
import type { Scheduler } from "../control/scheduler";
import { ATOMIC_OPS, StepKind } from "../control/step-kinds";
import { RuntimeError } from "../../base/errors";

type Ops = (a: never, b: never) => unknown;
/** compile/checked-memory.ts COMPOUND_OPS, in the same order */
const COMPOUND: readonly Ops[] = [
  (a: number, b: number) => a + b, (a: number, b: number) => a - b, (a: number, b: number) => a * b,
  (a: number, b: number) => a / b, (a: number, b: number) => a % b, (a: number, b: number) => a ** b,
  (a: number, b: number) => a << b, (a: number, b: number) => a >> b, (a: number, b: number) => a >>> b,
  (a: number, b: number) => a & b, (a: number, b: number) => a | b, (a: number, b: number) => a ^ b,
];

type Checked = Pick<SnippetHost, "rd" | "wr" | "upd" | "er" | "ew" | "ec" | "eu" | "atomics">;
type Indexed = Record<PropertyKey, unknown>;
type View = ArrayBufferView & { length: number; BYTES_PER_ELEMENT: number };

export function checkedHost(globals: Float64Array, userHeap: SharedArrayBuffer, race: RaceDetector | null, control: Scheduler | null = null): Checked {
  const g = globals;
  const globalsWord = g.byteOffset / 4;

  /** the user-heap word `o[k]` touches, or -1 when it is not checked */
  const cellOf = (o: unknown, k: unknown): number => {
    if ((race === null && control === null) || typeof o !== "object" || o === null) return -1;
    if (ArrayBuffer.isView(o)) {
      const view = o as View;
      if (view.buffer !== userHeap || !(view.BYTES_PER_ELEMENT >= 4)) return -1;
      const i = typeof k === "number" ? k : typeof k === "string" ? Number(k) : NaN;
      if (!Number.isInteger(i) || i < 0 || i >= view.length) return -1;
      return ((view.byteOffset + i * view.BYTES_PER_ELEMENT) / 4) | 0;
    }
    return sharedCellOf(o, k);
  };
  const bump = (old: unknown, delta: number): unknown => (typeof old === "bigint" ? old + BigInt(delta) : +(old as number) + delta);
  const numeric = (old: unknown): unknown => (typeof old === "bigint" ? old : +(old as number));

  const atomics = Object.create(null) as Indexed;
  const viewWord = (ta: unknown, index: unknown): number => {
    if (race === null || !ArrayBuffer.isView(ta) || (ta as View).buffer !== userHeap || typeof index !== "number") return 0;
    return -(((((ta as View).byteOffset + index * (ta as View).BYTES_PER_ELEMENT) / 4) | 0) + 1);
  };
  const wrap = (name: string, before: boolean, after: boolean) => {
    const op = (Atomics as unknown as Indexed)[name] as (...args: unknown[]) => unknown;
    const opIndex = ATOMIC_OPS.indexOf(name);
    atomics[name] = (ta: unknown, index: unknown, ...rest: unknown[]) => {
      // In a controlled run an operation on shared memory is a step: another thread may go before it.
      if (control && opIndex >= 0 && ArrayBuffer.isView(ta) && (ta as View).buffer === userHeap) control.step(StepKind.Atomic, opIndex);
      const key = viewWord(ta, index);
      if (key !== 0 && before) race!.release(key);
      const result = op(ta, index, ...rest);
      if (key !== 0 && after) race!.acquire(key);
      return result;
    };
  };
  for (const name of ["add", "and", "compareExchange", "exchange", "or", "sub", "xor"]) wrap(name, true, true);
  wrap("load", false, true);
  wrap("store", true, false);
  wrap("notify", true, false);
  wrap("wait", false, true);
  for (const name of Object.getOwnPropertyNames(Atomics)) if (!(name in atomics)) atomics[name] = (Atomics as unknown as Indexed)[name];
  if (control) {
    // A thread asleep in Atomics.wait would keep the scheduler's turn, and no other thread could run to wake it.
    for (const name of ["wait", "waitAsync"]) {
      atomics[name] = () => {
        throw new RuntimeError(`Atomics.${name} is not supported in a controlled run yet: a thread asleep in it would keep the scheduler's turn, so no other thread could run to wake it; wait on an Event, a Condition or a Queue instead`);
      };
    }
  }

  const read = (cell: number, site: number) => {
    control?.step(StepKind.Read, site);
    race?.read(cell, site);
  };
  const write = (cell: number, site: number) => {
    control?.step(StepKind.Write, site);
    race?.write(cell, site);
  };

  return {
    rd(slot, site) {
      read(globalsWord + slot * 2, site);
      return g[slot];
    },
    wr(slot, site, value) {
      write(globalsWord + slot * 2, site);
      return (g[slot] = value);
    },
    upd(slot, site, delta, prefix) {
      read(globalsWord + slot * 2, site);
      const old = g[slot];
      write(globalsWord + slot * 2, site);
      g[slot] = old + delta;
      return prefix ? old + delta : old;
    },
    er(o, k, site) {
      const cell = cellOf(o, k);
      if (cell >= 0) read(cell, site);
      return (o as Indexed)[k as PropertyKey];
    },
    ew(o, k, site, v) {
      const cell = cellOf(o, k);
      if (cell >= 0) write(cell, site);
      return ((o as Indexed)[k as PropertyKey] = v);
    },
    ec(o, k, site, op, v) {
      const cell = cellOf(o, k);
      if (cell >= 0) read(cell, site);
      const value = (COMPOUND[op] as (a: unknown, b: unknown) => unknown)((o as Indexed)[k as PropertyKey], v);
      if (cell >= 0) write(cell, site);
      return ((o as Indexed)[k as PropertyKey] = value);
    },
    eu(o, k, site, delta, prefix) {
      const cell = cellOf(o, k);
      if (cell >= 0) read(cell, site);
      const old = (o as Indexed)[k as PropertyKey];
      const now = bump(old, delta);
      if (cell >= 0) write(cell, site);
      (o as Indexed)[k as PropertyKey] = now;
      return prefix ? now : numeric(old);
    },
    atomics: atomics as unknown as typeof Atomics,
  };
}
