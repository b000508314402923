// Where a value that is not an Error was thrown. JavaScript lets a snippet
// `throw "boom"` or `throw {}`, and such a value has no stack, so a
// traceback could not say where it came from. The compiler turns every
// `throw value` into `throw __pg.thrown(value)`, and this module keeps the
// stack of the moment for values that need it: in a WeakMap for objects,
// and as the last one thrown for primitives (the one an uncaught error
// most likely is; a primitive cannot be told from another equal one).

const stacks = new WeakMap<object, string>();
let lastPrimitive: { value: unknown; stack: string } | null = null;

export function noteThrown<T>(value: T): T {
  if (value instanceof Error) return value;
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
