// Who holds an object a thread waits on, read from the object's own words:
// what the deadlock watch follows from a waiting thread to the thread that
// must act. One entry per kind that has a holder; a kind with none (an
// Event, a Queue: anyone could set or fill it) is not followed.

import { Lock as LockCore } from "../sync/lock";
import { RLock as RLockCore } from "../sync/rlock";
import { RWLock as RWLockCore } from "../sync/rwlock";
import { kindOf, ObjKind, ordinalOf } from "../trace/object-kinds";

type Holder = (i32: Int32Array, base: number, ref: number) => number;

const HOLDERS: Partial<Record<ObjKind, Holder>> = {
  // a join waits for the thread itself: its ident is the ref's ordinal
  [ObjKind.Thread]: (_i32, _base, ref) => ordinalOf(ref),
  [ObjKind.Lock]: (i32, base) => new LockCore(i32, base).owner(),
  [ObjKind.RLock]: (i32, base) => new RLockCore(i32, base).owner(),
  [ObjKind.RWLock]: (i32, base) => new RWLockCore(i32, base).holder(),
};

/** Whether finding the holder of `ref` needs its heap words (`base`). */
export function holderNeedsMemory(ref: number): boolean {
  const kind = kindOf(ref);
  return kind !== ObjKind.Thread && kind in HOLDERS;
}

/** The ident of the thread holding object `ref` (words at `base`), 0 when none or not known. */
export function holderOf(ref: number, i32: Int32Array, base: number): number {
  return HOLDERS[kindOf(ref)]?.(i32, base, ref) ?? 0;
}
