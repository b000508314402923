// assert(condition, message?): Python's assert statement as a function
// (API.md §1). A failed assert is an uncaught AssertionError like any other,
// so it ends a thread with a traceback, and it is what the explorer of
// controlled runs looks for (API.md §10): "can any interleaving break this?"

import { AssertionError } from "../base/errors";

export function assert(condition: unknown, message?: string): asserts condition {
  if (!condition) throw new AssertionError(message === undefined ? "" : String(message));
}
