// Where a worker's global names live: the runtime wraps host functions at
// boot where they are defined (on the global scope's prototypes, so that a
// call through a prototype is seen too), for its check of itself
// (worker-hygiene.ts) and to bind them to threads (thread-timers.ts,
// thread-host-calls.ts).

/** The object on `scope`'s prototype chain that holds `name` as its own property, if any. */
export function ownerOf(scope: object, name: string): object | null {
  for (let o: object | null = scope; o; o = Object.getPrototypeOf(o)) if (Object.prototype.hasOwnProperty.call(o, name)) return o;
  return null;
}

/** What `path` ("Blob.prototype"; "" for the scope itself) names in `scope`, if an object or function. */
export function objectAt(scope: object, path: string): object | null {
  if (path === "") return scope;
  const found = path.split(".").reduce<unknown>((o, key) => (o === null || o === undefined ? undefined : (o as Record<string, unknown>)[key]), scope);
  return (typeof found === "object" || typeof found === "function") && found !== null ? found : null;
}
