// Which object properties live in shared memory: a Thread subclass's
// number/boolean fields (api/thread.ts) and a Value's `value`. The checked
// accesses of a race-detector run (runtime/race/checked-host.ts) look a
// property up here to find the user-heap word to check; everything else is
// a plain property. One registry per worker, weak, so objects still die.

const cells = new WeakMap<object, Map<string, number>>();

/** `obj[key]` lives at word `word` of the user heap. */
export function registerSharedCell(obj: object, key: string, word: number): void {
  let keys = cells.get(obj);
  if (!keys) cells.set(obj, (keys = new Map()));
  keys.set(key, word);
}

/** The user-heap word of `obj[key]`, or -1 when it is not a shared cell. */
export function sharedCellOf(obj: object, key: unknown): number {
  if (typeof key !== "string") return -1;
  return cells.get(obj)?.get(key) ?? -1;
}
