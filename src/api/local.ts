// local() (Python's threading.local): an object whose properties belong to
// the thread that sets them. Each thread runs in its own worker, so an
// ordinary object already is per thread; what local() adds is that copying
// it into a new thread (as a top-level variable or an argument) gives that
// thread a fresh, empty one instead of a copy of the starter's properties.

import { SEND, type Sendable } from "../runtime/door";

class ThreadLocal implements Sendable {
  [SEND]() {
    return { kind: "local", data: null };
  }
}

/** An object whose properties are per thread. */
export function local<T extends object = Record<string, unknown>>(): T {
  return new ThreadLocal() as unknown as T;
}
