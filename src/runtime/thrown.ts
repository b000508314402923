// Where a value that is not an Error was thrown. JavaScript lets a snippet
// `throw "boom"` or `throw {}`, and such a value has no stack, so a
// traceback could not say where it came from. The compiler turns every
// `throw value` into `throw __pg.thrown(value)`, and this module keeps the
// stack of the moment for values that need it: in a WeakMap for objects,
// and as the last one thrown for primitives (the one an uncaught error
// most likely is; a primitive cannot be told from another equal one).

const stacks = new WeakMap<object, string>();
let lastPrimitive: { value: unknown; stack: string } | null = null;

/** Whether a thrown value is an Error; false for a Proxy whose getPrototypeOf trap throws (it is shown as a value). */
export function isError(value: unknown): value is Error {
  try {
    return value instanceof Error;
  } catch {
    return false;
  }
}

export function noteThrown<T>(value: T): T {
  // (A Proxy whose trap throws is thrown as it is, not the trap's error.)
  if (isError(value)) return value;
  const stack = new Error().stack ?? "";
  if ((typeof value === "object" && value !== null) || typeof value === "function") stacks.set(value as object, stack);
  else lastPrimitive = { value, stack };
  return value;
}

/** The stack where `value` (not an Error) was thrown, or "" when it is not known. */
export function stackOfThrown(value: unknown): string {
  if ((typeof value === "object" && value !== null) || typeof value === "function") return stacks.get(value as object) ?? "";
  return lastPrimitive && Object.is(lastPrimitive.value, value) ? lastPrimitive.stack : "";
}

/** What Python prints for an exception whose str() raises. */
export const UNPRINTABLE = "<exception str() failed>";

/**
 * `read()` as a string, or `fallback` when reading throws: a thrown value is
 * the snippet's, and its getters, Proxy traps and toString may throw too,
 * where the runtime must go on (to end the thread, to fail the task).
 */
export function safely(read: () => unknown, fallback: string): string {
  try {
    return String(read() ?? "");
  } catch {
    return fallback;
  }
}
